// The outbox: every email the app sends is a row here, written in the same transaction
// as the change that causes it, and sent by the sender in the server process
// (app/lib/mail-sender.server.ts). A row is claimed ("sending"), sent, then marked "sent";
// a failure is retried with backoff and, after MAX_ATTEMPTS, marked "failed" for
// administrators to see at /admin/mail.
import { randomBytes } from "node:crypto";
import { and, asc, count, desc, eq, inArray, lte, sql } from "drizzle-orm";
import { outboxMessages } from "../../db/schema";
import { env } from "~/lib/env.server";
import { getDb, prepared, type Db } from "~/lib/db.server";
import { isHeaderSafe } from "~/lib/email-address";
import { SENT_MAIL_RETENTION_DAYS } from "~/lib/mail-limits";
import { assertPermission, type Actor } from "~/lib/permissions";
import type { MailKind } from "~/lib/vocabulary";
import { recordAudit } from "./audit.server";

type Tx = Pick<Db, "insert" | "select" | "update">;

export const MAX_ATTEMPTS = 5;

/** Wait before the next try after the nth failure: 1, 4, 16, 64 minutes, never more than 6 hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60_000 * 4 ** Math.max(0, attempts - 1), 6 * 3600_000);
}

export interface NewMail {
  kind: MailKind;
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  headers?: Record<string, string>;
  /** The resident the message is for: deleting their data deletes it. */
  addressId?: number | null;
  /** At most one message is ever written per key (e.g. "digest:12:daily:2026-12-02"). */
  dedupeKey?: string | null;
  at?: Date;
}

let domain: string | undefined;
function messageDomain(): string {
  domain ??= /@([A-Za-z0-9.-]+)>?\s*$/.exec(env().MAIL_FROM)?.[1] ?? "localhost";
  return domain;
}

/**
 * Write a message to the outbox inside the caller's transaction. Returns its id, or
 * null when a message with the same dedupe key already exists (nothing is written).
 */
export function enqueueMail(tx: Tx, mail: NewMail): number | null {
  // Addresses and subjects are checked before they get here; a line break in a header is a bug, so fail loudly.
  for (const value of [mail.to, mail.subject, ...Object.values(mail.headers ?? {})]) {
    if (!isHeaderSafe(value)) throw new Error("A mail header value contains a line break or control character");
  }
  const at = mail.at ?? new Date();
  void tx; // the statement runs on the app's one connection, inside the caller's transaction
  const row = insertMail().get({
    kind: mail.kind,
    toAddress: mail.to,
    addressId: mail.addressId ?? null,
    subject: mail.subject,
    textBody: mail.text,
    htmlBody: mail.html ?? null,
    headers: JSON.stringify(mail.headers ?? {}),
    messageId: `<${randomBytes(12).toString("hex")}.${at.getTime()}@${messageDomain()}>`,
    dedupeKey: mail.dedupeKey ?? null,
    at,
  });
  return row?.id ?? null;
}

// Built once per connection: a digest run writes thousands of these.
const insertMail = prepared((db) =>
  db
    .insert(outboxMessages)
    .values({
      kind: sql.placeholder("kind"),
      toAddress: sql.placeholder("toAddress"),
      addressId: sql.placeholder("addressId"),
      subject: sql.placeholder("subject"),
      textBody: sql.placeholder("textBody"),
      htmlBody: sql.placeholder("htmlBody"),
      headers: sql.placeholder("headers"),
      messageId: sql.placeholder("messageId"),
      dedupeKey: sql.placeholder("dedupeKey"),
      nextAttemptAt: sql.placeholder("at"),
      createdAt: sql.placeholder("at"),
    })
    .onConflictDoNothing({ target: outboxMessages.dedupeKey })
    .returning({ id: outboxMessages.id })
    .prepare(),
);

const sentStatement = prepared((db) =>
  db
    .update(outboxMessages)
    .set({ status: "sent", sentAt: sql`${sql.placeholder("now")}`, claimedAt: null, lastError: null })
    .where(eq(outboxMessages.id, sql.placeholder("id")))
    .prepare(),
);

export type ClaimedMail = typeof outboxMessages.$inferSelect;

