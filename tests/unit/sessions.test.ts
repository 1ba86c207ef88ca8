/// <reference types="vite/client" />
// Sessions, cookies, cross-site requests and sign-in throttling. The clock is
// passed in, so expiry is tested without waiting.
import { eq } from "drizzle-orm";
import { verify } from "@node-rs/argon2";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { loginAttempts, sessions } from "../../db/schema";
import {
  ABSOLUTE_LIFETIME_MS,
  blankSessionCookie,
  checkSession,
  createUserSession,
  endSession,
  IDLE_TIMEOUT_MS,
  signIn,
} from "~/lib/auth.server";
import type { Db } from "~/lib/db.server";
import { hashPassword, verifyPassword } from "~/lib/password.server";
import { requireUser } from "~/lib/permissions.server";
import { disableUser } from "~/models/user.server";
import { action as loginAction, loader as loginLoader } from "~/routes/login";
import { dbWithSampleData } from "./helpers/db";
import { auditCount, clearStaff, createStaff, PASSWORD, requestAs, sessionCount, type Staff } from "./helpers/staff";

// The real argon2 verify, counted: a sign-in must check a hash whether or not the account exists.
vi.mock("@node-rs/argon2", async (original) => {
  const real = await original<typeof import("@node-rs/argon2")>();
  return { ...real, verify: vi.fn(real.verify) };
});

let db: Db;
let staff: Staff;
const MINUTE = 60_000;

beforeAll(async () => {
  db = dbWithSampleData();
  clearStaff(db);
  staff = await createStaff(db, "sessions");
});

beforeEach(() => {
  db.delete(loginAttempts).run();
});

const cookieHeader = (setCookie: string) => setCookie.split(";")[0]!;
const withCookie = (setCookie: string, path = "/staff") => new Request(`http://localhost${path}`, { headers: { Cookie: cookieHeader(setCookie) } });

function loginRequest(body: Record<string, string>, cookie?: string) {
  const headers = new Headers({ Origin: "http://localhost", "Content-Type": "application/x-www-form-urlencoded" });
  if (cookie) headers.set("Cookie", cookie);
  return new Request("http://localhost/login", { method: "POST", headers, body: new URLSearchParams(body).toString() });
}

describe("session cookie", () => {
  it("in production is __Host- prefixed, HttpOnly, Secure, SameSite=Lax, for path / with no Domain", async () => {
    const cookie = await createUserSession(staff.editorA.id, { production: true });
    expect(cookie).toMatch(/^__Host-kent_session=[a-z2-7]{40}; /);
    const attributes = cookie.split("; ").slice(1);
    expect(attributes).toEqual(expect.arrayContaining(["HttpOnly", "Secure", "SameSite=Lax", "Path=/"]));
    expect(cookie).not.toMatch(/Domain=/i);
    expect(blankSessionCookie(true)).toMatch(/^__Host-kent_session=; .*Max-Age=0/);
  });

  it("outside production drops Secure (plain http on a laptop) but keeps HttpOnly and SameSite=Lax", async () => {
    const cookie = await createUserSession(staff.editorA.id, { production: false });
    expect(cookie).toMatch(/^kent_session=/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).not.toContain("Secure");
  });

  it("stores only a hash of the token, so the database cannot be used to forge a cookie", async () => {
    const cookie = await createUserSession(staff.editorA.id);
    const token = cookieHeader(cookie).split("=")[1]!;
    expect(db.select().from(sessions).where(eq(sessions.id, token)).get()).toBeUndefined();
    expect((await checkSession(withCookie(cookie))).actor?.id).toBe(staff.editorA.id);
  });
});

