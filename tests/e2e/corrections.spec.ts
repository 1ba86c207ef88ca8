// Mistakes put right, as residents then see them, and two editors working from the
// same page: the second is told what changed instead of overwriting the first.
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { test, expect, screenshot } from "./fixtures";
import { ACCOUNTS, signIn, WARD_A } from "./accounts";
import { clearTeamMonth, teamId, wardsOfTeam } from "./db";

test.describe.configure({ mode: "serial" });

const TEAM = "medway-central";
const now = new Date();
const month = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", year: "numeric", month: "2-digit" }).format(now).split("/").reverse().join("-");
const todayLong = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "long", year: "numeric" }).format(now);
const parts = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "numeric", year: "numeric" }).formatToParts(now);
const part = (t: string) => parts.find((p) => p.type === t)!.value;

async function isolatedPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.route("**/*", (route) => (new URL(route.request().url()).hostname === "localhost" ? route.continue() : route.abort()));
  return page;
}

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
}

async function publish(page: Page, wardCode: string, index: number, text: string) {
  await page.goto(`/staff/wards/${wardCode}`);
  await page.getByTestId("staff-priority").nth(index).getByRole("link", { name: /Publish the/ }).click();
  await page.getByLabel("What the team did this month").fill(text);
  await page.getByLabel("On track").check();
  await page.getByRole("button", { name: "Publish update" }).click();
  await expect(page.getByTestId("notification")).toContainText("The monthly update has been published");
}