/** Take up to `limit` due messages for sending. One transaction, so two claims never take the same row. */
export function claimDueMail(now = new Date(), limit = 50): ClaimedMail[] {
  const db = getDb();
  return db.transaction((tx) => {
    const due = tx
      .select({ id: outboxMessages.id })
      .from(outboxMessages)
      .where(and(eq(outboxMessages.status, "pending"), lte(outboxMessages.nextAttemptAt, now)))
      .orderBy(asc(outboxMessages.nextAttemptAt), asc(outboxMessages.id))
      .limit(limit)
      .all();
    if (due.length === 0) return [];
    return tx
      .update(outboxMessages)
      .set({ status: "sending", claimedAt: now, attempts: sql`${outboxMessages.attempts} + 1` })
      .where(and(inArray(outboxMessages.id, due.map((d) => d.id)), eq(outboxMessages.status, "pending")))
      .returning()
      .all()
      .sort((a, b) => a.id - b.id);
  });
}

/** Put back what a sender had claimed but had not finished when the process stopped. One sender per database. */
export function releaseClaimedMail(ids?: number[]): number {
  const where = ids ? and(eq(outboxMessages.status, "sending"), inArray(outboxMessages.id, ids)) : eq(outboxMessages.status, "sending");
  return getDb().update(outboxMessages).set({ status: "pending", claimedAt: null }).where(where).run().changes;
}

export function markMailSent(id: number, now = new Date()): void {
  sentStatement().run({ id, now: now.getTime() });
}

/** Record a failed try: back to pending after the backoff, or failed for good. */
export function markMailFailed(message: Pick<ClaimedMail, "id" | "attempts">, error: string, options: { permanent?: boolean; now?: Date } = {}): "pending" | "failed" {
  const now = options.now ?? new Date();
  const failed = options.permanent || message.attempts >= MAX_ATTEMPTS;
  getDb()
    .update(outboxMessages)
    .set({
      status: failed ? "failed" : "pending",
      claimedAt: null,
      lastError: error.slice(0, 500),
      nextAttemptAt: new Date(now.getTime() + (failed ? 0 : retryDelayMs(message.attempts))),
    })
    .where(eq(outboxMessages.id, message.id))
    .run();
  return failed ? "failed" : "pending";
}

export function countMailByStatus(): Record<string, number> {
  const rows = getDb().select({ status: outboxMessages.status, n: count() }).from(outboxMessages).groupBy(outboxMessages.status).all();
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** Messages that could not be sent, newest first, for administrators. The body is not shown: it may carry a resident's links. */
export function listFailedMail(actor: Actor | null, limit = 200) {
  assertPermission(actor, "manage:mail");
  return getDb()
    .select({
      id: outboxMessages.id,
      kind: outboxMessages.kind,
      toAddress: outboxMessages.toAddress,
      subject: outboxMessages.subject,
      attempts: outboxMessages.attempts,
      lastError: outboxMessages.lastError,
      createdAt: outboxMessages.createdAt,
    })
    .from(outboxMessages)
    .where(eq(outboxMessages.status, "failed"))
    .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
    .limit(limit)
    .all();
}

/** Try a failed message again (after the mail server is fixed). */
export function retryFailedMail(actor: Actor | null, id: number, now = new Date()): boolean {
  assertPermission(actor, "manage:mail");
  return getDb().transaction((tx) => {
    const changed = tx
      .update(outboxMessages)
      .set({ status: "pending", attempts: 0, nextAttemptAt: now, lastError: null })
      .where(and(eq(outboxMessages.id, id), eq(outboxMessages.status, "failed")))
      .run().changes;
    if (changed) recordAudit(tx, { actor, action: "mail.retry", subjectType: "mail", subjectId: id, at: now });
    return changed > 0;
  });
}

/** Sent messages are deleted after SENT_MAIL_RETENTION_DAYS: they hold residents' addresses and links. */
export function deleteOldSentMail(now = new Date()): number {
  const cutoff = new Date(now.getTime() - SENT_MAIL_RETENTION_DAYS * 24 * 3600_000);
  return getDb()
    .delete(outboxMessages)
    .where(and(inArray(outboxMessages.status, ["sent", "failed"]), lte(outboxMessages.createdAt, cutoff)))
    .run().changes;
}