describe("session fixation", () => {
  it("signing in always starts a new session, and ends the one the browser brought", async () => {
    // An attacker plants their own valid session cookie in the victim's browser.
    const planted = cookieHeader(await createUserSession(staff.partner.id));
    const response = await loginAction({ request: loginRequest({ email: staff.editorA.email, password: PASSWORD, redirectTo: "/staff" }, planted), params: {}, context: {} });
    expect(response.status).toBe(302);
    const issued = response.headers.getSetCookie().find((c) => c.startsWith("kent_session="))!;
    expect(cookieHeader(issued)).not.toBe(planted);
    // The device cookie that lets this browser past a lock on the account comes with it.
    expect(response.headers.getSetCookie().some((c) => /^kent_device=[\w-]{22}\.[\w-]{43};.*HttpOnly/.test(c))).toBe(true);
    expect((await checkSession(withCookie(issued))).actor?.id).toBe(staff.editorA.id);
    // The planted session is gone, not upgraded to the victim's account.
    expect((await checkSession(new Request("http://localhost/", { headers: { Cookie: planted } }))).actor).toBeNull();
  });

  it("a made-up token in the cookie is no session at all", async () => {
    const forged = new Request("http://localhost/staff", { headers: { Cookie: "kent_session=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" } });
    expect((await checkSession(forged)).actor).toBeNull();
  });
});

describe("expiry", () => {
  it("ends a session after 30 minutes without a request (idle timeout), enforced on the server", async () => {
    const t0 = new Date();
    const cookie = await createUserSession(staff.editorA.id, { now: t0 });
    const at = (ms: number) => new Date(t0.getTime() + ms);
    expect((await checkSession(withCookie(cookie), at(10 * MINUTE))).actor).not.toBeNull(); // activity at +10 min
    expect((await checkSession(withCookie(cookie), at(10 * MINUTE + IDLE_TIMEOUT_MS - MINUTE))).actor).not.toBeNull();
    const late = at(10 * MINUTE + IDLE_TIMEOUT_MS - MINUTE + IDLE_TIMEOUT_MS + 1);
    expect(await checkSession(withCookie(cookie), late)).toEqual({ actor: null, expired: true });
    // Deleted, not just refused: it stays dead even at an earlier clock.
    expect((await checkSession(withCookie(cookie), at(11 * MINUTE))).actor).toBeNull();
  });

  it("ends a session 12 hours after sign-in however active it is (absolute lifetime)", async () => {
    const t0 = new Date();
    const cookie = await createUserSession(staff.editorA.id, { now: t0 });
    for (let ms = 20 * MINUTE; ms < ABSOLUTE_LIFETIME_MS; ms += 20 * MINUTE) {
      expect((await checkSession(withCookie(cookie), new Date(t0.getTime() + ms))).actor).not.toBeNull();
    }
    expect((await checkSession(withCookie(cookie), new Date(t0.getTime() + ABSOLUTE_LIFETIME_MS + 1))).actor).toBeNull();
  });

  it("sends someone whose session expired mid-form to sign in, then back to the form", async () => {
    const t0 = new Date(Date.now() - IDLE_TIMEOUT_MS - MINUTE);
    const request = await requestAs(staff.editorA, "/staff/priorities/7/updates/new?_data=routes%2Fstaff", { method: "POST", now: t0 });
    const thrown = await requireUser(request).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(Response);
    const response = thrown as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Fstaff%2Fpriorities%2F7%2Fupdates%2Fnew&expired=1");
    expect(response.headers.get("Set-Cookie")).toMatch(/Max-Age=0/);
  });
});

describe("sign-out and disabled accounts", () => {
  it("signing out deletes the session on the server and clears the cookie", async () => {
    const cookie = await createUserSession(staff.editorA.id);
    const setCookie = await endSession(withCookie(cookie));
    expect(setCookie).toMatch(/Max-Age=0/);
    // Someone who copied the cookie before sign-out cannot use it.
    expect((await checkSession(withCookie(cookie))).actor).toBeNull();
  });

  it("disabling an account ends all its sessions at once, and it cannot sign in again", async () => {
    const victim = (await createStaff(db, "disable")).editorB;
    const first = await createUserSession(victim.id);
    const second = await createUserSession(victim.id);
    expect(sessionCount(db, [victim.id])).toBe(2);
    expect(await disableUser(staff.admin, victim.id)).toEqual({ ok: true, value: null });
    expect(sessionCount(db, [victim.id])).toBe(0);
    expect((await checkSession(withCookie(first))).actor).toBeNull();
    expect((await checkSession(withCookie(second))).actor).toBeNull();
    // Even a session that somehow still existed would be refused.
    const late = await createUserSession(victim.id);
    expect((await checkSession(withCookie(late))).actor).toBeNull();
    expect(await signIn({ email: victim.email, password: PASSWORD, ip: null })).toEqual({ ok: false, reason: "disabled" });
  });
});

