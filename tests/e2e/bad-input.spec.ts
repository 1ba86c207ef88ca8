// What an editor can get wrong, or a tampered form can send, is refused with a
// message saying what to do, keeps what was typed, and loses nothing saved.
import type { Page } from "@playwright/test";
import { test, expect, screenshot } from "./fixtures";
import { ACCOUNTS, signIn, WARD_A2 } from "./accounts";
import { ageSessionsOf } from "./db";

const publicPriorities = async (page: Page) => {
  const resident = await page.context().browser()!.newContext();
  const p = await resident.newPage();
  await p.goto(`/wards/${WARD_A2.code}`);
  const text = await p.getByTestId("priority").allInnerTexts();
  await resident.close();
  return text;
};

async function openUpdateForm(page: Page) {
  await page.goto(`/staff/wards/${WARD_A2.code}`);
  await page.getByTestId("staff-priority").first().getByRole("link", { name: /Publish/ }).click();
  await expect(page.getByRole("heading", { name: "Publish a monthly update" })).toBeVisible();
}

test.beforeEach(async ({ page }) => {
  await signIn(page, ACCOUNTS.editorA);
});

test("an empty PACT form starts with every priority kept, and says the date is missing", async ({ page }) => {
  await page.goto(`/staff/wards/${WARD_A2.code}/pact`);
  for (const n of [1, 2, 3]) await expect(page.getByRole("group", { name: new RegExp(`^Slot ${n}:`) }).getByLabel("Keep this priority")).toBeChecked();
  await page.getByRole("button", { name: "Save and publish" }).click();
  const summary = page.getByTestId("error-summary");
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("Enter the date of the PACT meeting");
  await expect(summary.getByRole("listitem")).toHaveCount(1);
  await summary.getByRole("link", { name: "Enter the date of the PACT meeting" }).click();
  await expect(page.getByLabel("Day")).toBeFocused();
  await screenshot(page, "staff-pact-errors");
});

test("oversized text and HTML in an update are refused with what was typed kept, and nothing published", async ({ page }) => {
  const before = await publicPriorities(page);
  await openUpdateForm(page);
  const long = "Patrols. ".repeat(250);
  const action = page.getByLabel("What the team did this month");
  // The browser stops typing at the limit; the server still checks, for a browser or a request that does not.
  await expect(action).toHaveAttribute("maxlength", "2000");
  await action.evaluate((el) => el.removeAttribute("maxlength"));
  await action.fill(long);
  await page.getByLabel("Partners who helped (optional)").fill('<script>alert("x")</script>');
  await page.getByLabel("On track").check();
  await page.getByRole("button", { name: "Publish update" }).click();
  const summary = page.getByTestId("error-summary");
  await expect(summary).toContainText("What the team did must be 2000 characters or fewer");
  await expect(summary).toContainText("Partners must not contain HTML or code such as <script>");
  await expect(page.getByLabel("What the team did this month")).toHaveValue(long);
  await expect(page.getByLabel("Partners who helped (optional)")).toHaveValue('<script>alert("x")</script>');
  await expect(page.getByLabel("On track")).toBeChecked();
  await screenshot(page, "staff-update-errors");
  expect(await publicPriorities(page)).toEqual(before);
});

test("a month other than this one or last is refused", async ({ page }) => {
  await openUpdateForm(page);
  // As a tampered form would send it.
  await page.getByRole("radio").first().evaluate((el) => ((el as HTMLInputElement).value = "2031-01"));
  await page.getByLabel("What the team did this month").fill("Patrols on the estate.");
  await page.getByLabel("On track").check();
  await page.getByRole("button", { name: "Publish update" }).click();
  await expect(page.getByTestId("error-summary")).toContainText(/Choose \w+ \d{4} or, if the update is late, \w+ \d{4}/);
  await expect(page.getByLabel("What the team did this month")).toHaveValue("Patrols on the estate.");
});

test("a fourth active priority is refused, and the three stay as they were", async ({ page }) => {
  const before = await publicPriorities(page);
  await page.goto(`/staff/wards/${WARD_A2.code}/pact`);
  await page.getByLabel("Day").fill("1");
  await page.getByLabel("Month").fill("1");
  await page.getByLabel("Year").fill("2026");
  for (const n of [1, 2, 3]) await page.getByRole("group", { name: new RegExp(`^Slot ${n}:`) }).getByLabel("Keep this priority").check();
  // Turn "keep" into "add" in slot 2, as a tampered form would.
  const slot2 = page.getByRole("group", { name: /^Slot 2:/ });
  await slot2.getByLabel("Keep this priority").evaluate((el) => ((el as HTMLInputElement).value = "add"));
  // Its new-priority fields are on the page (under the other option); fill them as the tampered form would.
  await page.evaluate(() => {
    (document.querySelector("[name=slot2-theme]") as HTMLSelectElement).value = "drugs";
    (document.querySelector("[name=slot2-title]") as HTMLInputElement).value = "A fourth priority";
  });
  await page.getByRole("button", { name: "Save and publish" }).click();
  await expect(page.getByTestId("error-summary")).toContainText("Slot 2 already has an active priority");
  await expect(page.getByTestId("error-summary")).toContainText("A ward can have at most three");
  expect(await publicPriorities(page)).toEqual(before);
});

test("when the session runs out mid-form, signing in again brings the editor back with their text", async ({ page }) => {
  await openUpdateForm(page);
  const formUrl = page.url();
  const typed = "Met the housing officer about the lighting in the underpass.";
  await page.getByLabel("What the team did this month").fill(typed);
  await page.getByLabel("Needs partner action").check();
  // 31 minutes without a request, as far as the server knows.
  ageSessionsOf(ACCOUNTS.editorA.email, 31);
  await page.getByRole("button", { name: "Publish update" }).click();
  await expect(page).toHaveURL(/\/login\?redirectTo=.*&expired=1/);
  await expect(page.getByTestId("session-expired")).toBeVisible();
  await screenshot(page, "staff-session-expired");
  await page.getByLabel("Email address").fill(ACCOUNTS.editorA.email);
  await page.getByLabel("Password").fill((await import("./accounts")).E2E_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(formUrl);
  await expect(page.getByTestId("draft-restored")).toBeVisible();
  await expect(page.getByLabel("What the team did this month")).toHaveValue(typed);
  // Its character count counts the text put back.
  await expect(page.getByTestId("character-count").first()).toHaveText(`You have ${2000 - typed.length} characters remaining`);
  await expect(page.getByLabel("Needs partner action")).toBeChecked();
  await screenshot(page, "staff-draft-restored");
  await page.getByRole("button", { name: "Publish update" }).click();
  await expect(page.getByTestId("notification")).toContainText("The monthly update has been published");
  // Published, so the draft is gone: the next form starts empty.
  await openUpdateForm(page);
  await expect(page.getByTestId("draft-restored")).toHaveCount(0);
  // Typed, left unsaved and come back to: put back, and emptied on request.
  await page.getByLabel("What the team did this month").fill("Left half-written");
  await openUpdateForm(page);
  await expect(page.getByTestId("draft-restored")).toBeVisible();
  await expect(page.getByLabel("What the team did this month")).toHaveValue("Left half-written");
  await page.getByRole("button", { name: "empty the form and start again" }).click();
  await expect(page.getByTestId("draft-restored")).toHaveCount(0);
  await expect(page.getByLabel("What the team did this month")).toHaveValue("");
  await expect(page.getByTestId("character-count").first()).toHaveText("You have 2000 characters remaining");
  await openUpdateForm(page);
  await expect(page.getByTestId("draft-restored")).toHaveCount(0);
});
