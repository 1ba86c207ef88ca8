// A team's month on one page: ten wards × three priorities published in a handful
// of clicks, drafts shared by two editors of the team, and a colleague's draft
// never silently overwritten.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { test, expect, screenshot } from "./fixtures";
import { ACCOUNTS, signIn } from "./accounts";
import { clearTeamMonth, teamId } from "./db";

test.describe.configure({ mode: "serial" });

const TEAM = "medway-central";
const month = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", year: "numeric", month: "2-digit" }).format(new Date()).split("/").reverse().join("-");
const monthName = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", month: "long", year: "numeric" }).format(new Date());

// Every click a person makes, counted in the page (trusted events only) and kept across page loads in this tab.
async function countClicks(page: Page) {
  await page.addInitScript(() => {
    document.addEventListener(
      "click",
      (e) => {
        if (e.isTrusted) sessionStorage.setItem("clicks", String(Number(sessionStorage.getItem("clicks") ?? 0) + 1));
      },
      true,
    );
  });
  return async () => Number(await page.evaluate(() => sessionStorage.getItem("clicks") ?? 0));
}

// Pages opened outside the fixture get the same closed network.
async function isolated(page: Page) {
  await page.route("**/*", (route) => (new URL(route.request().url()).hostname === "localhost" ? route.continue() : route.abort()));
  return page;
}

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
}

test("a sergeant publishes ten wards × three priorities from one page in at most 15 clicks plus typing", async ({ page }) => {
  // Thirty forms and two axe passes on a busy 2-core machine.
  test.setTimeout(120_000);
  clearTeamMonth(TEAM, month);
  const clicks = await countClicks(page);
  await signIn(page, ACCOUNTS.monthA);
  await page.getByRole("link", { name: "This month's updates" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `${monthName} updates` })).toBeVisible();
  const items = page.getByTestId("month-item");
  await expect(items).toHaveCount(30);
  await expect(page.getByTestId("month-summary")).toHaveText(`30 of 30 active priorities still need their ${monthName} update.`);
  await expectNoAxeViolations(page);
  await screenshot(page, "team-month");

  // A select chosen with the keyboard or mouse counts as a click, as it would for a person.
  let choices = 0;
  for (let i = 0; i < 30; i++) {
    const item = items.nth(i);
    await item.getByLabel("What the team did").fill(`Month page update ${i + 1}: patrols and visits this month.`);
    const status = item.getByLabel("How is it going?");
    if ((await status.inputValue()) === "") {
      await status.selectOption("on_track");
      choices++;
    }
  }
  // The character count follows the typing.
  await expect(items.first().getByTestId("character-count").first()).toHaveText(`You have ${2000 - "Month page update 1: patrols and visits this month.".length} characters remaining`);

  // On a phone the form's buttons are not held over the field being typed in; on a desktop they are.
  const actions = page.locator(".month-form__actions");
  const desktop = page.viewportSize()!;
  await page.setViewportSize({ width: 375, height: 740 });
  await items.nth(1).getByLabel("What the team did").scrollIntoViewIfNeeded();
  await expect.poll(async () => (await actions.boundingBox())!.y).toBeGreaterThanOrEqual(740);
  await page.setViewportSize(desktop);
  await expect.poll(async () => { const box = (await actions.boundingBox())!; return box.y + box.height; }).toBeLessThanOrEqual(desktop.height + 1);

  await page.getByRole("button", { name: "Preview the finished updates" }).click();
  const preview = page.getByTestId("preview");
  await expect(preview.getByTestId("preview-update")).toHaveCount(30);
  await expect(preview).toContainText("Month page update 7: patrols and visits this month.");
  // While previewing: one way to publish, and one way back; the form's own buttons are gone.
  await expect(page.getByRole("button", { name: /^Publish/ })).toHaveCount(1);
  await expect(page.getByRole("button", { name: "Preview the finished updates" })).toHaveCount(0);
  await expect(items.first()).toBeHidden();
  await expectNoAxeViolations(page);
  // Going back keeps what was typed and saves nothing (these two clicks are not part of the count).
  const before = await clicks();
  await preview.getByRole("button", { name: "Go back and change" }).click();
  await expect(items.nth(6).getByLabel("What the team did")).toHaveValue("Month page update 7: patrols and visits this month.");
  await page.getByRole("button", { name: "Preview the finished updates" }).click();
  await expect(preview.getByTestId("preview-update")).toHaveCount(30);
  const detour = (await clicks()) - before;
  await preview.getByRole("button", { name: "Publish 30 updates" }).click();

  await expect(page.getByTestId("notification")).toContainText("The finished updates have been published");
  await expect(page.getByTestId("month-summary")).toHaveText(`All 30 active priorities have their ${monthName} update.`);
  const total = (await clicks()) - detour + choices;
  console.log(`Clicks to publish 30 updates: ${total} (${choices} of them choosing a progress status)`);
  expect(total).toBeLessThanOrEqual(15);

  // Residents see them straight away.
  await page.goto(`/teams/${TEAM}`);
  const ward = page.locator("a[href^='/wards/']").first();
  await ward.click();
  await expect(page.getByText(/Month page update \d+: patrols and visits this month\./).first()).toBeVisible();
});

