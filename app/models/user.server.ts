import type { FieldError, Outcome } from "~/lib/vocabulary";
// Staff accounts: invitations, roles, disabling, and one-time set-password links.
import { and, asc, eq, gt, isNull } from "drizzle-orm";
import { createHash, randomBytes } from "node:crypto";
import { districts, passwordTokens, teams, userDistricts, users } from "../../db/schema";
import { PASSWORD_LINK_HOURS } from "~/lib/account-limits";
import { endAllSessionsOf, normaliseEmail } from "~/lib/auth.server";
import { getDb } from "~/lib/db.server";
import { hashPassword, passwordProblem } from "~/lib/password.server";
import { formatSavedAt } from "~/lib/format";
import { assertPermission, NotPermittedError, ROLE_LABELS, type Actor, type Role } from "~/lib/permissions";
import { lastChangeOf, recordAudit } from "./audit.server";
import { areaOf } from "./partner-area.server";
import { mailPasswordLink } from "./staff-mail.server";



const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

export interface AccountInput {
  name: string;
  email: string;
  role: Role;
  teamId: number | null;
  organisation: string;
}

// Everything about an account except its password hash.
const accountColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  teamId: users.teamId,
  teamName: teams.name,
  organisation: users.organisation,
  hasPassword: users.passwordHash,
  createdAt: users.createdAt,
  disabledAt: users.disabledAt,
  lastSignInAt: users.lastSignInAt,
};

type AccountRow = {
  id: string;
  email: string;
  name: string;
  role: Role;
  teamId: number | null;
  teamName: string | null;
  organisation: string;
  hasPassword: string | null;
  createdAt: Date;
  disabledAt: Date | null;
  lastSignInAt: Date | null;
};

function toAccount(row: AccountRow) {
  const { hasPassword, ...rest } = row;
  return { ...rest, hasPassword: hasPassword !== null };
}

export function listUsers(actor: Actor | null) {
  assertPermission(actor, "manage:staff");
  return getDb().select(accountColumns).from(users).leftJoin(teams, eq(teams.id, users.teamId)).orderBy(asc(users.name)).all().map(toAccount);
}

export function findUser(actor: Actor | null, id: string) {
  assertPermission(actor, "manage:staff");
  const row = getDb().select(accountColumns).from(users).leftJoin(teams, eq(teams.id, users.teamId)).where(eq(users.id, id)).get();
  return row ? toAccount(row) : null;
}

function checkAccount(input: AccountInput, exceptId?: string): FieldError[] {
  const errors: FieldError[] = [];
  const existing = getDb().select({ id: users.id }).from(users).where(eq(users.email, normaliseEmail(input.email))).get();
  if (existing && existing.id !== exceptId) errors.push({ field: "email", message: "There is already an account with that email address" });
  if (input.role === "editor" && input.teamId === null) errors.push({ field: "teamId", message: "Choose the team this editor works for" });
  if (input.teamId !== null && !getDb().select({ id: teams.id }).from(teams).where(eq(teams.id, input.teamId)).get()) {
    errors.push({ field: "teamId", message: "Choose a team from the list" });
  }
  return errors;
}

// Only editors belong to a team; only partners have an organisation.
const normalise = (input: AccountInput) => ({
  name: input.name,
  email: normaliseEmail(input.email),
  role: input.role,
  teamId: input.role === "editor" ? input.teamId : null,
  organisation: input.role === "partner" ? input.organisation : "",
});

function newPasswordLink(
  tx: Pick<ReturnType<typeof getDb>, "insert" | "update" | "select">,
  userId: string,
  createdBy: string | null,
  now: Date,
  mail: { kind: "invitation" | "password"; to: string; name: string },
): string {
  const token = randomBytes(32).toString("base64url");
  // A new link replaces any earlier one that has not been used.
  tx.update(passwordTokens)
    .set({ usedAt: now })
    .where(and(eq(passwordTokens.userId, userId), isNull(passwordTokens.usedAt)))
    .run();
  tx.insert(passwordTokens)
    .values({ id: sha256(token), userId, createdBy, createdAt: now, expiresAt: new Date(now.getTime() + PASSWORD_LINK_HOURS * 3600_000) })
    .run();
  mailPasswordLink(tx, { ...mail, token, at: now });
  return token;
}

/** Create an account with no password, and the one-time link its owner uses to set one. */
export function inviteUser(actor: Actor | null, input: AccountInput, now = new Date()): Outcome<{ id: string; token: string }> {
  assertPermission(actor, "manage:staff");
  const errors = checkAccount(input);
  if (errors.length) return { ok: false, errors };
  const id = crypto.randomUUID();
  const token = getDb().transaction((tx) => {
    const [row] = tx
      .insert(users)
      .values({ id, ...normalise(input), createdAt: now })
      .returning()
      .all();
    recordAudit(tx, { actor, action: "user.invite", subjectType: "user", subjectId: id, teamId: row!.teamId, after: row, at: now });
    return newPasswordLink(tx, id, actor.id, now, { kind: "invitation", to: row!.email, name: row!.name });
  });
  return { ok: true, value: { id, token } };
}

