// Residents have their say before the PACT meeting, end to end: respond, confirm by
// the emailed link, the results appear once 5 people have responded, one voice each
// a month, the team reads it and takes a theme up, and the ward page says
// "You said … We agreed …". Also bad input, no JavaScript, the partner layer and axe.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { test, expect, screenshot } from "./fixtures";
import { ACCOUNTS, signIn } from "./accounts";
import { latestMailTo } from "./db";

test.describe.configure({ mode: "serial" });

// Senacre (Maidstone, team A) has no sample responses, so every count here is the test's own.
const WARD = { code: "E05015611", name: "Senacre" };
const monthName = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", month: "long", year: "numeric" }).format(new Date());
const ukToday = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "numeric", year: "numeric" }).formatToParts(new Date());
const part = (t: string) => ukToday.find((p) => p.type === t)!.value;

const RESIDENTS = [
  { email: "say.one@example.org", themes: ["Roads and speeding", "Anti-social behaviour"], place: "Sutton Road", comment: "Cars race past the school at drop-off." },
  { email: "say.two@example.org", themes: ["Roads and speeding"], place: "sutton road", comment: "" },
  { email: "say.three@example.org", themes: ["Roads and speeding", "Parking"], place: "", comment: "The man at number 12 is a thief, his name is John." },
  { email: "say.four@example.org", themes: ["Anti-social behaviour"], place: "the recreation ground", comment: "" },
  { email: "say.five@example.org", themes: ["Roads and speeding"], place: "", comment: "" },
];

