// Sign-in throttling as an attacker would probe it: guesses sent all at once, an
// account kept locked by someone else, and a shared address. The clock is passed in.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loginAttempts } from "../../db/schema";
import { signIn, type SignInResult } from "~/lib/auth.server";
import type { Db } from "~/lib/db.server";
import { openAt, RULES } from "~/lib/sign-in-throttle.server";
import { dbWithSampleData } from "./helpers/db";
import { clearStaff, createStaff, PASSWORD, type Staff } from "./helpers/staff";

let db: Db;
let staff: Staff;
const MINUTE = 60_000;
const t0 = new Date("2026-12-02T09:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);
const outcome = (r: SignInResult) => (r.ok ? "ok" : r.reason);

beforeAll(async () => {
  db = dbWithSampleData();
  clearStaff(db);
  staff = await createStaff(db, "throttle");
});

beforeEach(() => {
  db.delete(loginAttempts).run();
});

/** The device cookie a successful sign-in leaves, as the browser would send it back. */
async function deviceCookieOf(email: string, now: Date): Promise<string> {
  const result = await signIn({ email, password: PASSWORD, ip: "192.0.2.50", now });
  if (!result.ok) throw new Error(`could not sign in: ${result.reason}`);
  return result.deviceCookie.split(";")[0]!;
}

describe("delays", () => {
  it("start at the limit, double with each further failure, and stop growing at an hour", () => {
    const rule = RULES.pair;
    expect(openAt(rule, rule.failures - 1, 1000)).toBe(0);
    expect(openAt(rule, rule.failures, 1000)).toBe(1000 + MINUTE);
    expect(openAt(rule, rule.failures + 1, 1000)).toBe(1000 + 2 * MINUTE);
    expect(openAt(rule, rule.failures + 3, 1000)).toBe(1000 + 8 * MINUTE);
    expect(openAt(rule, rule.failures + 40, 1000)).toBe(1000 + 60 * MINUTE);
  });
});

describe("guesses sent in parallel", () => {
  it(`300 wrong passwords at once for one account from one address: only ${RULES.pair.failures} are checked, the rest refused`, async () => {
    const results = await Promise.all(Array.from({ length: 300 }, (_, i) => signIn({ email: staff.editorA.email, password: `guess number ${i}`, ip: "203.0.113.5", now: t0 })));
    const counts = results.map(outcome).reduce<Record<string, number>>((c, o) => ({ ...c, [o]: (c[o] ?? 0) + 1 }), {});
    expect(counts).toEqual({ invalid: RULES.pair.failures, throttled: 300 - RULES.pair.failures });
  });

  it("60 wrong passwords and the right one sent together do not sign in", async () => {
    const guesses = [...Array.from({ length: 60 }, (_, i) => `wrong guess ${i}`), PASSWORD];
    const results = await Promise.all(guesses.map((password) => signIn({ email: staff.editorA.email, password, ip: "203.0.113.6", now: t0 })));
    expect(results.filter((r) => r.ok)).toHaveLength(0);
    expect(outcome(results.at(-1)!)).toBe("throttled");
  });

  it("spread over many addresses, guesses at one account are still capped by the account's own limit", async () => {
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => signIn({ email: staff.editorB.email, password: `guess ${i}`, ip: `198.51.100.${i}`, now: t0 })));
    expect(results.filter((r) => outcome(r) === "invalid")).toHaveLength(RULES.account.failures);
  });
});