/**
 * What the account page showed of an account: its fields and a partner's area, as one
 * short value the form carries back. A different value on saving means someone else
 * saved a change since the page was loaded.
 */
export function accountSeen(id: string): string {
  const account = getDb().select({ name: users.name, email: users.email, role: users.role, teamId: users.teamId, organisation: users.organisation }).from(users).where(eq(users.id, id)).get();
  const area = areaOf(id).map((d) => d.code);
  return createHash("sha256").update(JSON.stringify({ account, area })).digest("base64url").slice(0, 22);
}

/**
 * Null if the account is as the page showed it; otherwise what to tell the
 * administrator (who saved it when, and what it now holds) and what the page now shows.
 */
export function accountChangedSince(id: string, seen: string): { error: FieldError; seen: string } | null {
  const current = accountSeen(id);
  if (current === seen) return null;
  const now = getDb().select().from(users).where(eq(users.id, id)).get();
  if (!now) throw new NotPermittedError("That account does not exist.");
  const change = lastChangeOf("user", id);
  const who = change ? `${change.name ?? change.label} changed it at ${formatSavedAt(change.at)}` : "Someone changed it";
  const team = now.teamId ? getDb().select({ name: teams.name }).from(teams).where(eq(teams.id, now.teamId)).get()?.name : null;
  const area = areaOf(id).map((d) => d.name);
  const held = [now.name, now.email, ROLE_LABELS[now.role], team, now.organisation || null, now.role === "partner" ? `area: ${area.length ? area.join(", ") : "none"}` : null].filter(Boolean).join("; ");
  return {
    error: { field: "form", message: `This account was changed while you were on this page: ${who}. It is now saved as: ${held}. Your changes are below and have not been saved: check them and save again` },
    seen: current,
  };
}

export async function updateUser(actor: Actor | null, id: string, input: AccountInput, now = new Date()): Promise<Outcome<null>> {
  assertPermission(actor, "manage:staff");
  const before = getDb().select().from(users).where(eq(users.id, id)).get();
  if (!before) throw new NotPermittedError("That account does not exist.");
  if (id === actor.id && input.role !== "admin") return { ok: false, errors: [{ field: "role", message: "You cannot remove your own administrator role. Ask another administrator" }] };
  const errors = checkAccount(input, id);
  if (errors.length) return { ok: false, errors };
  const after = normalise(input);
  // Saved unchanged: nothing to record.
  if (before.name === after.name && before.email === after.email && before.role === after.role && before.teamId === after.teamId && before.organisation === after.organisation) {
    return { ok: true, value: null };
  }
  getDb().transaction((tx) => {
    tx.update(users).set(after).where(eq(users.id, id)).run();
    // Only partners have an area: an account moved to another role leaves it behind.
    if (after.role !== "partner") tx.delete(userDistricts).where(eq(userDistricts.userId, id)).run();
    recordAudit(tx, { actor, action: "user.edit", subjectType: "user", subjectId: id, teamId: after.teamId, before, after: { ...before, ...after }, at: now });
  });
  // A change of role or team takes effect at once: the person signs in again with their new permissions.
  if (before.role !== after.role || before.teamId !== after.teamId) await endAllSessionsOf(id);
  return { ok: true, value: null };
}

/** Disable an account and end its sessions. The account is kept: the audit log refers to it. */
export async function disableUser(actor: Actor | null, id: string, now = new Date()): Promise<Outcome<null>> {
  assertPermission(actor, "manage:staff");
  if (id === actor.id) return { ok: false, errors: [{ field: "form", message: "You cannot disable your own account" }] };
  const before = getDb().select().from(users).where(eq(users.id, id)).get();
  if (!before) throw new NotPermittedError("That account does not exist.");
  if (before.disabledAt) return { ok: true, value: null };
  getDb().transaction((tx) => {
    tx.update(users).set({ disabledAt: now }).where(eq(users.id, id)).run();
    tx.update(passwordTokens)
      .set({ usedAt: now })
      .where(and(eq(passwordTokens.userId, id), isNull(passwordTokens.usedAt)))
      .run();
    recordAudit(tx, { actor, action: "user.disable", subjectType: "user", subjectId: id, teamId: before.teamId, before, after: { ...before, disabledAt: now }, at: now });
  });
  await endAllSessionsOf(id);
  return { ok: true, value: null };
}

