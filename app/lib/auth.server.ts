// Staff sign-in and sessions. The only module that knows lucia exists: routes and
// models call the functions below, so lucia (no longer maintained) can be swapped
// for another session library, or a few dozen lines of our own, here alone.
// See docs/decisions/006-lucia-behind-one-module.md.
import { DrizzleSQLiteAdapter } from "@lucia-auth/adapter-drizzle";
import { and, asc, desc, eq, gt } from "drizzle-orm";
import { generateIdFromEntropySize, Lucia, TimeSpan } from "lucia";
import { createHash } from "node:crypto";
import { auditEvents, sessions, users } from "../../db/schema";
import { recordAudit } from "~/models/audit.server";
import { getDb, isBusyError, type Db } from "./db.server";
import { describeDevice } from "./device-description";
import { deviceCookieAfterSignIn, knownDeviceKey } from "./device-cookie.server";
import { env } from "./env.server";
import { hashForMissingAccount, verifyPassword } from "./password.server";
import type { Actor } from "./permissions";
import { noteSignedInUser } from "./server/request-log.server";
import { markSucceeded, reserveAttempt } from "./sign-in-throttle.server";

/** A session ends after 30 minutes without a request, and 12 hours after sign-in whatever happens. */
export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const ABSOLUTE_LIFETIME_MS = 12 * 60 * 60 * 1000;
// last_seen_at is written at most once a minute, so reading pages does not mean a write per request.
const TOUCH_INTERVAL_MS = 60 * 1000;

const isProduction = () => env().NODE_ENV === "production";

// __Host- makes the browser refuse the cookie unless it is Secure, for path / and without a Domain.
export function sessionCookieName(production = isProduction()): string {
  return production ? "__Host-kent_session" : "kent_session";
}

function createLucia(db: Db, production: boolean) {
  return new Lucia(new DrizzleSQLiteAdapter(db, sessions, users), {
    // lucia's own limit, a backstop: the idle and absolute limits below are the real ones.
    sessionExpiresIn: new TimeSpan(12, "h"),
    sessionCookie: {
      name: sessionCookieName(production),
      attributes: { secure: production, sameSite: "lax", path: "/" },
    },
    getSessionAttributes: (a) => ({ createdAt: a.createdAt, lastSeenAt: a.lastSeenAt, userAgent: a.userAgent }),
    getUserAttributes: (a) => ({
      email: a.email,
      name: a.name,
      role: a.role,
      teamId: a.teamId,
      organisation: a.organisation,
      disabledAt: a.disabledAt,
    }),
  });
}

declare module "lucia" {
  interface Register {
    Lucia: ReturnType<typeof createLucia>;
    DatabaseSessionAttributes: { createdAt: number; lastSeenAt: number; userAgent: string };
    DatabaseUserAttributes: Omit<typeof users.$inferSelect, "id">;
  }
}

let cached: { db: Db; production: boolean; lucia: ReturnType<typeof createLucia> } | undefined;
function lucia(production = isProduction()) {
  const db = getDb();
  if (cached?.db !== db || cached.production !== production) cached = { db, production, lucia: createLucia(db, production) };
  return cached.lucia;
}

// The cookie carries a random token; the database keeps only its hash.
const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
const TOKEN_PATTERN = /^[a-z2-7]{40}$/;

/** Does the request carry a session cookie at all? Decided without touching the database. */
export function hasSessionCookie(request: Request): boolean {
  const header = request.headers.get("cookie");
  return !!header && header.includes(`${sessionCookieName()}=`);
}

/**
 * At most this many sessions per account (ASVS V3): enough for a desk, a laptop, a
 * phone and a few shared station machines; when a new sign-in passes it, the session
 * started longest ago ends, so a forgotten browser cannot stay signed in for ever.
 */
export const MAX_SESSIONS_PER_ACCOUNT = 10;
const MAX_USER_AGENT_LENGTH = 300;

