// A resident follows a ward and hears from it: the follow form, the confirmation email
// (through a real SMTP server in this process), the confirm page, an editor publishing,
// the digest, the RFC 8058 one-click unsubscribe and deleting everything. Then bad input.
import type { ParsedMail } from "mailparser";
import { simpleParser } from "mailparser";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { ACCOUNTS, signIn } from "./accounts";
import { ageWardChanges } from "./db";
import { expect, screenshot, test } from "./fixtures";

test.describe.configure({ mode: "serial" });

// A ward of editor A's team that no other spec publishes on: this one uses up one of its monthly updates.
const WARD = { code: "E05015599", name: "Fant & Oakwood" };

// playwright.config.ts points the server's SMTP_URL here.
const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? Number(process.env.E2E_PORT ?? 3210) + 1000);
const inbox: ParsedMail[] = [];
let smtp: SMTPServer;

const RESIDENT = `resident.${Date.now()}@example.org`;
const UPDATE = "Walked the Fant and Oakwood footpaths with the council's wardens three evenings a week.";
const to = (address: string) => inbox.filter((m) => !Array.isArray(m.to) && m.to?.value[0]?.address === address);
const linkIn = (mail: ParsedMail, path: string) => new RegExp(`https?://\\S+?${path}/[A-Za-z0-9_-]+`).exec(mail.text ?? "")?.[0] ?? "";

test.beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    closeTimeout: 1000, // the app keeps its pooled connection open; do not wait for it
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => (inbox.push(mail), callback()), callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(SMTP_PORT, "127.0.0.1", resolve));
  expect((smtp.server.address() as AddressInfo).port).toBe(SMTP_PORT);
});

test.afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));

test("a resident follows a ward, confirms, an editor publishes, the digest arrives, and one click ends it", async ({ page, request }) => {
  test.setTimeout(90_000);
  await page.goto(`/wards/${WARD.code}`);
  const follow = page.getByRole("form", { name: `Email alerts for ${WARD.name} ward` });
  await follow.getByLabel("Email address").fill(RESIDENT);
  await follow.getByLabel("As it happens (at most one email a day)").check();
  await follow.getByRole("button", { name: "Get email alerts" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible({ timeout: 15_000 });
  await screenshot(page, "follow-sent");

  await expect.poll(() => to(RESIDENT).length, { timeout: 15_000 }).toBe(1);
  const confirmation = to(RESIDENT)[0]!;
  expect(confirmation.subject).toBe(`Confirm email alerts for ${WARD.name}`);
  const confirmUrl = linkIn(confirmation, "/confirm");
  await page.goto(confirmUrl);
  await expect(page.getByRole("heading", { name: `Confirm email alerts for ${WARD.name} ward` })).toBeVisible();
  await page.getByRole("button", { name: "Confirm and start alerts" }).click();
  await expect(page.getByRole("heading", { name: "Your email alerts are set up" })).toBeVisible();
  await page.goto(confirmUrl);
  await expect(page.getByRole("heading", { name: "This link has already been used" })).toBeVisible();

  await signIn(page, ACCOUNTS.editorA);
  await page.goto(`/staff/wards/${WARD.code}`);
  await page.getByRole("link", { name: /Publish the .* update/ }).first().click();
  await page.getByLabel("What the team did this month").fill(UPDATE);
  await page.getByLabel("On track").check();
  await page.getByRole("button", { name: "Publish update" }).click();
  await expect(page.getByTestId("notification")).toContainText("The monthly update has been published");

  // As if the editor had finished a quarter of an hour ago: "as it happens" waits for a quiet ward.
  ageWardChanges(15);
  await expect.poll(() => to(RESIDENT).length, { timeout: 30_000 }).toBe(2);
  const digest = to(RESIDENT)[1]!;
  expect(digest.subject).toBe(`News from your neighbourhood team: ${WARD.name}`);
  expect(digest.text).toContain(`What we did: ${UPDATE}`);
  expect(digest.text).toContain("Status: On track");
  expect(digest.text).toContain(`/wards/${WARD.code}`);
  expect(digest.text).toContain("In an emergency, call 999.");
  expect(digest.html).toContain(UPDATE.replace("'", "&#39;"));
  const unsubscribe = /<([^>\s]+)>/.exec(digest.headerLines.find((h) => h.key === "list-unsubscribe")!.line)![1]!;
  expect(digest.headerLines.find((h) => h.key === "list-unsubscribe-post")!.line).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");

  // What a mail provider's server sends: no cookie, no Origin, no page.
  const response = await request.post(unsubscribe, { form: { "List-Unsubscribe": "One-Click" }, headers: { Origin: "" } });
  expect(response.status()).toBe(200);

  await page.goto(linkIn(digest, "/alerts/manage"));
  await expect(page.getByTestId("no-follows")).toBeVisible();
  await screenshot(page, "manage-alerts");
  await page.getByRole("button", { name: "Delete my email address and alerts" }).click();
  await expect(page.getByRole("heading", { name: "Your details have been deleted" })).toBeVisible();
  await page.goto(linkIn(digest, "/alerts/manage"));
  await expect(page.getByRole("heading", { name: "This link does not work" })).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("bad addresses get a clear message, are not echoed raw, and nothing is sent; unknown wards and links say what to do", async ({ page, request, baseURL }) => {
    await page.goto(`/wards/${WARD.code}/follow`);
    const hostile = `<script>alert(1)</script>@example.org`;
    for (const [value, message] of [
      ["", "Enter your email address"],
      [hostile, "Enter an email address in the correct format, like name@example.com"],
      [`${"a".repeat(10_240)}@example.org`, "An email address must be 254 characters or fewer"],
    ] as const) {
      await page.getByLabel("Email address").fill(value);
      await page.getByRole("button", { name: "Get email alerts" }).click();
      await expect(page.getByTestId("error-summary")).toContainText(message);
      await expect(page.locator("#email-error")).toContainText(message);
      expect(await page.content()).not.toContain("<script>alert(1)</script>");
    }
    await expect(page.getByLabel("Email address")).toHaveValue(new RegExp(`^a{300}`));
    await screenshot(page, "follow-errors");

    const crlf = await request.post(`/wards/${WARD.code}/follow`, { form: { email: "jo@example.org\r\nBcc: all@example.org", frequency: "daily" }, headers: { Origin: baseURL! } });
    expect(crlf.status()).toBe(400);
    expect(await crlf.text()).toContain("Enter an email address in the correct format");

    await page.goto("/wards/E05999999/follow");
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await page.goto("/confirm/not-a-real-token-at-all-000000000000");
    await expect(page.getByRole("heading", { name: "This link does not work" })).toBeVisible();
    expect(to("jo@example.org")).toHaveLength(0);
    expect(inbox.some((m) => (m.text ?? "").includes("<script>"))).toBe(false);
  });
});
