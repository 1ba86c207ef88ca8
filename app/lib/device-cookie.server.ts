// The device cookie (OWASP, "Slow down online guessing attacks with device cookies"):
// after a successful sign-in the browser gets a signed token naming the account, so
// the next sign-in from that browser is throttled on its own and is not refused
// because someone elsewhere has been guessing the account's password.
//
// The cookie holds up to five "nonce.signature" pairs (a station computer shared by a
// few officers), each an HMAC over the account's email key and the nonce. It grants
// nothing by itself: the password is still needed.
import { eq } from "drizzle-orm";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { serverKeys } from "../../db/schema";
import { getDb, type Db } from "./db.server";

export const DEVICE_COOKIE_MAX_AGE_S = 180 * 24 * 60 * 60;
const MAX_ENTRIES = 5;
const ENTRY = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

export function deviceCookieName(production: boolean): string {
  return production ? "__Host-kent_device" : "kent_device";
}

// The signing key is made on first use and kept in the database, so every process
// serving this database signs alike and a restart does not forget devices.
const keys = new WeakMap<Db, Buffer>();
function signingKey(db: Db): Buffer {
  const known = keys.get(db);
  if (known) return known;
  const key = db.transaction(() => {
    const row = db.select().from(serverKeys).where(eq(serverKeys.name, "device-cookie")).get();
    if (row) return row.value;
    const value = randomBytes(32).toString("base64url");
    db.insert(serverKeys).values({ name: "device-cookie", value, createdAt: new Date() }).run();
    return value;
  });
  const buffer = Buffer.from(key, "base64url");
  keys.set(db, buffer);
  return buffer;
}

const sign = (db: Db, emailKey: string, nonce: string) => createHmac("sha256", signingKey(db)).update(`${emailKey}.${nonce}`).digest("base64url");

function entriesOf(cookieHeader: string | null, production: boolean): string[] {
  if (!cookieHeader) return [];
  const name = deviceCookieName(production);
  for (const part of cookieHeader.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=").split("~").filter((e) => ENTRY.test(e)).slice(0, MAX_ENTRIES);
  }
  return [];
}

/** The device key (the nonce) when the browser has signed in to this account before, else null. */
export function knownDeviceKey(cookieHeader: string | null, emailKey: string, production: boolean, db: Db = getDb()): string | null {
  for (const entry of entriesOf(cookieHeader, production)) {
    const [, nonce, signature] = ENTRY.exec(entry)!;
    const expected = Buffer.from(sign(db, emailKey, nonce!));
    const given = Buffer.from(signature!);
    if (given.length === expected.length && timingSafeEqual(given, expected)) return nonce!;
  }
  return null;
}

/** Set-Cookie for after a successful sign-in: this account's entry first, keeping a few others. */
export function deviceCookieAfterSignIn(cookieHeader: string | null, emailKey: string, production: boolean, db: Db = getDb()): string {
  const current = knownDeviceKey(cookieHeader, emailKey, production, db);
  const nonce = current ?? randomBytes(16).toString("base64url");
  const mine = `${nonce}.${sign(db, emailKey, nonce)}`;
  const others = entriesOf(cookieHeader, production).filter((e) => e !== mine);
  const value = [mine, ...others].slice(0, MAX_ENTRIES).join("~");
  return `${deviceCookieName(production)}=${value}; Path=/; Max-Age=${DEVICE_COOKIE_MAX_AGE_S}; HttpOnly; SameSite=Lax${production ? "; Secure" : ""}`;
}
