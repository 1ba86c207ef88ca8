// The ward page is benchmarked at 300 req/s or more: the root loader, which runs on
// every page, must not touch the database for a resident (no session cookie).
import { afterEach, describe, expect, it } from "vitest";
import { loader } from "~/root";
import { createUserSession } from "~/lib/auth.server";
import { dbWithSampleData } from "./helpers/db";
import { clearStaff, createStaff } from "./helpers/staff";

const globalForDb = globalThis as unknown as { __db?: unknown };
const real = () => dbWithSampleData();

afterEach(() => {
  delete globalForDb.__db;
});

describe("root loader", () => {
  it("does no database work for a request without a session cookie", async () => {
    const db = real();
    // Any use of the database, even opening a query, throws.
    globalForDb.__db = new Proxy({}, { get: () => { throw new Error("database touched"); } });
    const response = await loader({ request: new Request("http://localhost/wards/E05015608", { headers: { Cookie: "other=1" } }), params: {}, context: {} });
    expect(await response.json()).toEqual({ user: null });
    globalForDb.__db = db;
  });

  it("names the signed-in person for the header, and clears a cookie whose session has gone", async () => {
    const db = real();
    globalForDb.__db = db;
    clearStaff(db);
    const staff = await createStaff(db, "root");
    const cookie = (await createUserSession(staff.partner.id)).split(";")[0]!;
    const signedIn = await loader({ request: new Request("http://localhost/", { headers: { Cookie: cookie } }), params: {}, context: {} });
    expect(await signedIn.json()).toEqual({ user: { name: "Pat Partner", role: "partner" } });
    const stale = await loader({ request: new Request("http://localhost/", { headers: { Cookie: `${cookie.split("=")[0]}=${"a".repeat(40)}` } }), params: {}, context: {} });
    expect(await stale.json()).toEqual({ user: null });
    expect(stale.headers.get("Set-Cookie")).toMatch(/Max-Age=0/);
  });
});