export function enableUser(actor: Actor | null, id: string, now = new Date()): Outcome<null> {
  assertPermission(actor, "manage:staff");
  const before = getDb().select().from(users).where(eq(users.id, id)).get();
  if (!before) throw new NotPermittedError("That account does not exist.");
  getDb().transaction((tx) => {
    tx.update(users).set({ disabledAt: null }).where(eq(users.id, id)).run();
    recordAudit(tx, { actor, action: "user.enable", subjectType: "user", subjectId: id, teamId: before.teamId, before, after: { ...before, disabledAt: null }, at: now });
  });
  return { ok: true, value: null };
}

/** A new one-time link for someone who has forgotten their password (the old one stops working only when it is used). */
export function issuePasswordLink(actor: Actor | null, id: string, now = new Date()): Outcome<{ token: string }> {
  assertPermission(actor, "manage:staff");
  const before = getDb().select().from(users).where(eq(users.id, id)).get();
  if (!before) throw new NotPermittedError("That account does not exist.");
  if (before.disabledAt) return { ok: false, errors: [{ field: "form", message: "This account is disabled. Enable it first" }] };
  const token = getDb().transaction((tx) => {
    recordAudit(tx, { actor, action: "user.password_link", subjectType: "user", subjectId: id, teamId: before.teamId, at: now });
    return newPasswordLink(tx, id, actor.id, now, { kind: "password", to: before.email, name: before.name });
  });
  return { ok: true, value: { token } };
}

/** The account a set-password link is for, if the link is unused, unexpired and the account enabled. */
export function findPasswordLink(token: string, now = new Date()) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  return (
    getDb()
      .select({ tokenId: passwordTokens.id, userId: users.id, email: users.email, name: users.name, hasPassword: users.passwordHash })
      .from(passwordTokens)
      .innerJoin(users, eq(users.id, passwordTokens.userId))
      .where(and(eq(passwordTokens.id, sha256(token)), isNull(passwordTokens.usedAt), gt(passwordTokens.expiresAt, now), isNull(users.disabledAt)))
      .get() ?? null
  );
}

/** Set a password from a one-time link. The link is used up, and any sessions of the account end. */
export async function setPasswordFromLink(token: string, password: string, now = new Date()): Promise<Outcome<{ email: string }>> {
  const link = findPasswordLink(token, now);
  if (!link) return { ok: false, errors: [{ field: "form", message: "This link has expired or has already been used. Ask an administrator for a new one" }] };
  const problem = passwordProblem(password, { email: link.email, name: link.name });
  if (problem) return { ok: false, errors: [{ field: "password", message: problem }] };
  const passwordHash = await hashPassword(password);
  const used = getDb().transaction((tx) => {
    // Checked again inside the transaction so two tabs cannot both use one link.
    const claimed = tx
      .update(passwordTokens)
      .set({ usedAt: now })
      .where(and(eq(passwordTokens.id, link.tokenId), isNull(passwordTokens.usedAt)))
      .run();
    if (claimed.changes !== 1) return false;
    tx.update(users).set({ passwordHash }).where(eq(users.id, link.userId)).run();
    recordAudit(tx, { actor: { id: link.userId, email: link.email }, action: "user.set_password", subjectType: "user", subjectId: link.userId, at: now });
    return true;
  });
  if (!used) return { ok: false, errors: [{ field: "form", message: "This link has already been used. Ask an administrator for a new one" }] };
  await endAllSessionsOf(link.userId);
  return { ok: true, value: { email: link.email } };
}

/**
 * Create an account from the command line (scripts/create-user.ts): how the first
 * administrator comes to exist, since there are no default accounts.
 */
export async function createUserFromCommandLine(input: AccountInput & { password: string; districts?: string[] }, now = new Date()): Promise<Outcome<{ id: string }>> {
  const errors = checkAccount(input);
  const area = input.role === "partner" ? [...new Set(input.districts ?? [])] : [];
  const knownDistricts = new Set(getDb().select({ code: districts.code }).from(districts).all().map((d) => d.code));
  const unknown = area.filter((c) => !knownDistricts.has(c));
  if (unknown.length) errors.push({ field: "districts", message: `No district has the code ${unknown.join(", ")}` });
  const problem = passwordProblem(input.password, { email: input.email, name: input.name });
  if (problem) errors.push({ field: "password", message: problem });
  if (errors.length) return { ok: false, errors };
  const passwordHash = await hashPassword(input.password);
  const id = crypto.randomUUID();
  getDb().transaction((tx) => {
    const [row] = tx
      .insert(users)
      .values({ id, ...normalise(input), passwordHash, createdAt: now })
      .returning()
      .all();
    if (area.length) tx.insert(userDistricts).values(area.map((districtCode) => ({ userId: id, districtCode }))).run();
    recordAudit(tx, { actor: null, action: "user.create", subjectType: "user", subjectId: id, teamId: row!.teamId, after: { ...row, ...(area.length ? { districts: area } : {}) }, at: now });
  });
  return { ok: true, value: { id } };
}

export function listTeamsForAccounts() {
  return getDb().select({ id: teams.id, name: teams.name }).from(teams).orderBy(asc(teams.name)).all();
}