const isLive = (s: { createdAt: number; lastSeenAt: number }, at: number) => at - s.createdAt <= ABSOLUTE_LIFETIME_MS && at - s.lastSeenAt <= IDLE_TIMEOUT_MS;

/** Start a new session (never reusing one the browser brought) and return its Set-Cookie header. */
export async function createUserSession(userId: string, { now = new Date(), production = isProduction(), userAgent = "" }: { now?: Date; production?: boolean; userAgent?: string | null } = {}): Promise<string> {
  const token = generateIdFromEntropySize(25);
  const at = now.getTime();
  await lucia(production).createSession(userId, { createdAt: at, lastSeenAt: at, userAgent: (userAgent ?? "").slice(0, MAX_USER_AGENT_LENGTH) }, { sessionId: sha256(token) });
  endSessionsBeyondCap(userId, now);
  return lucia(production).createSessionCookie(token).serialize();
}

/** Sessions past their limits are deleted; of the live ones, the oldest beyond the cap end, each written to the audit log. */
function endSessionsBeyondCap(userId: string, now: Date): void {
  const at = now.getTime();
  getDb().transaction((tx) => {
    const all = tx.select().from(sessions).where(eq(sessions.userId, userId)).orderBy(desc(sessions.createdAt), desc(sessions.id)).all();
    const live = all.filter((s) => isLive(s, at));
    const email = tx.select({ email: users.email }).from(users).where(eq(users.id, userId)).get()?.email;
    for (const s of all.filter((s) => !isLive(s, at))) tx.delete(sessions).where(eq(sessions.id, s.id)).run();
    for (const s of live.slice(MAX_SESSIONS_PER_ACCOUNT)) {
      tx.delete(sessions).where(eq(sessions.id, s.id)).run();
      recordAudit(tx, {
        actor: { id: userId, email },
        action: "session.ended_by_cap",
        subjectType: "user",
        subjectId: userId,
        after: { device: describeDevice(s.userAgent), startedAt: new Date(s.createdAt), lastUsedAt: new Date(s.lastSeenAt) },
        at: now,
      });
    }
  });
}

export function blankSessionCookie(production = isProduction()): string {
  return lucia(production).createBlankSessionCookie().serialize();
}

function tokenFrom(request: Request): string | null {
  const header = request.headers.get("cookie");
  if (!header) return null;
  const token = lucia().readSessionCookie(header);
  return token && TOKEN_PATTERN.test(token) ? token : null;
}

export type SessionCheck = { actor: Actor; sessionId: string } | { actor: null; expired: boolean };

/**
 * The signed-in person for a request, enforcing the idle and absolute limits.
 * A request without the cookie costs no database work (public pages stay fast).
 */
export async function checkSession(request: Request, now = new Date()): Promise<SessionCheck> {
  const token = tokenFrom(request);
  if (!token) return { actor: null, expired: false };
  const sessionId = sha256(token);
  const { session, user } = await lucia().validateSession(sessionId);
  if (!session) return { actor: null, expired: true };
  const at = now.getTime();
  const tooOld = at - session.createdAt > ABSOLUTE_LIFETIME_MS;
  const idle = at - session.lastSeenAt > IDLE_TIMEOUT_MS;
  if (tooOld || idle || user.disabledAt) {
    await lucia().invalidateSession(sessionId);
    return { actor: null, expired: true };
  }
  if (at - session.lastSeenAt > TOUCH_INTERVAL_MS) {
    // Reading a page must not wait for, or fail on, another process's write: if the
    // database is locked, the touch is skipped and made on a later request.
    try {
      getDb().update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, sessionId)).run();
    } catch (error) {
      if (!isBusyError(error)) throw error;
    }
  }
  noteSignedInUser(user.id);
  const actor: Actor = { id: user.id, email: user.email, name: user.name, role: user.role, teamId: user.teamId, organisation: user.organisation };
  return { actor, sessionId };
}

export async function getActor(request: Request, now = new Date()): Promise<Actor | null> {
  return (await checkSession(request, now)).actor;
}

