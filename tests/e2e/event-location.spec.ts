// An event placed by its postcode appears on the ward map and the partner map,
// and moves when its venue and postcode are changed.
import { test, expect } from "./fixtures";
import { ACCOUNTS, signIn } from "./accounts";
import { postcodesInWard, teamId, wardsOfTeam } from "./db";
import fs from "node:fs";
import path from "node:path";

const TEAM = "medway-central";
const inTenDays = new Date(Date.now() + 10 * 86400000);
const parts = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "numeric", year: "numeric" }).formatToParts(inTenDays);
const part = (t: string) => parts.find((p) => p.type === t)!.value;

test("a monthly surgery placed by postcode is on the ward map and the partner map, and its pin moves with its venue", async ({ page, browser }) => {
  test.setTimeout(90_000);
  const ward = wardsOfTeam(TEAM)[4]!;
  const [first, second] = postcodesInWard(ward.code, 2);
  await signIn(page, ACCOUNTS.monthA);
  await page.goto(`/staff/teams/${teamId(TEAM)}`);
  await page.getByRole("link", { name: "Add a surgery or meeting" }).click();
  await page.getByLabel("Surgery", { exact: true }).check();
  await page.getByLabel("Title").fill("Surgery at the Pentagon library");
  await page.getByLabel("Ward").selectOption({ label: ward.name });
  await page.getByLabel("Venue", { exact: true }).fill("Pentagon Library");
  await page.getByLabel("Venue postcode (optional)").fill(first!.toLowerCase().replace(" ", ""));
  await page.getByLabel("Day", { exact: true }).fill(part("day"));
  await page.getByLabel("Month", { exact: true }).fill(part("month"));
  await page.getByLabel("Year", { exact: true }).fill(part("year"));
  await page.getByLabel("Start time").fill("18:30");
  await page.getByLabel("End time").fill("19:30");
  await page.getByLabel(/Every month on the same day of the week/).check();
  await page.getByRole("button", { name: "Add and publish" }).click();
  await expect(page.getByTestId("notification")).toContainText("The monthly surgeries have been added");
  await expect(page.getByTestId("staff-event").filter({ hasText: "Surgery at the Pentagon library" })).toHaveCount(6);

  const resident = await browser.newPage();
  await resident.route("**/*", (route) => (new URL(route.request().url()).hostname === "localhost" ? route.continue() : route.abort()));
  await resident.goto(`/wards/${ward.code}`);
  await expect(resident.locator(".leaflet-container .map-venue", { hasText: "Venue: Pentagon Library" }).first()).toBeVisible();

  // Partners see it on their map's venue layer.
  const partner = await browser.newContext();
  const pp = await partner.newPage();
  await pp.route("**/*", (route) => (new URL(route.request().url()).hostname === "localhost" ? route.continue() : route.abort()));
  await signIn(pp, ACCOUNTS.partner);
  await pp.goto("/partners/map?layers=venues");
  await expect(pp.getByTestId("venue-table")).toContainText("Pentagon Library");

  // Moving the first date to another venue moves its pin.
  await page.getByTestId("staff-event").filter({ hasText: "Surgery at the Pentagon library" }).first().getByRole("link", { name: /^Change/ }).click();
  await page.getByLabel("Venue", { exact: true }).fill("Chatham Fire Station");
  await page.getByLabel("Venue postcode (optional)").fill(second!);
  await page.getByRole("button", { name: "Save and publish" }).click();
  await expect(page.getByTestId("notification")).toContainText("The event has been changed");
  await resident.reload();
  await expect(resident.locator(".leaflet-container .map-venue", { hasText: "Venue: Chatham Fire Station" })).toHaveCount(1);
  await pp.reload();
  await expect(pp.getByTestId("venue-table")).toContainText("Chatham Fire Station");

  // Copying an event keeps everything but the date.
  await page.getByTestId("staff-event").filter({ hasText: "Chatham Fire Station" }).getByRole("link", { name: /^Copy/ }).click();
  await expect(page.getByTestId("copied-from")).toContainText("Surgery at the Pentagon library");
  await expect(page.getByLabel("Venue", { exact: true })).toHaveValue("Chatham Fire Station");
  await expect(page.getByLabel("Venue postcode (optional)")).toHaveValue(second!);
  await expect(page.getByLabel("Day", { exact: true })).toHaveValue("");
  await resident.close();
  await partner.close();
});

test("the browser bundle holds no drizzle-orm code and no database column names", async () => {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".js")) files.push(full);
    }
  };
  walk("public/build");
  expect(files.length).toBeGreaterThan(10);
  // Names only the ORM and the schema use; none of them is a word a page would show.
  const forbidden = ["drizzle-orm", "sqliteTable", "SQLiteColumn", "password_hash", "passwordHash", "last_sign_in_at", "email_key", "login_attempts", "password_tokens", "internal_note", "update_drafts"];
  const found = files.flatMap((f) => {
    const text = fs.readFileSync(f, "utf8");
    return forbidden.filter((word) => text.includes(word)).map((word) => `${path.relative("public/build", f)}: ${word}`);
  });
  expect(found).toEqual([]);
});
