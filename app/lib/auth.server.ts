// Staff sign-in and sessions. The only module that knows lucia exists: routes and
// models call the functions below, so lucia (no longer maintained) can be swapped
// for another session library, or a few dozen lines of our own, here alone.
// See docs/decisions/006-lucia-behind-one-module.md.
import { DrizzleSQLiteAdapter } from "@lucia-auth/adapter-drizzle";
import { eq } from "drizzle-orm";
import { generateIdFromEntropySize, Lucia, TimeSpan } from "lucia";
import { createHash } from "node:crypto";
import { sessions, users } from "../../db/schema";
import { recordAudit } from "~/models/audit.server";
import { getDb, isBusyError, type Db } from "./db.server";
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
    getSessionAttributes: (a) => ({ createdAt: a.createdAt, lastSeenAt: a.lastSeenAt }),
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
    DatabaseSessionAttributes: { createdAt: number; lastSeenAt: number };
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

/** Start a new session (never reusing one the browser brought) and return its Set-Cookie header. */
export async function createUserSession(userId: string, { now = new Date(), production = isProduction() } = {}): Promise<string> {
  const token = generateIdFromEntropySize(25);
  const at = now.getTime();
  await lucia(production).createSession(userId, { createdAt: at, lastSeenAt: at }, { sessionId: sha256(token) });
  return lucia(production).createSessionCookie(token).serialize();
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
export async function signIn(input: { email: string; password: string; ip: string | null; cookieHeader?: string | null; now?: Date }): Promise<SignInResult> {
  const now = input.now ?? new Date();
  const production = isProduction();
  const email = normaliseEmail(input.email);
  const key = emailKey(email);
  const deviceKey = knownDeviceKey(input.cookieHeader ?? null, key, production);
  const reservation = reserveAttempt({ emailKey: key, ip: input.ip, deviceKey }, now.getTime());
  if (!reservation.ok) return { ok: false, reason: "throttled", retryAfterMs: reservation.retryAfterMs };
  const user = getDb().select().from(users).where(eq(users.email, email)).get();
  const valid = await verifyPassword(user?.passwordHash ?? (await hashForMissingAccount()), input.password);
  if (!user || !user.passwordHash || !valid) return { ok: false, reason: "invalid" };
  // A disabled account's right password stays counted as a failure.
  if (user.disabledAt) return { ok: false, reason: "disabled" };
  markSucceeded(reservation.attemptId);
  getDb().update(users).set({ lastSignInAt: now }).where(eq(users.id, user.id)).run();
  recordAudit(getDb(), { actor: { id: user.id, email: user.email }, action: "session.sign_in", subjectType: "user", subjectId: user.id, at: now });
  noteSignedInUser(user.id);
  const cookie = await createUserSession(user.id, { now });
  const deviceCookie = deviceCookieAfterSignIn(input.cookieHeader ?? null, key, production);
  const actor: Actor = { id: user.id, email: user.email, name: user.name, role: user.role, teamId: user.teamId, organisation: user.organisation };
  return { ok: true, actor, cookie, deviceCookie };
}
