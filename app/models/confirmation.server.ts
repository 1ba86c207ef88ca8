/**
 * Residents' addresses and confirm-by-email (double opt-in).
 *
 * A resident has no account: an address (resident_addresses), confirmed the first time
 * they click a link sent to it, and a manage token (kept only as a hash) behind the
 * manage and unsubscribe links in every email. Every link a resident is sent to confirm
 * something is a pending_confirmations row: a token hash, a purpose, what it confirms
 * (subjectId and/or a JSON payload, whose meaning belongs to the purpose), an expiry
 * (CONFIRMATION_DAYS) and used_at. Nothing the link stands for happens until it is clicked.
 *
 * To add a purpose (another feature that needs a resident to confirm by email):
 *   1. add its name to CONFIRMATION_PURPOSES in app/lib/vocabulary.ts;
 *   2. write its handler (a ConfirmationPurpose: `describe` for the page before the
 *      click, `confirm` to do it inside the confirming transaction, optional `expire`
 *      to remove what an unclicked link was holding) and add it to the map in
 *      app/models/confirmation-purposes.server.ts (the compiler insists);
 *   3. call requestConfirmation({ purpose, email, subjectId?, payload?, mail, originIp })
 *      from your model. Rate limits, the email, the link, /confirm/{token}, expiry and
 *      the 7-day clean-up come with it. isConfirmedAddress(email) tells whether an
 *      address has confirmed anything before.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { and, count, eq, gt, isNull, lt, sql } from "drizzle-orm";
import { appSecrets, pendingConfirmations, residentAddresses } from "../../db/schema";
import { getDb, type Db } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { CONFIRMATION_DAYS, CONFIRMATIONS_PER_ADDRESS_PER_DAY, CONFIRMATIONS_PER_ORIGIN_PER_HOUR, UNCONFIRMED_RETENTION_DAYS } from "~/lib/mail-limits";
import { renderMail, type MailSection } from "~/lib/mail-templates";
import { publicUrl } from "~/lib/public-url.server";
import type { ConfirmationPurpose as PurposeName } from "~/lib/vocabulary";
import { enqueueMail } from "./outbox.server";

export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

const DAY = 24 * 3600_000;
const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

// ---------------------------------------------------------------- manage tokens

/**
 * The key behind manage links: MAIL_TOKEN_SECRET, or one made on first use and kept in
 * the database. A manage token is derived from it, so emails written later (digests)
 * can carry the link while the database holds only the token's hash.
 */
function manageKey(db: Db): string {
  const fromEnv = env().MAIL_TOKEN_SECRET;
  if (fromEnv) return fromEnv;
  db.insert(appSecrets).values({ name: "manage-links", value: randomBytes(32).toString("base64url") }).onConflictDoNothing().run();
  return db.select().from(appSecrets).where(eq(appSecrets.name, "manage-links")).get()!.value;
}

function deriveManageToken(db: Db, email: string, createdAt: Date): string {
  return createHmac("sha256", manageKey(db)).update(`manage:${email}:${createdAt.getTime()}`).digest("base64url");
}

/** The manage token of an address, for the links in an email to it. */
export function manageTokenOf(address: { email: string; createdAt: Date }): string {
  return deriveManageToken(getDb(), address.email, address.createdAt);
}

/** The manage and one-click unsubscribe addresses for an email to this resident. */
export function manageLinks(address: { email: string; createdAt: Date }) {
  const token = manageTokenOf(address);
  return { manage: publicUrl(`/alerts/manage/${token}`), unsubscribe: publicUrl(`/alerts/unsubscribe/${token}`) };
}

