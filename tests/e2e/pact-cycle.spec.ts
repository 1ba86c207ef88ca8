// The monthly PACT cycle end to end: an editor records a PACT meeting's three
// priorities, publishes an update and closes one; a resident then sees it all;
// a partner sees the staff note; an editor of another team cannot touch it.
import { test, expect, screenshot } from "./fixtures";
import { ACCOUNTS, signIn, WARD_A } from "./accounts";

test.describe.configure({ mode: "serial" });

const today = new Date();
const ukToday = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "numeric", year: "numeric" }).formatToParts(today);
const part = (t: string) => ukToday.find((p) => p.type === t)!.value;
const monthName = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", month: "long", year: "numeric" }).format(today);

// Each new priority, and the outcome recorded for the one it replaces in that slot.
const NEW = [
  { title: "Speeding on Sutton Road near the primary school", theme: "Roads and speeding", outcome: "Reports fell after extra patrols; the panel agreed routine patrols can manage it." },
  { title: "Drug dealing from cars behind the Week Street shops", theme: "Drugs", outcome: "Reports halved over three months and partners now lead on it." },
  { title: "Bikes stolen from sheds off Union Street", theme: "Burglary", outcome: "No reports for two months; the panel chose to close it." },
];
const UPDATE = "Ran three Speedwatch sessions with volunteers and sent 41 warning letters.";
const NOTE = "Highways contact is Dana at KCC; sign order ref HW-2291.";
const CLOSE_OUTCOME = "Drug dealing stopped after the arrests; the panel agreed to close it.";

test("an editor records a PACT meeting's three priorities, publishes an update and closes one", async ({ page }) => {
  await signIn(page, ACCOUNTS.editorA);
  await expect(page.getByRole("heading", { name: "Staff dashboard" })).toBeVisible();
  await expect(page.getByRole("heading", { name: `Monthly updates due for ${monthName}` })).toBeVisible();
  await screenshot(page, "staff-dashboard-editor");

  await page.goto(`/staff/wards/${WARD_A.code}`);
  await expect(page.getByTestId("staff-priority")).toHaveCount(3);
  await screenshot(page, "staff-ward-before");
  await page.getByRole("link", { name: "Record a PACT meeting" }).click();
  await page.getByLabel("Day").fill(part("day"));
  await page.getByLabel("Month").fill(part("month"));
  await page.getByLabel("Year").fill(part("year"));
  for (const [i, p] of NEW.entries()) {
    const slot = page.getByRole("group", { name: new RegExp(`^Slot ${i + 1}:`) });
    await slot.getByLabel("Close it with its outcome").check();
    await slot.getByLabel("The outcome for residents").fill(p.outcome);
    await slot.getByLabel("What is it about?").selectOption({ label: p.theme });
    await slot.getByLabel("Title").fill(p.title);
  }
  await screenshot(page, "staff-pact-form");
  await page.getByRole("button", { name: "Save and publish" }).click();
  await expect(page.getByTestId("notification")).toContainText("The PACT meeting's priorities have been saved and published");
  await expect(page.getByTestId("staff-priority").locator("h3")).toHaveText(NEW.map((p, i) => `${i + 1}. ${p.title}`));

  const first = page.getByTestId("staff-priority").first();
  await first.getByRole("link", { name: /Publish the .* update/ }).click();
  await expect(page.getByLabel(monthName, { exact: true })).toBeChecked();
  await page.getByLabel("What the team did this month").fill(UPDATE);
  await page.getByLabel("Partners who helped (optional)").fill("Community Speedwatch volunteers; Kent County Council Highways");
  await page.getByLabel("Making progress").check();
  await page.getByLabel("Next step (optional)").fill("Ask Highways for a permanent speed sign.");
  await page.getByLabel("Note for staff and partners (optional, not published)").fill(NOTE);
  await screenshot(page, "staff-update-form");
  await page.getByRole("button", { name: "Publish update" }).click();
  await expect(page.getByTestId("notification")).toContainText("The monthly update has been published");
  await expect(page.getByTestId("staff-note")).toContainText(NOTE);

  await page.getByTestId("staff-priority").nth(1).getByRole("link", { name: /Close with an outcome/ }).click();
  await page.getByLabel("The outcome for residents").fill(CLOSE_OUTCOME);
  await screenshot(page, "staff-close-form");
  await page.getByRole("button", { name: "Close and publish the outcome" }).click();
  await expect(page.getByTestId("notification")).toContainText("The priority has been closed");
  await expect(page.getByTestId("staff-priority")).toHaveCount(2);
  await expect(page.getByTestId("empty-slots")).toContainText("Slot 2 is empty");
  await screenshot(page, "staff-ward-after");
});