describe("nobody can lock the owner out", () => {
  it("refused attempts do not extend a lock: someone trying every 25 seconds cannot keep an account locked past its time", async () => {
    for (let i = 0; i < RULES.account.failures; i++) {
      expect(outcome(await signIn({ email: staff.partner.email, password: `guess ${i}`, ip: `198.51.100.${i}`, now: t0 }))).toBe("invalid");
    }
    // Locked for a minute after the last real failure, however often it is tried meanwhile.
    for (let ms = 25_000; ms < MINUTE; ms += 25_000) {
      expect(outcome(await signIn({ email: staff.partner.email, password: "still guessing", ip: "198.51.100.200", now: at(ms) }))).toBe("throttled");
    }
    const refused = await signIn({ email: staff.partner.email, password: PASSWORD, ip: "192.0.2.1", now: at(50_000) });
    expect(refused).toMatchObject({ ok: false, reason: "throttled", retryAfterMs: 10_000 });
    expect(outcome(await signIn({ email: staff.partner.email, password: PASSWORD, ip: "192.0.2.1", now: at(MINUTE) }))).toBe("ok");
  });

  it("each further real failure doubles the wait", async () => {
    for (let i = 0; i < RULES.account.failures; i++) await signIn({ email: staff.partner.email, password: `guess ${i}`, ip: `198.51.100.${i}`, now: t0 });
    expect(outcome(await signIn({ email: staff.partner.email, password: "another guess", ip: "198.51.100.99", now: at(MINUTE) }))).toBe("invalid");
    expect(await signIn({ email: staff.partner.email, password: PASSWORD, ip: "192.0.2.1", now: at(2 * MINUTE) })).toMatchObject({ reason: "throttled", retryAfterMs: MINUTE });
    expect(outcome(await signIn({ email: staff.partner.email, password: PASSWORD, ip: "192.0.2.1", now: at(3 * MINUTE) }))).toBe("ok");
  });

  it("the owner signs in from a browser that has signed in before, while the account is locked for everyone else", async () => {
    const device = await deviceCookieOf(staff.admin.email, at(-60 * MINUTE));
    for (let i = 0; i < 40; i++) await signIn({ email: staff.admin.email, password: `guess ${i}`, ip: `198.51.100.${i}`, now: at(i * 1000) });
    expect(outcome(await signIn({ email: staff.admin.email, password: PASSWORD, ip: "192.0.2.1", now: at(40_000) }))).toBe("throttled");
    expect(outcome(await signIn({ email: staff.admin.email, password: PASSWORD, ip: "192.0.2.1", cookieHeader: device, now: at(40_000) }))).toBe("ok");
  });

  it("a device cookie counts only for the account it was given for, and a forged one counts for nothing", async () => {
    const device = await deviceCookieOf(staff.admin.email, at(-60 * MINUTE));
    const forged = device.replace(/.$/, (c) => (c === "A" ? "B" : "A"));
    for (let i = 0; i < RULES.account.failures; i++) await signIn({ email: staff.editorA.email, password: `guess ${i}`, ip: `198.51.100.${i}`, now: t0 });
    expect(outcome(await signIn({ email: staff.editorA.email, password: PASSWORD, ip: "192.0.2.1", cookieHeader: device, now: t0 }))).toBe("throttled");
    for (let i = 0; i < RULES.account.failures; i++) await signIn({ email: staff.admin.email, password: `guess ${i}`, ip: `198.51.100.${i}`, now: t0 });
    expect(outcome(await signIn({ email: staff.admin.email, password: PASSWORD, ip: "192.0.2.1", cookieHeader: forged, now: t0 }))).toBe("throttled");
  });

  it("the device is throttled on its own: a stolen device cookie gets no more than its own few guesses", async () => {
    const device = await deviceCookieOf(staff.admin.email, at(-60 * MINUTE));
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => signIn({ email: staff.admin.email, password: `guess ${i}`, ip: "192.0.2.9", cookieHeader: device, now: t0 })));
    expect(results.filter((r) => outcome(r) === "invalid")).toHaveLength(RULES.device.failures);
  });

  it("guesses from a shared address (a station behind one proxy) do not stop others there who have signed in before", async () => {
    const device = await deviceCookieOf(staff.editorB.email, at(-60 * MINUTE));
    const shared = "10.20.30.40";
    for (let i = 0; i < RULES.address.failures; i++) await signIn({ email: `guess${i}@kent.police.uk`, password: "x", ip: shared, now: t0 });
    expect(outcome(await signIn({ email: staff.editorA.email, password: PASSWORD, ip: shared, now: t0 }))).toBe("throttled");
    expect(outcome(await signIn({ email: staff.editorB.email, password: PASSWORD, ip: shared, cookieHeader: device, now: t0 }))).toBe("ok");
    expect(outcome(await signIn({ email: staff.editorA.email, password: PASSWORD, ip: "192.0.2.77", now: t0 }))).toBe("ok");
  });
});

describe("what throttling does not reveal", () => {
  it("answers the same for an address with no account", async () => {
    const seen = async (email: string) => {
      const out: string[] = [];
      for (let i = 0; i <= RULES.account.failures; i++) out.push(outcome(await signIn({ email, password: "not the password", ip: null, now: t0 })));
      return out;
    };
    const existing = await seen(staff.editorB.email);
    const missing = await seen("nobody.here@kent.police.uk");
    expect(missing).toEqual(existing);
    expect(existing.at(-1)).toBe("throttled");
  });
});
