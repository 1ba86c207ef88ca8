// An administrator invites a partner, who sets a password from the one-time link
// and signs in; disabling the account signs them out at once; the audit log shows it all.
import { test, expect, screenshot } from "./fixtures";
import { ACCOUNTS, signIn } from "./accounts";

test.describe.configure({ mode: "serial" });

const PARTNER = { name: "Fran Fire", email: "fran.fire@kent.fire-uk.org", organisation: "Kent Fire and Rescue Service" };
const PASSWORD = "ember saucepan violin quarry";

test("invite a partner, who sets a password from the link and signs in; disabling ends their session", async ({ page, browser }) => {
  await signIn(page, ACCOUNTS.admin);
  await screenshot(page, "staff-dashboard-admin");
  await page.getByRole("link", { name: "Staff accounts" }).click();
  await screenshot(page, "admin-users");
  await page.getByRole("link", { name: "Invite someone" }).click();
  await page.getByRole("button", { name: "Create account and show link" }).click();
  await expect(page.getByTestId("error-summary")).toContainText("Enter the person's name");
  await page.getByLabel("Full name").fill(PARTNER.name);
  await page.getByLabel("Work email address").fill(PARTNER.email);
  await page.getByLabel("Partner viewer").check();
  await page.getByLabel("Organisation").fill(PARTNER.organisation);
  await screenshot(page, "admin-invite");
  await page.getByRole("button", { name: "Create account and show link" }).click();
  const link = (await page.getByTestId("set-password-link").innerText()).trim();
  expect(link).toMatch(/\/set-password\/[A-Za-z0-9_-]{43}$/);
  await screenshot(page, "admin-invite-link");

  const partnerContext = await browser.newContext();
  const partner = await partnerContext.newPage();
  await partner.goto(link);
  await partner.getByLabel("Create a password").fill("password1234");
  await partner.getByLabel("Type the password again").fill("password1234");
  await partner.getByRole("button", { name: "Set password" }).click();
  await expect(partner.getByTestId("error-summary")).toContainText("This password is too common");
  await partner.getByLabel("Create a password").fill(PASSWORD);
  await partner.getByLabel("Type the password again").fill(PASSWORD);
  await partner.getByRole("button", { name: "Set password" }).click();
  await expect(partner).toHaveURL(/\/login\?password-set=1/);
  await signIn(partner, { email: PARTNER.email }, PASSWORD);
  await expect(partner.getByRole("heading", { name: "Staff dashboard" })).toBeVisible();
  await expect(partner.getByText("Partner viewer, Kent Fire and Rescue Service")).toBeVisible();
  // The link worked once.
  await partner.goto(link);
  await expect(partner.getByRole("heading", { name: "This link has expired or has already been used" })).toBeVisible();

  await page.goto("/admin/users");
  await page.getByRole("link", { name: PARTNER.name }).click();
  await page.getByRole("button", { name: "Disable account" }).click();
  await expect(page.getByTestId("notification")).toContainText("disabled and signed out everywhere");
  await partner.goto("/staff");
  await expect(partner).toHaveURL(/\/login/);
  await partnerContext.close();
});

test("administrators can read the audit log: who changed what, before and after, in words", async ({ page }) => {
  await signIn(page, ACCOUNTS.admin);
  await page.goto("/admin/audit");
  const log = page.getByTestId("audit-log");
  await expect(log).toContainText("Disabled an account");
  await expect(log).toContainText("Invited someone");
  await expect(log).toContainText("Set a password");
  await expect(log).toContainText("Signed in");
  await page.getByLabel("Kind of record").selectOption("user");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/area=user/);
  await expect(log).toContainText("Invited someone");
  await expect(log).not.toContainText("Signed in");
  // Before and after, field by field, labelled: the disabled account gained a "Disabled" date.
  const disabled = log.locator("tr", { hasText: "Disabled an account" }).first();
  await expect(disabled.locator("dt", { hasText: "Disabled" })).toBeVisible();
  await expect(disabled.locator("ins").first()).toContainText(/\d{1,2} \w{3} \d{4}/);
  await expect(log).not.toContainText("disabledAt");
  await screenshot(page, "admin-audit");
});

test("editors and partners cannot reach the administrators' pages", async ({ page }) => {
  await signIn(page, ACCOUNTS.editorA);
  for (const path of ["/admin/users", "/admin/users/new", "/admin/teams", "/admin/audit"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
  }
  await expect(page.getByRole("link", { name: "Staff accounts" })).toHaveCount(0);
});

test("team pages: editors manage their own team's events and officers", async ({ page }) => {
  await signIn(page, ACCOUNTS.editorA);
  await page.getByRole("link", { name: "Your team", exact: true }).click();
  await screenshot(page, "staff-team");
  await page.getByRole("link", { name: "Add a surgery or meeting" }).click();
  await page.getByLabel("Surgery", { exact: true }).check();
  await page.getByLabel("Title").fill("Police surgery: Tovil");
  await page.getByLabel("Ward").selectOption({ label: "Tovil" });
  await page.getByLabel("Venue", { exact: true }).fill("Tovil Village Hall");
  const next = new Date(Date.now() + 10 * 86400_000);
  await page.getByLabel("Day", { exact: true }).fill(String(next.getUTCDate()));
  await page.getByLabel("Month", { exact: true }).fill(String(next.getUTCMonth() + 1));
  await page.getByLabel("Year", { exact: true }).fill(String(next.getUTCFullYear()));
  await page.getByLabel("Start time").fill("18:00");
  await page.getByLabel("End time").fill("17:00");
  await page.getByRole("button", { name: "Add and publish" }).click();
  await expect(page.getByTestId("error-summary")).toContainText("The end time must be after the start time");
  await page.getByLabel("End time").fill("19:30");
  await screenshot(page, "staff-event-form");
  await page.getByRole("button", { name: "Add and publish" }).click();
  await expect(page.getByTestId("notification")).toContainText("The event has been added");
  const event = page.getByTestId("staff-event").filter({ hasText: "Police surgery: Tovil" });
  await event.getByRole("link", { name: /Cancel/ }).click();
  await page.getByRole("button", { name: "Cancel the event" }).click();
  await expect(page.getByTestId("staff-event").filter({ hasText: "Police surgery: Tovil" })).toContainText("Cancelled");
  await page.getByTestId("team-officers").getByRole("link", { name: /Edit/ }).first().click();
  await screenshot(page, "staff-officer-form");
  await page.getByLabel("About the officer (optional)").fill("Leads the team. Ask about Speedwatch.");
  await page.getByRole("button", { name: "Save and publish" }).click();
  await expect(page.getByTestId("notification")).toContainText("The officer's profile has been updated");
});
