// Sign-in throttling, after OWASP's Authentication and Credential Stuffing cheat sheets.
//
// - An attempt is reserved (written as a failure) before the password is checked, in one
//   write transaction, so guesses sent in parallel see each other: no more get checked
//   than the limit allows, however many arrive at once. A success turns its row into one.
// - Delays grow (1, 2, 4 … minutes, at most an hour) once a key has too many failures since
//   its last success; a refused attempt is not written, so hammering a locked account does
//   not keep it locked: it opens at a time fixed by the last real failure.
// - The keys: the account and client address together; the account from anywhere (for
//   guesses spread over many addresses); the client address across accounts (password
//   spraying). A browser that has signed in to this account before shows a signed device
//   cookie and is counted on its own, so someone guessing elsewhere cannot lock the
//   owner out, nor can a busy shared address (a station behind one proxy).
import { and, count, eq, gt, isNull, lt, max } from "drizzle-orm";
import { loginAttempts } from "../../db/schema";
import { getDb, type Db } from "./db.server";

export type ThrottleRule = { failures: number; baseDelayMs: number; maxDelayMs: number };

const MINUTE = 60 * 1000;
/** Failures older than this, or before a success, no longer count. */
export const LOOKBACK_MS = 24 * 60 * MINUTE;

export const RULES = {
  // The same account from the same address: a person mistyping gets five tries at once.
  pair: { failures: 5, baseDelayMs: MINUTE, maxDelayMs: 60 * MINUTE },
  // The account from any address not known to it: guesses spread over many machines.
  account: { failures: 10, baseDelayMs: MINUTE, maxDelayMs: 60 * MINUTE },
  // One address across many accounts: password spraying. High, because a station shares one.
  address: { failures: 50, baseDelayMs: MINUTE, maxDelayMs: 60 * MINUTE },
  // A browser that has signed in to this account before: only its own failures count.
  device: { failures: 10, baseDelayMs: MINUTE, maxDelayMs: 60 * MINUTE },
} as const satisfies Record<string, ThrottleRule>;

/**
 * When a key with `failures` failures, the last at `lastFailureAt`, may try again
 * (0 when it may now). The first delay comes with the rule's limit, then doubles.
 */
export function openAt(rule: ThrottleRule, failures: number, lastFailureAt: number): number {
  if (failures < rule.failures) return 0;
  const delay = Math.min(rule.maxDelayMs, rule.baseDelayMs * 2 ** Math.min(30, failures - rule.failures));
  return lastFailureAt + delay;
}

export type AttemptKeys = { emailKey: string; ip: string | null; deviceKey: string | null };
export type Reservation = { ok: true; attemptId: number } | { ok: false; retryAfterMs: number };

type Where = ReturnType<typeof and>;

function lockFor(db: Db, rule: ThrottleRule, where: Where, now: number): number {
  const since = now - LOOKBACK_MS;
  const lastSuccess = db
    .select({ at: max(loginAttempts.at) })
    .from(loginAttempts)
    .where(and(where, eq(loginAttempts.succeeded, true), gt(loginAttempts.at, since)))
    .get()?.at;
  const failures = db
    .select({ n: count(), last: max(loginAttempts.at) })
    .from(loginAttempts)
    .where(and(where, eq(loginAttempts.succeeded, false), gt(loginAttempts.at, lastSuccess ?? since)))
    .get();
  return failures?.last ? openAt(rule, failures.n, failures.last) : 0;
}

/** The keys that apply to an attempt, each with its rule. */
function applicable({ emailKey, ip, deviceKey }: AttemptKeys): [ThrottleRule, Where][] {
  if (deviceKey) return [[RULES.device, and(eq(loginAttempts.deviceKey, deviceKey))]];
  const unknownDevice = isNull(loginAttempts.deviceKey);
  const keys: [ThrottleRule, Where][] = [[RULES.account, and(eq(loginAttempts.emailKey, emailKey), unknownDevice)]];
  if (ip) {
    keys.push([RULES.pair, and(eq(loginAttempts.emailKey, emailKey), eq(loginAttempts.ip, ip), unknownDevice)]);
    keys.push([RULES.address, and(eq(loginAttempts.ip, ip), unknownDevice)]);
  }
  return keys;
}

/**
 * Check the limits and, if they allow, record the attempt as a failure, all in one
 * write transaction. The caller then checks the password and calls `markSucceeded`.
 */
export function reserveAttempt(keys: AttemptKeys, now: number, db: Db = getDb()): Reservation {
  // One connection, so the queries in lockFor run inside this (immediate) transaction.
  return db.transaction((tx) => {
    const opensAt = Math.max(0, ...applicable(keys).map(([rule, where]) => lockFor(db, rule, where, now)));
    if (opensAt > now) return { ok: false as const, retryAfterMs: opensAt - now };
    const row = tx
      .insert(loginAttempts)
      .values({ at: now, emailKey: keys.emailKey, ip: keys.ip, deviceKey: keys.deviceKey, succeeded: false })
      .returning({ id: loginAttempts.id })
      .get();
    // Nothing older than the look-back is needed.
    tx.delete(loginAttempts).where(lt(loginAttempts.at, now - LOOKBACK_MS)).run();
    return { ok: true as const, attemptId: row.id };
  });
}

export function markSucceeded(attemptId: number, db: Db = getDb()): void {
  db.update(loginAttempts).set({ succeeded: true }).where(eq(loginAttempts.id, attemptId)).run();
}