/** RFC 2369 and RFC 8058 headers: mail apps show an Unsubscribe button that POSTs to the link. */
export function unsubscribeHeaders(address: { email: string; createdAt: Date }): Record<string, string> {
  const { unsubscribe } = manageLinks(address);
  return { "List-Unsubscribe": `<${unsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}

export type ResidentAddress = typeof residentAddresses.$inferSelect;

/** The address a manage token belongs to, or null (also for anything that is not a token). */
export function findAddressByManageToken(token: string): ResidentAddress | null {
  if (!TOKEN.test(token)) return null;
  const row = getDb().select().from(residentAddresses).where(eq(residentAddresses.manageTokenHash, sha256(token))).get();
  if (!row) return null;
  // The hash matched; compare the derivation too, in constant time, so a copied hash column alone opens nothing.
  const expected = Buffer.from(manageTokenOf(row));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given) ? row : null;
}

function findOrCreateAddress(tx: Tx, email: string, now: Date): ResidentAddress {
  const existing = tx.select().from(residentAddresses).where(eq(residentAddresses.email, email)).get();
  if (existing) return existing;
  const manageTokenHash = sha256(deriveManageToken(getDb(), email, now));
  return tx.insert(residentAddresses).values({ email, createdAt: now, manageTokenHash }).returning().get();
}

/** Has this address ever confirmed a link? (Normalise it first: app/lib/email-address.ts.) */
export function isConfirmedAddress(email: string): boolean {
  const row = getDb().select({ confirmedAt: residentAddresses.confirmedAt }).from(residentAddresses).where(eq(residentAddresses.email, email)).get();
  return !!row?.confirmedAt;
}

export function findAddressByEmail(email: string): ResidentAddress | null {
  return getDb().select().from(residentAddresses).where(eq(residentAddresses.email, email)).get() ?? null;
}

// ---------------------------------------------------------------- purposes

export interface PendingConfirmation {
  id: number;
  purpose: PurposeName;
  addressId: number;
  email: string;
  subjectId: number | null;
  payload: unknown;
  createdAt: Date;
  expiresAt: Date;
}

export interface ConfirmedPage {
  heading: string;
  paragraphs: string[];
  links?: { href: string; label: string }[];
}

export interface ConfirmationPurpose {
  /** What the confirm page asks before the click, e.g. "Get email alerts for Park Wood ward". Null if what it stood for is gone. */
  describe(c: PendingConfirmation): { heading: string; paragraphs: string[]; button: string } | null;
  /** Do what the link stands for, inside the transaction that marks it used. */
  confirm(tx: Tx, c: PendingConfirmation, now: Date): ConfirmedPage;
  /** Remove what an unclicked, expired link was holding (run by the clean-up). */
  expire?(tx: Tx, c: PendingConfirmation): void;
}

// ---------------------------------------------------------------- requesting

export interface ConfirmationRequest {
  purpose: PurposeName;
  /** Already normalised and checked (app/lib/email-address.ts). */
  email: string;
  subjectId?: number | null;
  payload?: unknown;
  /** The email: its subject, what it asks, and details (shown above the button). */
  mail: { subject: string; heading: string; paragraphs: string[]; sections?: MailSection[]; button: string };
  /** The requesting client's address (clientIp), for the per-origin limit. */
  originIp: string | null;
  now?: Date;
}

/**
 * "sent": the email is in the outbox. "suppressed": the address has had its
 * CONFIRMATIONS_PER_ADDRESS_PER_DAY, so nothing was sent; callers must show the same
 * page as for "sent", or the form would tell anyone which addresses are in use.
 * "too-many-from-origin": this client has asked too often; say so (it reveals nothing about the address).
 */
export type ConfirmationOutcome = "sent" | "suppressed" | "too-many-from-origin";

export function requestConfirmation(input: ConfirmationRequest): ConfirmationOutcome {
  const now = input.now ?? new Date();
  const db = getDb();
  const originKey = input.originIp ? sha256(`origin:${input.originIp}`) : null;
  manageKey(db); // make the key before the transaction that may need it
  // One synchronous transaction: better-sqlite3 runs it start to finish, so parallel requests cannot both pass a limit.
  return db.transaction((tx): ConfirmationOutcome => {
    if (originKey) {
      const fromOrigin = tx
        .select({ n: count() })
        .from(pendingConfirmations)
        .where(and(eq(pendingConfirmations.originKey, originKey), gt(pendingConfirmations.createdAt, new Date(now.getTime() - 3600_000))))
        .get()!.n;
      if (fromOrigin >= CONFIRMATIONS_PER_ORIGIN_PER_HOUR) return "too-many-from-origin";
    }
    const address = findOrCreateAddress(tx, input.email, now);
    const toAddress = tx
      .select({ n: count() })
      .from(pendingConfirmations)
      .where(and(eq(pendingConfirmations.addressId, address.id), gt(pendingConfirmations.createdAt, new Date(now.getTime() - DAY))))
      .get()!.n;
    if (toAddress >= CONFIRMATIONS_PER_ADDRESS_PER_DAY) return "suppressed";

    const token = randomBytes(32).toString("base64url");
    tx.insert(pendingConfirmations)
      .values({
        tokenHash: sha256(token),
        addressId: address.id,
        purpose: input.purpose,
        subjectId: input.subjectId ?? null,
        payload: JSON.stringify(input.payload ?? {}),
        originKey,
        createdAt: now,
        expiresAt: new Date(now.getTime() + CONFIRMATION_DAYS * DAY),
      })
      .run();
    const content = renderMail({
      heading: input.mail.heading,
      paragraphs: input.mail.paragraphs,
      sections: input.mail.sections,
      action: { href: publicUrl(`/confirm/${token}`), label: input.mail.button },
      closing: [
        `This link works for ${CONFIRMATION_DAYS} days. If you did not ask for this, ignore this email: nothing will happen and we will not email you again about it.`,
      ],
      contactPolice: true,
      sampleNotice: true,
    });
    enqueueMail(tx, { kind: "confirmation", to: address.email, addressId: address.id, subject: input.mail.subject, ...content, at: now });
    return "sent";
  });
}

// ---------------------------------------------------------------- confirming

export type ConfirmationState = { state: "valid"; confirmation: PendingConfirmation } | { state: "used" | "expired" | "unknown" };

function toPending(row: typeof pendingConfirmations.$inferSelect, email: string): PendingConfirmation {
  let payload: unknown = {};
  try {
    payload = JSON.parse(row.payload);
  } catch {
    payload = {};
  }
  return { id: row.id, purpose: row.purpose, addressId: row.addressId, email, subjectId: row.subjectId, payload, createdAt: row.createdAt, expiresAt: row.expiresAt };
}

/** What a confirmation link stands for, without using it. */
export function findConfirmation(token: string, now = new Date(), db: Pick<Db, "select"> = getDb()): ConfirmationState {
  if (!TOKEN.test(token)) return { state: "unknown" };
  const found = db
    .select({ row: pendingConfirmations, email: residentAddresses.email })
    .from(pendingConfirmations)
    .innerJoin(residentAddresses, eq(residentAddresses.id, pendingConfirmations.addressId))
    .where(eq(pendingConfirmations.tokenHash, sha256(token)))
    .get();
  if (!found) return { state: "unknown" };
  if (found.row.usedAt) return { state: "used" };
  if (found.row.expiresAt <= now) return { state: "expired" };
  return { state: "valid", confirmation: toPending(found.row, found.email) };
}

/**
 * Use a confirmation link: mark it used, mark the address confirmed, and do what the
 * purpose says, all in one transaction (a second click, or two at once, does nothing).
 */
export function confirmWith(
  purposes: Record<PurposeName, ConfirmationPurpose>,
  token: string,
  now = new Date(),
): { ok: true; page: ConfirmedPage; manageUrl: string } | { ok: false; state: "used" | "expired" | "unknown" } {
  const db = getDb();
  return db.transaction((tx) => {
    const found = findConfirmation(token, now, tx);
    if (found.state !== "valid") return { ok: false as const, state: found.state };
    const c = found.confirmation;
    const claimed = tx
      .update(pendingConfirmations)
      .set({ usedAt: now })
      .where(and(eq(pendingConfirmations.id, c.id), isNull(pendingConfirmations.usedAt)))
      .run().changes;
    if (claimed === 0) return { ok: false as const, state: "used" as const };
    const address = tx
      .update(residentAddresses)
      .set({ confirmedAt: sql`coalesce(${residentAddresses.confirmedAt}, ${now.getTime()})` })
      .where(eq(residentAddresses.id, c.addressId))
      .returning()
      .get()!;
    const page = purposes[c.purpose].confirm(tx, c, now);
    return { ok: true as const, page, manageUrl: manageLinks(address).manage };
  });
}

// ---------------------------------------------------------------- clean-up

/**
 * Delete what was never confirmed: links unclicked after UNCONFIRMED_RETENTION_DAYS
 * (after letting their purpose remove what they held), then addresses that never
 * confirmed anything and have no link left. Used links are kept as long as the address,
 * for the daily limit and to answer "used" rather than "unknown".
 */
export function deleteUnconfirmed(purposes: Record<PurposeName, ConfirmationPurpose>, now = new Date()): { confirmations: number; addresses: number } {
  const db = getDb();
  const cutoff = new Date(now.getTime() - UNCONFIRMED_RETENTION_DAYS * DAY);
  return db.transaction((tx) => {
    const stale = tx
      .select({ row: pendingConfirmations, email: residentAddresses.email })
      .from(pendingConfirmations)
      .innerJoin(residentAddresses, eq(residentAddresses.id, pendingConfirmations.addressId))
      .where(and(isNull(pendingConfirmations.usedAt), lt(pendingConfirmations.expiresAt, now), lt(pendingConfirmations.createdAt, cutoff)))
      .all();
    for (const s of stale) purposes[s.row.purpose].expire?.(tx, toPending(s.row, s.email));
    const confirmations = stale.length
      ? tx
          .delete(pendingConfirmations)
          .where(and(isNull(pendingConfirmations.usedAt), lt(pendingConfirmations.expiresAt, now), lt(pendingConfirmations.createdAt, cutoff)))
          .run().changes
      : 0;
    const addresses = tx
      .delete(residentAddresses)
      .where(
        and(
          isNull(residentAddresses.confirmedAt),
          lt(residentAddresses.createdAt, cutoff),
          sql`not exists (select 1 from ${pendingConfirmations} where ${pendingConfirmations.addressId} = ${residentAddresses.id} and (${pendingConfirmations.usedAt} is null or ${pendingConfirmations.createdAt} >= ${cutoff.getTime()}))`,
        ),
      )
      .run().changes;
    return { confirmations, addresses };
  });
}

/** Forget an address entirely: its follows, links and mail go with it (foreign keys cascade). */
export function deleteAddress(tx: Tx, addressId: number): void {
  tx.delete(residentAddresses).where(eq(residentAddresses.id, addressId)).run();
}

