// A person's own sessions: the list, signing out one, everywhere else or everywhere,
// the cap per account, and refused sign-ins in the audit log.
import { and, eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditEvents, loginAttempts, sessions } from "../../db/schema";
import { checkSession, createUserSession, endSessionsOf, IDLE_TIMEOUT_MS, listSessionsOf, MAX_SESSIONS_PER_ACCOUNT, signIn } from "~/lib/auth.server";
import type { Db } from "~/lib/db.server";
import { describeDevice } from "~/lib/device-description";
import { action as sessionsAction } from "~/routes/staff.sessions";
import { dbWithSampleData } from "./helpers/db";
import { clearStaff, createStaff, PASSWORD, type Staff } from "./helpers/staff";

const CHROME_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const SAFARI_IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
const FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
const EDGE_WINDOWS = `${CHROME_WINDOWS} Edg/131.0.0.0`;

let db: Db;
let staff: Staff;
const MINUTE = 60_000;

beforeAll(async () => {
  db = dbWithSampleData();
  clearStaff(db);
  staff = await createStaff(db, "sesslist");
});

beforeEach(() => {
  db.delete(sessions).run();
  db.delete(loginAttempts).run();
});

const cookieOf = (setCookie: string) => setCookie.split(";")[0]!;
const requestWith = (setCookie: string, init: RequestInit = {}) => new Request("http://localhost/staff/sessions", { ...init, headers: { ...(init.headers as object), Cookie: cookieOf(setCookie) } });
const auditOf = (userId: string, action: string) => db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, userId), eq(auditEvents.action, action))).all();

describe("describing a browser", () => {
  it("names the browser and the system in plain words", () => {
    expect(describeDevice(CHROME_WINDOWS)).toBe("Chrome on Windows");
    expect(describeDevice(SAFARI_IPHONE)).toBe("Safari on iPhone");
    expect(describeDevice(FIREFOX_LINUX)).toBe("Firefox on Linux");
    expect(describeDevice(EDGE_WINDOWS)).toBe("Edge on Windows");
    expect(describeDevice("")).toBe("An unrecognised browser");
    expect(describeDevice(null)).toBe("An unrecognised browser");
  });
});

describe("the list of one's sessions", () => {
  it("shows each live session with when it started, when last used and its browser, this one first and marked", async () => {
    const t0 = new Date();
    const phone = await createUserSession(staff.editorA.id, { userAgent: SAFARI_IPHONE, now: new Date(t0.getTime() - 5 * MINUTE) });
    const desk = await createUserSession(staff.editorA.id, { userAgent: CHROME_WINDOWS, now: t0 });
    await createUserSession(staff.editorB.id, { userAgent: FIREFOX_LINUX, now: t0 });
    const list = listSessionsOf(requestWith(phone), staff.editorA.id, t0);
    expect(list.map((s) => [s.device, s.current])).toEqual([
      ["Safari on iPhone", true],
      ["Chrome on Windows", false],
    ]);
    expect(list[0]!.startedAt).toBe(t0.getTime() - 5 * MINUTE);
    // Nothing of another person's, and no session id in what the page receives.
    expect(JSON.stringify(list)).not.toContain(cookieOf(desk).split("=")[1]!);
    expect(list.every((s) => /^[0-9a-f]{24}$/.test(s.handle))).toBe(true);
  });

  it("leaves out sessions that have expired", async () => {
    const t0 = new Date();
    const old = await createUserSession(staff.editorA.id, { userAgent: SAFARI_IPHONE, now: new Date(t0.getTime() - IDLE_TIMEOUT_MS - MINUTE) });
    const now = await createUserSession(staff.editorA.id, { userAgent: CHROME_WINDOWS, now: t0 });
    expect(listSessionsOf(requestWith(now), staff.editorA.id, t0).map((s) => s.device)).toEqual(["Chrome on Windows"]);
    expect((await checkSession(requestWith(old), t0)).actor).toBeNull();
  });
});