describe("sign-in", () => {
  it("verifies a password hash even when the account does not exist, so timing does not reveal it either", async () => {
    const verifications = vi.mocked(verify);
    const reference = await hashPassword("a reference password");
    expect(await verifyPassword(reference, "wrong")).toBe(false);
    verifications.mockClear();
    await signIn({ email: "ghost@kent.police.uk", password: "wrong", ip: null });
    expect(verifications).toHaveBeenCalledTimes(1);
    await signIn({ email: staff.admin.email, password: "wrong", ip: null });
    expect(verifications).toHaveBeenCalledTimes(2);
    // The hash checked for a missing account is a real argon2id hash, as costly as an account's.
    expect(verifications.mock.calls[0]![0]).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    db.delete(loginAttempts).run();
  });

  it("the sign-in page gives one message for a wrong password and for an unknown account", async () => {
    const wrong = await loginAction({ request: loginRequest({ email: staff.admin.email, password: "nope nope nope", redirectTo: "/staff" }), params: {}, context: {} });
    const unknown = await loginAction({ request: loginRequest({ email: "who@kent.police.uk", password: "nope nope nope", redirectTo: "/staff" }), params: {}, context: {} });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const a = (await wrong.json()) as { errors: unknown };
    const b = (await unknown.json()) as { errors: unknown };
    expect(a.errors).toEqual(b.errors);
  });

  it.each(["//evil.example/phish", "/.//evil.example/phish", "/..//evil.example", "/./..//evil.example/x"])("signing in with redirectTo=%j sends Location /staff", async (to) => {
    const response = await loginAction({ request: loginRequest({ email: staff.admin.email, password: PASSWORD, redirectTo: to }), params: {}, context: {} });
    expect(response.headers.get("Location")).toBe("/staff");
  });

  it.each(["/.//evil.example/phish", "/..//evil.example"])("an already signed-in visit to /login?redirectTo=%j is sent to /staff, not another site", async (to) => {
    const request = await requestAs(staff.admin, `/login?redirectTo=${encodeURIComponent(to)}`);
    const thrown = await loginLoader({ request, params: {}, context: {} }).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).headers.get("Location")).toBe("/staff");
  });
});

// Every route module with an action, found from the files, so a new form cannot be missed.
const routeModules = import.meta.glob<{ action?: (args: { request: Request; params: Record<string, string>; context: object }) => Promise<Response> }>("../../app/routes/*.tsx");

describe("cross-site requests", () => {
  const params = { code: "E05015608", id: "1", token: "x".repeat(43) };

  it("every action refuses a POST from another site before changing anything, even from a signed-in administrator", async () => {
    const withActions: string[] = [];
    for (const [file, load] of Object.entries(routeModules)) {
      // RFC 8058 one-click unsubscribe is posted by mail providers, from no page of ours; it
      // only stops mail (tests/unit/alerts.test.ts covers it).
      if (file.endsWith("/alerts.unsubscribe.$token.tsx")) continue;
      const mod = await load();
      if (!mod.action) continue;
      withActions.push(file);
      for (const origin of ["https://evil.example", null]) {
        // Counted after the session is made: a new session past the cap ends the oldest, which is logged.
        const request = await requestAs(staff.admin, "/staff/anything", { method: "POST", origin, body: { email: staff.admin.email, password: PASSWORD } });
        const before = auditCount(db);
        const outcome = await mod.action({ request, params, context: {} }).catch((e: unknown) => e);
        expect(outcome, `${file} with Origin ${origin}`).toBeInstanceOf(Response);
        expect((outcome as Response).status, `${file} with Origin ${origin}`).toBe(403);
        expect(auditCount(db)).toBe(before);
      }
    }
    expect(withActions.length).toBeGreaterThanOrEqual(15);
  });

  it("a POST from this site's own pages gets past the origin check", async () => {
    const request = await requestAs(staff.admin, "/staff", { method: "POST" });
    await expect(requireUser(request)).resolves.toMatchObject({ id: staff.admin.id });
  });
});