/** axe over the page, or over the given parts of it (the ward page's map is checked by the map specs). */
async function axe(page: Page, parts: string[] = []) {
  const builder = new AxeBuilder({ page });
  for (const p of parts) builder.include(p);
  const results = await builder.withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** Fill the form on the ward page, send it, then confirm with the link from the email. */
async function respondAndConfirm(page: Page, r: (typeof RESIDENTS)[number], check = false) {
  await page.goto(`/wards/${WARD.code}`);
  const form = page.getByTestId("response-form");
  for (const theme of r.themes) await form.getByLabel(theme).check();
  if (r.place) await form.getByLabel("Street or place (optional)").fill(r.place);
  if (r.comment) await form.getByLabel("Anything else the team should know (optional)").fill(r.comment);
  await form.getByLabel("Email address").fill(r.email);
  await form.getByRole("button", { name: "Send my response" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  if (check) await axe(page);
  await expect.poll(() => latestMailTo(r.email)?.subject).toBe(`Confirm your response for ${WARD.name}`);
  const link = /https?:\/\/[^\s]+\/confirm\/[A-Za-z0-9_-]+/.exec(latestMailTo(r.email)!.text)![0];
  await page.goto(new URL(link).pathname);
  await expect(page.getByRole("heading", { name: `Confirm your response for ${WARD.name} ward` })).toBeVisible();
  if (check) await axe(page);
  await page.getByRole("button", { name: "Confirm my response" }).click();
  await expect(page.getByRole("heading", { name: "Thank you: your response has been counted" })).toBeVisible();
  if (check) await axe(page);
}

const thisMonth = (page: Page) => page.getByTestId("ward-results").locator("div").first();

test("residents respond and confirm; the results appear at 5; a second response replaces the first", async ({ page }) => {
  // Six responses, each sent and confirmed through the pages: longer than one page's check.
  test.setTimeout(120_000);
  await page.goto(`/wards/${WARD.code}`);
  await expect(page.getByTestId("not-for-crime")).toContainText("This is not for reporting crime");
  await expect(page.getByTestId("not-for-crime")).toContainText("999");
  await expect(thisMonth(page).getByTestId("ward-results-too-few")).toBeVisible();

  for (const [i, r] of RESIDENTS.entries()) {
    await respondAndConfirm(page, r, i === 0);
    await page.goto(`/wards/${WARD.code}`);
    if (i < 4) {
      await expect(thisMonth(page).getByTestId("ward-results-too-few")).toContainText("Fewer than 5 people have responded");
      await expect(thisMonth(page).getByTestId("ward-results-table")).toHaveCount(0);
    }
  }
  const table = thisMonth(page).getByTestId("ward-results-table");
  await expect(thisMonth(page)).toContainText("5 people responded.");
  await expect(table.locator("tbody tr")).toHaveText(["Roads and speeding4", "Anti-social behaviour2", "Parking1"]);
  await screenshot(page, "ward-results");

  // The first resident changes their mind: one voice, the new one.
  await respondAndConfirm(page, { ...RESIDENTS[0]!, themes: ["Parking"], place: "", comment: "" });
  await page.goto(`/wards/${WARD.code}`);
  await expect(thisMonth(page)).toContainText("5 people responded.");
  await expect(thisMonth(page).getByTestId("ward-results-table").locator("tbody tr")).toHaveText(["Roads and speeding3", "Parking2", "Anti-social behaviour1"]);
  await axe(page, ['[data-testid="ward-results"]', '[data-testid="have-your-say"]']);
});

test("the team reads the responses, hides an identifying comment, and takes a theme up at the PACT meeting", async ({ page }) => {
  test.setTimeout(60_000);
  await signIn(page, ACCOUNTS.editorA);
  await page.goto(`/staff/wards/${WARD.code}`);
  const panel = page.getByTestId("staff-responses");
  await expect(panel.getByTestId("staff-responses-table").locator("tbody tr").first()).toContainText("Roads and speeding");
  await expect(panel.getByTestId("staff-places")).toContainText("the recreation ground (1)");
  await expect(panel.getByTestId("staff-places")).toContainText("sutton road (1)");
  const identifying = panel.getByTestId("staff-comment").filter({ hasText: "number 12" });
  await identifying.getByRole("link", { name: "Hide this comment" }).click();
  await expect(page.getByTestId("comment-to-hide")).toContainText("number 12");
  await page.getByRole("button", { name: "Hide the comment" }).click();
  await expect(page.getByTestId("error-summary")).toContainText("Choose why the comment is being hidden");
  await axe(page);
  await page.getByLabel("Identifies a person").check();
  await page.getByRole("button", { name: "Hide the comment" }).click();
  await expect(page.getByTestId("notification")).toContainText("The comment has been hidden");
  await expect(panel).not.toContainText("number 12");
  await expect(panel.getByTestId("staff-comment").filter({ hasText: "Comment hidden by the team" })).toHaveCount(1);
  await screenshot(page, "staff-ward-responses");
  await axe(page);

  await page.getByRole("link", { name: "Record a PACT meeting" }).click();
  await expect(page.getByTestId("pact-residents-table").locator("tbody tr").first()).toContainText("Roads and speeding3");
  await page.getByLabel("Day").fill(part("day"));
  await page.getByLabel("Month").fill(part("month"));
  await page.getByLabel("Year").fill(part("year"));
  const slot = page.getByRole("group", { name: /^Slot 1:/ });
  await slot.getByLabel("Close it with its outcome").check();
  await slot.getByLabel("The outcome for residents").fill("Reports fell after patrols; the panel agreed to close it.");
  await slot.getByLabel("What is it about?").selectOption({ label: "Roads and speeding" });
  await slot.getByLabel("Title").fill("Speeding on Sutton Road near the school");
  await slot.getByLabel("Roads and speeding (3 people)").check();
  await screenshot(page, "staff-pact-residents");
  await axe(page);
  for (const r of [2, 3]) await page.getByRole("group", { name: new RegExp(`^Slot ${r}:`) }).getByLabel(/^Keep this priority|^Leave it empty/).check();
  await page.getByRole("button", { name: "Save and publish" }).click();
  await expect(page.getByTestId("notification")).toContainText("The PACT meeting's priorities have been saved and published");
});

test("the ward page says what residents asked for and what the team agreed", async ({ page }) => {
  await page.goto(`/wards/${WARD.code}`);
  await expect(page.getByTestId("said-agreed")).toHaveText(`You said: Roads and speeding (3 people), in ${monthName}. We agreed: Speeding on Sutton Road near the school (priority 1).`);
  await expect(page.getByTestId("ward-results")).not.toContainText("number 12");
  await expect(page.locator("body")).not.toContainText("Cars race past");
});

test("bad and hostile input gets a clear message, keeps what was typed, and runs nothing", async ({ page }) => {
  await page.goto(`/wards/${WARD.code}`);
  const hostile = `<img src=x onerror="document.body.dataset.pwned='1'">`;
  const form = page.getByTestId("response-form");
  for (const theme of ["Drugs", "Parking", "Burglary", "Violence and disorder"]) await form.getByLabel(theme).check();
  await form.getByLabel("Anything else the team should know (optional)").fill(hostile);
  await form.getByLabel("Email address").fill("not an address");
  await form.getByRole("button", { name: "Send my response" }).click();
  const summary = page.getByTestId("error-summary");
  await expect(summary).toContainText("Choose up to 3 concerns (you chose 4)");
  await expect(summary).toContainText("Your comment must not contain HTML");
  await expect(summary).toContainText("Enter an email address in the correct format");
  await expect(page).toHaveTitle(/^Error: /);
  await expect(page.getByLabel("Anything else the team should know (optional)")).toHaveValue(hostile);
  await expect(page.getByLabel("Email address")).toHaveValue("not an address");
  await expect(page.getByLabel("Violence and disorder")).toBeChecked();
  await expect(page.locator("img[src=x]")).toHaveCount(0);
  expect(await page.evaluate(() => document.body.dataset.pwned)).toBeUndefined();
  await screenshot(page, "say-errors");
  await axe(page);

  await page.getByLabel("Drugs").uncheck();
  await page.getByLabel("Parking").uncheck();
  await page.getByLabel("Burglary").uncheck();
  await page.getByLabel("Violence and disorder").uncheck();
  await page.getByRole("button", { name: "Send my response" }).click();
  await expect(summary).toContainText("Choose at least one thing the team should focus on");
  await page.getByLabel("Anything else the team should know (optional)").fill("x".repeat(501));
  await page.getByRole("button", { name: "Send my response" }).click();
  await expect(summary).toContainText("Your comment must be 500 characters or fewer (it has 501)");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the form sends and asks the resident to check their email", async ({ page }) => {
    await page.goto(`/wards/${WARD.code}`);
    const form = page.getByTestId("response-form");
    await form.getByLabel("Fly-tipping and environment").check();
    await form.getByLabel("Email address").fill("say.nojs@example.org");
    await form.getByRole("button", { name: "Send my response" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    await expect.poll(() => latestMailTo("say.nojs@example.org")?.subject).toBe(`Confirm your response for ${WARD.name}`);
  });
});

test("partners see residents' concerns by ward, and nothing for wards under 5 responses, on the map and in the downloads", async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, ACCOUNTS.partner);
  await page.goto("/partners/map?layers=wards,responses&theme=roads");
  const table = page.getByTestId("voices-table");
  await expect(table.locator("tbody tr").filter({ hasText: WARD.name })).toContainText("5");
  // Park Wood & Mangravet has one sample response this month: never listed.
  await expect(table.locator("tbody tr").filter({ hasText: "Park Wood & Mangravet" })).toHaveCount(0);
  await expect(page.getByTestId("legend")).toContainText("Fewer than 5 responses this month, not shown");
  // The map itself, with every layer on, is checked by the map specs.
  await axe(page, ['[data-testid="legend"]', '[data-testid="voices-table"]', '[data-testid="layer-controls"]']);

  const href = await page.getByTestId("download-csv").getAttribute("href");
  expect(href).toBe("/partners/map.csv?layers=wards,responses&theme=roads");
  const csv = await (await page.request.get(href!)).text();
  const rows = (parse(csv, { columns: true }) as Record<string, string>[]).filter((r) => r.layer === "responses");
  expect(rows).toHaveLength(279);
  expect(rows.find((r) => r.code === WARD.code)).toMatchObject({ respondents: "5", said_roads: "3", said_parking: "2", said_asb: "1" });
  expect(rows.find((r) => r.code === "E05015608")).toMatchObject({ respondents: "", said_roads: "", detail: "Fewer than 5 responses: not shown" });
});