test("a resident then sees the new update and the closed priority in the ward's history, but never the staff note", async ({ browser }) => {
  const resident = await browser.newContext();
  const page = await resident.newPage();
  await page.goto(`/wards/${WARD_A.code}`);
  await expect(page.getByRole("link", { name: "Staff sign in" })).toBeVisible();
  const priorities = page.getByTestId("priority");
  await expect(priorities).toHaveCount(2);
  const first = priorities.filter({ hasText: NEW[0]!.title });
  await expect(first).toContainText(UPDATE);
  await expect(first).toContainText("With Community Speedwatch volunteers; Kent County Council Highways");
  await expect(first).toContainText(/Last updated \d+ \w+ \d{4}/);
  const history = page.getByRole("region", { name: /You said, we did/ });
  await expect(history.getByTestId("closed-priority").filter({ hasText: NEW[1]!.title })).toContainText(CLOSE_OUTCOME);
  // The three priorities the meeting replaced are there too, each with its outcome.
  for (const p of NEW) await expect(history).toContainText(p.outcome);
  await expect(page.locator("body")).not.toContainText(NOTE);
  expect(await (await page.request.get(`/wards/${WARD_A.code}?_data=routes%2Fwards.%24code`)).text()).not.toContain("HW-2291");
  await screenshot(page, "resident-ward-after");
  await resident.close();
});

test("a partner sees the staff note but cannot change anything", async ({ page }) => {
  await signIn(page, ACCOUNTS.partner);
  await page.goto(`/staff/wards/${WARD_A.code}`);
  await expect(page.getByTestId("staff-note")).toContainText(NOTE);
  await expect(page.getByRole("link", { name: "Record a PACT meeting" })).toHaveCount(0);
  await screenshot(page, "staff-ward-partner");
  await page.goto(`/staff/wards/${WARD_A.code}/pact`);
  await expect(page.getByTestId("forbidden")).toBeVisible();
});

test("an editor of another team cannot open the forms, or post to them by changing the address", async ({ page }) => {
  await signIn(page, ACCOUNTS.editorB);
  await page.goto(`/staff/wards/${WARD_A.code}`);
  await expect(page.getByRole("link", { name: "Record a PACT meeting" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: /Close with an outcome/ })).toHaveCount(0);
  const response = await page.goto(`/staff/wards/${WARD_A.code}/pact`);
  expect(response?.status()).toBe(403);
  await expect(page.getByTestId("forbidden")).toContainText(`${WARD_A.name} is not one of your team's wards`);
  await screenshot(page, "staff-forbidden");
  // A hand-made post from this site's own origin, as a tampered form would send.
  const post = await page.request.post(`/staff/wards/${WARD_A.code}/pact`, {
    headers: { Origin: new URL(page.url()).origin },
    form: { "meeting-day": part("day"), "meeting-month": part("month"), "meeting-year": part("year"), "slot1-action": "replace", "slot1-outcome": "x", "slot1-theme": "asb", "slot1-title": "Hijacked" },
  });
  expect(post.status()).toBe(403);
  await page.goto(`/wards/${WARD_A.code}`);
  await expect(page.getByTestId("priority").first()).toContainText(NEW[0]!.title);
  await expect(page.locator("body")).not.toContainText("Hijacked");
});