test("drafts are shared by the team: one editor starts, a colleague finishes and publishes; residents never see a draft", async ({ browser }) => {
  test.setTimeout(90_000);
  clearTeamMonth(TEAM, month);
  const id = teamId(TEAM);
  const a = await browser.newContext();
  const b = await browser.newContext();
  const pa = await a.newPage();
  const pb = await b.newPage();
  for (const p of [pa, pb]) await isolated(p);
  await signIn(pa, ACCOUNTS.monthA);
  await signIn(pb, ACCOUNTS.monthB);

  await pa.goto(`/staff/teams/${id}/month`);
  const first = pa.getByTestId("month-item").first();
  const firstTitle = (await first.locator("h3").textContent())!;
  await first.getByLabel("What the team did").fill("Draft: half written by Morgan");
  await first.getByRole("button", { name: /Save draft and go to the next/ }).click();
  await expect(pa.getByTestId("notification")).toContainText("Your drafts have been saved");
  // Landed on the next priority to write, not the top of the page.
  const secondId = await pa.getByTestId("month-item").nth(1).getAttribute("id");
  await expect(pa).toHaveURL(new RegExp(`#${secondId}$`));
  await expect(pa.locator(`#${secondId}`)).toBeInViewport();

  // Residents cannot see it.
  const wardHref = await pa.goto(`/staff/teams/${id}`).then(() => pa.locator("a[href^='/staff/wards/']").first().getAttribute("href"));
  const resident = await isolated(await browser.newPage());
  await resident.goto(wardHref!.replace("/staff", ""));
  await expect(resident.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(resident.getByText("half written by Morgan")).toHaveCount(0);
  await resident.close();

  // The colleague sees it, with who saved it, and finishes it.
  await pb.goto(`/staff/teams/${id}/month`);
  const theirs = pb.getByTestId("month-item").first();
  await expect(theirs.locator("h3")).toHaveText(firstTitle);
  await expect(theirs.getByLabel("What the team did")).toHaveValue("Draft: half written by Morgan");
  await expect(theirs.getByTestId("draft-note")).toContainText("Draft saved by Morgan Month");

  // Meanwhile Morgan, on a page loaded before Nico's change, edits the same draft again...
  await pa.goto(`/staff/teams/${id}/month`);
  await pa.getByTestId("month-item").first().getByLabel("What the team did").fill("Draft: Morgan's second go");
  // ...Nico saves first...
  await theirs.getByLabel("What the team did").fill("Finished by Nico: three visits and a dispersal order.");
  await pb.getByRole("button", { name: "Save all as drafts" }).click();
  await expect(pb.getByTestId("notification")).toContainText("Your drafts have been saved");
  // ...so Morgan's save is stopped, with both versions on the page and Morgan's text still in the form.
  await pa.getByRole("button", { name: "Save all as drafts" }).click();
  const conflict = pa.getByTestId("conflict");
  await expect(conflict).toContainText("Their draft, saved by Nico Next");
  await expect(conflict).toContainText("Finished by Nico: three visits and a dispersal order.");
  await expect(pa.getByTestId("error-summary")).toContainText("Nico Next changed the draft for this priority while you were writing");
  await expect(pa.getByTestId("month-item").first().getByLabel("What the team did")).toHaveValue("Draft: Morgan's second go");
  await expectNoAxeViolations(pa);
  await screenshot(pa, "team-month-conflict");
  // Morgan decides Nico's is better: reload takes the shared draft.
  await pa.goto(`/staff/teams/${id}/month`);
  await expect(pa.getByTestId("month-item").first().getByLabel("What the team did")).toHaveValue("Finished by Nico: three visits and a dispersal order.");

  // Nico publishes it; it leaves the list and residents see it.
  await pb.goto(`/staff/teams/${id}/month`);
  const status = pb.getByTestId("month-item").first().getByLabel("How is it going?");
  if ((await status.inputValue()) === "") await status.selectOption("making_progress");
  await pb.getByRole("button", { name: "Publish without preview" }).click();
  await expect(pb.getByTestId("notification")).toContainText("The finished updates have been published");
  await expect(pb.getByTestId("month-item")).toHaveCount(29);
  const published = await isolated(await browser.newPage());
  await published.goto(wardHref!.replace("/staff", ""));
  await expect(published.getByText("Finished by Nico: three visits and a dispersal order.")).toBeVisible();
  await published.close();
  await a.close();
  await b.close();
});
