import { describe, expect, it } from "vitest";
import { hashPassword, passwordProblem, verifyPassword } from "~/lib/password.server";
import { safeRedirect } from "~/lib/safe-redirect";

describe("password hashing", () => {
  it("uses argon2id with 19 MiB, 2 passes and 1 lane, salted", async () => {
    const a = await hashPassword("correct horse battery staple");
    const b = await hashPassword("correct horse battery staple");
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, "correct horse battery staple")).toBe(true);
    expect(await verifyPassword(a, "correct horse battery stapler")).toBe(false);
    expect(await verifyPassword("not a hash", "anything")).toBe(false);
  });
});

describe("password rules", () => {
  it.each([
    ["", "Enter a password"],
    ["short one", "Password must be 12 characters or more"],
    ["x".repeat(257), "Password must be 256 characters or fewer"],
    ["password1234", "too common"],
    ["Password2026!", "too common"],
    ["qwertyuiop12", "too common"],
    ["iloveyou1234", "too common"],
    ["KentPolice2026", "too common"],
    ["aaaaaaaaaaaaaaa", "too common"],
    ["abababababababab", "too common"],
    ["123456789012", "too common"],
    ["jo.bloggs.secret!", "must not contain your email address"],
  ])("refuses %j", (password, message) => {
    expect(passwordProblem(password, { email: "jo.bloggs@kent.police.uk", name: "Jo Bloggs" })).toContain(message);
  });

  it.each(["correct horse battery staple", "tangerine-lighthouse-oboe", "Xq7!vB2#mN9@pL4$"])("accepts %j", (password) => {
    expect(passwordProblem(password, { email: "jo.bloggs@kent.police.uk", name: "Jo Bloggs" })).toBeNull();
  });
});

describe("where to go after signing in", () => {
  it.each([
    ["/staff/wards/E05015608/pact", "/staff/wards/E05015608/pact"],
    ["/admin/audit?page=2", "/admin/audit?page=2"],
    [null, "/staff"],
    ["", "/staff"],
    ["https://evil.example/", "/staff"],
    ["//evil.example/", "/staff"],
    ["/\\evil.example", "/staff"],
    ["/%0d%0aSet-Cookie:x", "/%0d%0aSet-Cookie:x"],
    ["/\tevil", "/staff"],
    ["javascript:alert(1)", "/staff"],
    ["/login?redirectTo=/staff", "/staff"],
    ["/logout", "/staff"],
    // Paths the URL parser normalises into another host ("//evil.example/phish").
    ["/.//evil.example/phish", "/staff"],
    ["/..//evil.example", "/staff"],
    ["/./..//evil.example/x?y=1", "/staff"],
    ["/%2e%2e//evil.example", "/staff"],
    ["/staff/./wards", "/staff/wards"],
  ])("%j → %j", (to, expected) => {
    expect(safeRedirect(to)).toBe(expected);
  });
});