describe("signing out sessions", () => {
  it("ends one chosen session, and only the person's own whatever handle is sent", async () => {
    const here = await createUserSession(staff.editorA.id, { userAgent: CHROME_WINDOWS });
    const phone = await createUserSession(staff.editorA.id, { userAgent: SAFARI_IPHONE });
    const someoneElse = await createUserSession(staff.editorB.id, { userAgent: FIREFOX_LINUX });
    const phoneHandle = listSessionsOf(requestWith(here), staff.editorA.id).find((s) => !s.current)!.handle;
    const othersHandle = listSessionsOf(requestWith(someoneElse), staff.editorB.id)[0]!.handle;
    // Editor A cannot end editor B's session by sending its handle.
    expect(endSessionsOf(requestWith(here), staff.editorA, { handle: othersHandle }).ended).toBe(0);
    expect((await checkSession(requestWith(someoneElse))).actor?.id).toBe(staff.editorB.id);
    const result = endSessionsOf(requestWith(here), staff.editorA, { handle: phoneHandle });
    expect(result).toEqual({ ended: 1, signedOut: false, cookie: null });
    expect((await checkSession(requestWith(phone))).actor).toBeNull();
    expect((await checkSession(requestWith(here))).actor?.id).toBe(staff.editorA.id);
    expect(JSON.parse(auditOf(staff.editorA.id, "session.end_one").at(-1)!.after!)).toEqual({ ended: 1, devices: "Safari on iPhone" });
  });

  it("'everywhere else' ends every other session and keeps this one", async () => {
    const here = await createUserSession(staff.editorA.id, { userAgent: CHROME_WINDOWS });
    const others = [await createUserSession(staff.editorA.id, { userAgent: SAFARI_IPHONE }), await createUserSession(staff.editorA.id, { userAgent: FIREFOX_LINUX })];
    const before = auditOf(staff.editorA.id, "session.end_others").length;
    expect(endSessionsOf(requestWith(here), staff.editorA, "others")).toMatchObject({ ended: 2, signedOut: false });
    for (const c of others) expect((await checkSession(requestWith(c))).actor).toBeNull();
    expect((await checkSession(requestWith(here))).actor?.id).toBe(staff.editorA.id);
    expect(auditOf(staff.editorA.id, "session.end_others")).toHaveLength(before + 1);
  });

  it("'everywhere' through the page ends this session too and sends a blank cookie", async () => {
    const here = await createUserSession(staff.editorA.id, { userAgent: CHROME_WINDOWS });
    const phone = await createUserSession(staff.editorA.id, { userAgent: SAFARI_IPHONE });
    const request = requestWith(here, { method: "POST", headers: { Origin: "http://localhost", "Content-Type": "application/x-www-form-urlencoded" }, body: "_intent=all" });
    const response = (await sessionsAction({ request, params: {}, context: {} })) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login?signed-out=everywhere");
    expect(response.headers.get("Set-Cookie")).toMatch(/Max-Age=0/);
    for (const c of [here, phone]) expect((await checkSession(requestWith(c))).actor).toBeNull();
    expect(auditOf(staff.editorA.id, "session.end_all").length).toBeGreaterThan(0);
  });

  it("refuses a form posted from another site", async () => {
    const here = await createUserSession(staff.editorA.id, { userAgent: CHROME_WINDOWS });
    const request = requestWith(here, { method: "POST", headers: { Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded" }, body: "_intent=all" });
    await expect(sessionsAction({ request, params: {}, context: {} })).rejects.toMatchObject({ status: 403 });
    expect((await checkSession(requestWith(here))).actor?.id).toBe(staff.editorA.id);
  });
});

describe("the cap on sessions per account", () => {
  it(`keeps at most ${MAX_SESSIONS_PER_ACCOUNT}: the one started longest ago ends when another sign-in passes it`, async () => {
    const t0 = Date.now() - 60 * MINUTE;
    const cookies: string[] = [];
    for (let i = 0; i < MAX_SESSIONS_PER_ACCOUNT; i++) cookies.push(await createUserSession(staff.partner.id, { userAgent: FIREFOX_LINUX, now: new Date(t0 + i * MINUTE) }));
    expect(db.select().from(sessions).where(eq(sessions.userId, staff.partner.id)).all()).toHaveLength(MAX_SESSIONS_PER_ACCOUNT);
    const before = auditOf(staff.partner.id, "session.ended_by_cap").length;
    const newest = await createUserSession(staff.partner.id, { userAgent: SAFARI_IPHONE, now: new Date(t0 + 30 * MINUTE) });
    expect(db.select().from(sessions).where(eq(sessions.userId, staff.partner.id)).all()).toHaveLength(MAX_SESSIONS_PER_ACCOUNT);
    const at = new Date(t0 + 30 * MINUTE);
    expect((await checkSession(requestWith(cookies[0]!), at)).actor).toBeNull();
    expect((await checkSession(requestWith(cookies[1]!), at)).actor?.id).toBe(staff.partner.id);
    expect((await checkSession(requestWith(newest), at)).actor?.id).toBe(staff.partner.id);
    expect(auditOf(staff.partner.id, "session.ended_by_cap")).toHaveLength(before + 1);
  });

  it("does not count another person's sessions", async () => {
    for (let i = 0; i < MAX_SESSIONS_PER_ACCOUNT; i++) await createUserSession(staff.partner.id);
    const mine = await createUserSession(staff.admin.id);
    expect((await checkSession(requestWith(mine))).actor?.id).toBe(staff.admin.id);
    expect(db.select().from(sessions).where(eq(sessions.userId, staff.partner.id)).all()).toHaveLength(MAX_SESSIONS_PER_ACCOUNT);
  });
});

describe("refused sign-ins in the audit log", () => {
  const refusals = () => db.select().from(auditEvents).where(eq(auditEvents.action, "session.sign_in_refused")).all();
  const throttled = () => db.select().from(auditEvents).where(eq(auditEvents.action, "session.sign_in_throttled")).all();

  it("records a wrong password with the account and the address, never the password", async () => {
    const before = refusals().length;
    await signIn({ email: staff.editorB.email, password: "not-the-password-9000", ip: "203.0.113.9" });
    const entry = refusals().at(-1)!;
    expect(refusals()).toHaveLength(before + 1);
    expect(entry).toMatchObject({ subjectType: "user", subjectId: staff.editorB.id, actorId: null, actorLabel: "sign-in from 203.0.113.9", teamId: staff.teamB });
    expect(JSON.parse(entry.after!)).toEqual({ ip: "203.0.113.9", reason: "wrong email address or password", account: staff.editorB.email });
    expect(JSON.stringify(entry)).not.toContain("not-the-password-9000");
  });

  it("records an attempt for no account without the address typed", async () => {
    await signIn({ email: "hunter2isMyPassword@kent.police.uk", password: "whatever-it-is", ip: "203.0.113.10" });
    const entry = refusals().at(-1)!;
    expect(entry.subjectId).toBe("unknown account");
    expect(JSON.stringify(entry).toLowerCase()).not.toContain("hunter2");
  });

  it("records throttled attempts, once a minute per account and address however many arrive", async () => {
    const now = new Date();
    for (let i = 0; i < 5; i++) await signIn({ email: staff.admin.email, password: "wrong guess", ip: "198.51.100.7", now });
    const before = throttled().length;
    for (let i = 0; i < 4; i++) expect(await signIn({ email: staff.admin.email, password: "wrong guess", ip: "198.51.100.7", now })).toMatchObject({ reason: "throttled" });
    expect(throttled()).toHaveLength(before + 1);
    expect(throttled().at(-1)).toMatchObject({ subjectId: staff.admin.id, actorLabel: "sign-in from 198.51.100.7" });
    // A successful sign-in stores the browser's description with the session.
    db.delete(loginAttempts).run();
    const ok = await signIn({ email: staff.admin.email, password: PASSWORD, ip: "198.51.100.7", userAgent: EDGE_WINDOWS });
    expect(ok.ok).toBe(true);
    if (ok.ok) expect(listSessionsOf(requestWith(ok.cookie), staff.admin.id)[0]).toMatchObject({ device: "Edge on Windows", current: true });
  });
});