/** Sign out: the session is deleted on the server, not just forgotten by the browser. */
export async function endSession(request: Request): Promise<string> {
  const token = tokenFrom(request);
  if (token) {
    const sessionId = sha256(token);
    const row = getDb().select({ userId: sessions.userId }).from(sessions).where(eq(sessions.id, sessionId)).get();
    await lucia().invalidateSession(sessionId);
    if (row) recordAudit(getDb(), { actor: { id: row.userId }, action: "session.sign_out", subjectType: "user", subjectId: row.userId });
  }
  return blankSessionCookie();
}

/** One of a person's sessions as their sessions page shows it. `handle` names it in forms without revealing its id. */
export interface SessionSummary {
  handle: string;
  startedAt: number;
  lastUsedAt: number;
  device: string;
  current: boolean;
}

const handleOf = (sessionId: string) => sha256(`handle:${sessionId}`).slice(0, 24);

function currentSessionId(request: Request): string | null {
  const token = tokenFrom(request);
  return token ? sha256(token) : null;
}

/** The person's sessions that are still live, the one making this request first, then by last use. */
export function listSessionsOf(request: Request, userId: string, now = new Date()): SessionSummary[] {
  const current = currentSessionId(request);
  const at = now.getTime();
  return getDb()
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.lastSeenAt, at - IDLE_TIMEOUT_MS), gt(sessions.createdAt, at - ABSOLUTE_LIFETIME_MS)))
    .orderBy(desc(sessions.lastSeenAt), asc(sessions.id))
    .all()
    .map((s) => ({ handle: handleOf(s.id), startedAt: s.createdAt, lastUsedAt: s.lastSeenAt, device: describeDevice(s.userAgent), current: s.id === current }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

export type EndSessionsResult = { ended: number; signedOut: boolean; cookie: string | null };

/**
 * End the person's own sessions: one (by its handle), every other one, or all of them
 * including this one (which then needs a blank cookie). Only ever the person's own
 * sessions, whatever handle a form sends. Written to the audit log.
 */
export function endSessionsOf(request: Request, actor: { id: string; email: string }, which: { handle: string } | "others" | "all", now = new Date()): EndSessionsResult {
  const userId = actor.id;
  const current = currentSessionId(request);
  const mine = getDb().select().from(sessions).where(eq(sessions.userId, userId)).all();
  const chosen = which === "all" ? mine : which === "others" ? mine.filter((s) => s.id !== current) : mine.filter((s) => handleOf(s.id) === which.handle);
  if (chosen.length === 0) return { ended: 0, signedOut: false, cookie: null };
  const signedOut = chosen.some((s) => s.id === current);
  const action = which === "all" ? "session.end_all" : which === "others" ? "session.end_others" : "session.end_one";
  getDb().transaction((tx) => {
    for (const s of chosen) tx.delete(sessions).where(and(eq(sessions.id, s.id), eq(sessions.userId, userId))).run();
    recordAudit(tx, {
      actor,
      action,
      subjectType: "user",
      subjectId: userId,
      after: { ended: chosen.length, devices: [...new Set(chosen.map((s) => describeDevice(s.userAgent)))].join(", ") },
      at: now,
    });
  });
  return { ended: chosen.length, signedOut, cookie: signedOut ? blankSessionCookie() : null };
}

/** End every session of an account (disabled, or its password changed). */
export async function endAllSessionsOf(userId: string): Promise<void> {
  await lucia().invalidateUserSessions(userId);
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();
const emailKey = (email: string) => sha256(`login:${normaliseEmail(email)}`);

export type SignInResult =
  | { ok: true; actor: Actor; cookie: string; deviceCookie: string }
  | { ok: false; reason: "invalid" | "disabled" }
  | { ok: false; reason: "throttled"; retryAfterMs: number };

/**
 * Check an email and password. Whether or not the account exists, the same work
 * is done (a password hash is verified) and the same answer given, and attempts
 * are counted against the address typed, so neither reveals who has an account.
 * The attempt is reserved before the hash is verified (sign-in-throttle.server.ts),
 * so guesses sent at once cannot slip past the limit.
 */
export async function signIn(input: { email: string; password: string; ip: string | null; cookieHeader?: string | null; userAgent?: string | null; now?: Date }): Promise<SignInResult> {
  const now = input.now ?? new Date();
  const production = isProduction();
  const email = normaliseEmail(input.email);
  const key = emailKey(email);
  const deviceKey = knownDeviceKey(input.cookieHeader ?? null, key, production);
  const reservation = reserveAttempt({ emailKey: key, ip: input.ip, deviceKey }, now.getTime());
  const user = getDb().select().from(users).where(eq(users.email, email)).get();
  if (!reservation.ok) {
    recordRefusedSignIn(user, input.ip, "throttled", now);
    return { ok: false, reason: "throttled", retryAfterMs: reservation.retryAfterMs };
  }
  const valid = await verifyPassword(user?.passwordHash ?? (await hashForMissingAccount()), input.password);
  if (!user || !user.passwordHash || !valid) {
    recordRefusedSignIn(user, input.ip, "invalid", now);
    return { ok: false, reason: "invalid" };
  }
  // A disabled account's right password stays counted as a failure.
  if (user.disabledAt) {
    recordRefusedSignIn(user, input.ip, "disabled", now);
    return { ok: false, reason: "disabled" };
  }
  markSucceeded(reservation.attemptId);
  getDb().update(users).set({ lastSignInAt: now }).where(eq(users.id, user.id)).run();
  recordAudit(getDb(), { actor: { id: user.id, email: user.email }, action: "session.sign_in", subjectType: "user", subjectId: user.id, at: now });
  noteSignedInUser(user.id);
  const cookie = await createUserSession(user.id, { now, userAgent: input.userAgent });
  const deviceCookie = deviceCookieAfterSignIn(input.cookieHeader ?? null, key, production);
  const actor: Actor = { id: user.id, email: user.email, name: user.name, role: user.role, teamId: user.teamId, organisation: user.organisation };
  return { ok: true, actor, cookie, deviceCookie };
}

const REFUSAL_REASONS = { invalid: "wrong email address or password", disabled: "account disabled", throttled: "too many attempts" } as const;
/** A run of throttled attempts is written once a minute per account and address, so hammering cannot flood the log. */
const THROTTLED_ENTRY_EVERY_MS = 60 * 1000;

/**
 * A refused sign-in in the audit log: the account it was for (if it exists), the client
 * address and why. Never the password, nor an address typed for no account (it is often
 * a password typed into the wrong box).
 */
function recordRefusedSignIn(user: { id: string; email: string; teamId: number | null } | undefined, ip: string | null, reason: keyof typeof REFUSAL_REASONS, now: Date): void {
  const action = reason === "throttled" ? "session.sign_in_throttled" : "session.sign_in_refused";
  const subjectId = user?.id ?? "unknown account";
  const after = { ip: ip ?? "unknown", reason: REFUSAL_REASONS[reason], account: user ? user.email : "no such account" };
  const db = getDb();
  try {
    if (reason === "throttled") {
      const recent = db
        .select({ id: auditEvents.id })
        .from(auditEvents)
        .where(and(eq(auditEvents.action, action), eq(auditEvents.subjectId, subjectId), eq(auditEvents.after, JSON.stringify(after)), gt(auditEvents.at, new Date(now.getTime() - THROTTLED_ENTRY_EVERY_MS))))
        .get();
      if (recent) return;
    }
    recordAudit(db, { actor: null, actorLabel: `sign-in from ${after.ip}`, action, subjectType: "user", subjectId, teamId: user?.teamId ?? null, after, at: now });
  } catch (error) {
    // A busy database must not turn a refused sign-in into an error page.
    if (!isBusyError(error)) throw error;
  }
}