test("withdraw, move, correct and reopen, with what residents see", async ({ page, browser }) => {
  test.setTimeout(90_000);
  const ward = wardsOfTeam(TEAM)[1]!;
  clearTeamMonth(TEAM, month);
  await signIn(page, ACCOUNTS.monthA);
  const resident = await isolatedPage(browser);

  // Posted on the wrong priority: moved to the second one.
  await publish(page, ward.code, 0, "Speed checks on the high street (meant for the second priority).");
  // Landed on the next priority still due, not the top of the page.
  await expect(page).toHaveURL(/#priority-\d+$/);
  const secondTitle = (await page.getByTestId("staff-priority").nth(1).locator("h3").textContent())!.replace(/^\d\.\s*/, "");
  await page.getByTestId("staff-priority").first().getByRole("link", { name: /Correct this update/ }).click();
  await expectNoAxeViolations(page);
  await page.getByLabel("Move it to").selectOption({ label: `2. ${secondTitle}` });
  await page.getByRole("button", { name: "Move the update" }).click();
  await expect(page.getByTestId("notification")).toContainText("The update has been moved");

  // Posted by mistake: withdrawn.
  await publish(page, ward.code, 0, "Posted by mistake: this was for another ward.");
  await page.getByTestId("staff-priority").first().getByRole("link", { name: /Correct this update/ }).click();
  await page.getByRole("button", { name: "Withdraw the update" }).click();
  await expect(page.getByTestId("notification")).toContainText("The update has been withdrawn");
  await expect(page.getByTestId("staff-priority").first().getByTestId("staff-withdrawn")).toHaveText(`Withdrawn on ${todayLong}.`);

  // Closed with a typo in the outcome, corrected, then reopened as closed by mistake.
  const third = page.getByTestId("staff-priority").nth(2);
  const thirdTitle = (await third.locator("h3").textContent())!.replace(/^\d\.\s*/, "");
  await third.getByRole("link", { name: /Close with an outcome/ }).click();
  await page.getByLabel("The outcome for residents").fill("Reports fell by hafl.");
  await page.getByRole("button", { name: "Close and publish the outcome" }).click();
  await expect(page.getByTestId("notification")).toContainText("The priority has been closed");
  await page.getByTestId("staff-closed-priority").filter({ hasText: thirdTitle }).getByRole("link", { name: /Correct the outcome or reopen/ }).click();
  await expectNoAxeViolations(page);
  await page.getByLabel("The outcome for residents").fill("Reports fell by half.");
  await page.getByRole("button", { name: "Save and publish the correction" }).click();
  await expect(page.getByTestId("notification")).toContainText("The outcome has been corrected");

  await resident.goto(`/wards/${ward.code}`);
  const moved = resident.getByTestId("priority").filter({ hasText: secondTitle });
  await expect(moved).toContainText("Speed checks on the high street (meant for the second priority).");
  await expect(moved.getByTestId("correction-note")).toHaveText(`Corrected on ${todayLong}`);
  await expect(resident.getByTestId("priority").first().getByTestId("withdrawn-update")).toContainText(`This update was withdrawn on ${todayLong}.`);
  await expect(resident.getByText("Posted by mistake")).toHaveCount(0);
  const closed = resident.getByTestId("closed-priority").filter({ hasText: thirdTitle });
  await expect(closed).toContainText("Reports fell by half.");
  await expect(closed).not.toContainText("hafl");
  await expect(closed.getByTestId("correction-note")).toHaveText(`Corrected on ${todayLong}`);
  await screenshot(resident, "corrections-resident");

  await page.getByTestId("staff-closed-priority").filter({ hasText: thirdTitle }).getByRole("link", { name: /Correct the outcome or reopen/ }).click();
  await page.getByRole("button", { name: "Reopen the priority" }).click();
  await expect(page.getByTestId("notification")).toContainText("The priority has been reopened");
  await expect(page.getByTestId("staff-priority")).toHaveCount(3);
  await resident.reload();
  await expect(resident.getByTestId("priority").filter({ hasText: thirdTitle }).getByTestId("correction-note")).toHaveText(`Reopened on ${todayLong}: it had been closed by mistake.`);
  await resident.context().close();
});

test("two editors replacing slot 1 from the same PACT form: the second is told, and nothing of the first is overwritten", async ({ browser }) => {
  test.setTimeout(90_000);
  const ward = wardsOfTeam(TEAM)[2]!;
  clearTeamMonth(TEAM, month);
  const a = await isolatedPage(browser);
  const b = await isolatedPage(browser);
  await signIn(a, ACCOUNTS.monthA);
  await signIn(b, ACCOUNTS.monthB);
  for (const p of [a, b]) await p.goto(`/staff/wards/${ward.code}/pact`);
  const oldTitle = (await a.getByRole("group", { name: /^Slot 1:/ }).locator("legend").textContent())!.replace(/^Slot 1: /, "");

  async function replaceSlot1(p: Page, title: string, outcome: string) {
    await p.getByLabel("Day").fill(part("day"));
    await p.getByLabel("Month").fill(part("month"));
    await p.getByLabel("Year").fill(part("year"));
    const slot = p.getByRole("group", { name: /^Slot 1:/ });
    await slot.getByLabel("Close it with its outcome").check();
    await slot.getByLabel("The outcome for residents").fill(outcome);
    await slot.getByLabel("What is it about?").selectOption({ label: "Drugs" });
    await slot.getByLabel("Title").fill(title);
  }
  await replaceSlot1(a, "Dealing near the station (Morgan)", "Morgan's outcome");
  await replaceSlot1(b, "Dealing near the station (Nico)", "Nico's outcome");
  await a.getByRole("button", { name: "Save and publish" }).click();
  await expect(a.getByTestId("notification")).toContainText("The PACT meeting's priorities have been saved");

  await b.getByRole("button", { name: "Save and publish" }).click();
  const summary = b.getByTestId("error-summary");
  await expect(summary).toContainText("Slot 1 changed while you were filling in this form. Morgan Month changed it at");
  await expect(summary).toContainText(`You saw: “${oldTitle}”. Now: “Dealing near the station (Morgan)”`);
  // Nico's typing is still there, and slot 1 is back on "keep" for Nico to decide again.
  const slot = b.getByRole("group", { name: /^Slot 1:/ });
  await expect(slot.getByLabel("Keep this priority")).toBeChecked();
  await expect(b.locator("[name=slot1-title]")).toHaveValue("Dealing near the station (Nico)");
  await screenshot(b, "pact-conflict");
  await expectNoAxeViolations(b);

  // Residents see Morgan's priority, and the old one closed with Morgan's outcome, not Nico's.
  const resident = await isolatedPage(browser);
  await resident.goto(`/wards/${ward.code}`);
  await expect(resident.getByTestId("priority").first()).toContainText("Dealing near the station (Morgan)");
  await expect(resident.getByText("Nico's outcome")).toHaveCount(0);
  await expect(resident.getByText("Dealing near the station (Nico)")).toHaveCount(0);

  // Publishing on a priority a colleague has just closed says so, and keeps the text.
  await b.goto(`/staff/wards/${ward.code}`);
  await b.getByTestId("staff-priority").nth(1).getByRole("link", { name: /Publish the/ }).click();
  await b.getByLabel("What the team did this month").fill("Nico's update, typed while Morgan closed it.");
  await b.getByLabel("On track").check();
  await a.goto(`/staff/wards/${ward.code}`);
  await a.getByTestId("staff-priority").nth(1).getByRole("link", { name: /Close with an outcome/ }).click();
  await a.getByLabel("The outcome for residents").fill("Closed by Morgan.");
  await a.getByRole("button", { name: "Close and publish the outcome" }).click();
  await expect(a.getByTestId("notification")).toContainText("The priority has been closed");
  await b.getByRole("button", { name: "Publish update" }).click();
  await expect(b.getByTestId("error-summary")).toContainText("This priority has been closed, so it cannot have a new monthly update");
  await expect(b.getByLabel("What the team did this month")).toHaveValue("Nico's update, typed while Morgan closed it.");
  // Morgan closed it by mistake, and reopens it (within the period, its slot still empty), so the team keeps its thirty priorities.
  await a.getByTestId("staff-closed-priority").filter({ hasText: "Closed by Morgan." }).getByRole("link", { name: /Correct the outcome or reopen/ }).click();
  await a.getByRole("button", { name: "Reopen the priority" }).click();
  await expect(a.getByTestId("notification")).toContainText("The priority has been reopened");
  await expect(a.getByTestId("staff-priority")).toHaveCount(3);
  for (const p of [a, b, resident]) await p.context().close();
});

test("the team page fits a 390 px phone, and a refusal after a form post still shows who is signed in", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, ACCOUNTS.monthA);
  await page.goto(`/staff/teams/${teamId(TEAM)}`);
  await expect(page.getByRole("heading", { level: 2, name: "Wards" })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
  await screenshot(page, "staff-team-390");
  // A form posted to another team's ward, as a changed address would send it, without scripts in the way.
  await page.evaluate((code) => {
    const form = document.createElement("form");
    form.method = "post";
    form.action = `/staff/wards/${code}/pact`;
    document.body.append(form);
    form.submit();
  }, WARD_A.code);
  await expect(page.getByTestId("forbidden")).toContainText(`${WARD_A.name} is not one of your team's wards`);
  await expect(page.getByTestId("signed-in")).toContainText("Morgan Month");
});

test("administrators see the month's due list summarised by district, and open one district's teams", async ({ page }) => {
  await signIn(page, ACCOUNTS.admin);
  const table = page.getByTestId("district-due");
  await expect(table.locator("tbody tr")).toHaveCount(13);
  await expect(page.getByTestId("team-due")).toHaveCount(0);
  await page.getByLabel("Show the teams of a district").selectOption({ label: "Medway" });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByRole("heading", { name: "Medway: teams" })).toBeVisible();
  await expect(page.getByTestId("team-due").first()).toContainText("Medway");
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]).analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  expect(height).toBeLessThan(10_000);
});
