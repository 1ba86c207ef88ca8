// Sessions, the audit log, partners' areas and the defects that must not come back,
// in Debian Chromium against the production build.
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import Database from "better-sqlite3";
import fs from "node:fs";
import { test, expect } from "./fixtures";
import { ACCOUNTS, E2E_PASSWORD, signIn, WARD_A, WARD_B } from "./accounts";
import { postcodesInWard, teamId, wardsOfTeam } from "./db";

test.describe.configure({ mode: "serial" });

const IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";

async function axe(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

async function newPage(browser: Browser, options: { userAgent?: string; javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await page.route("**/*", (route) => (new URL(route.request().url()).hostname === "localhost" ? route.continue() : route.abort()));
  return page;
}

/** The page at 320, 375 and 1280 px: nothing wider than the screen, and a screenshot of each to look at. */
async function checkWidths(page: Page, name: string) {
  fs.mkdirSync("tests/e2e/screenshots", { recursive: true });
  for (const width of [320, 375, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), { message: `${name} at ${width}px scrolls sideways` }).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `tests/e2e/screenshots/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

test("a person sees where they are signed in, signs out one browser, everywhere else, then everywhere; the audit log shows each", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signIn(page, ACCOUNTS.editorB);
  const phone = await newPage(browser, { userAgent: IPHONE });
  await signIn(phone, ACCOUNTS.editorB);

  await page.getByRole("link", { name: "Where you are signed in" }).click();
  await expect(page.getByRole("heading", { name: "Where you are signed in" })).toBeVisible();
  const sessions = page.getByTestId("session");
  await expect(sessions).toHaveCount(2);
  await expect(sessions.first()).toContainText("This browser");
  await expect(sessions.filter({ hasText: "Safari on iPhone" })).toHaveCount(1);
  await expect(sessions.filter({ hasText: "Safari on iPhone" })).not.toContainText("This browser");
  expect(await axe(page)).toEqual([]);
  await checkWidths(page, "staff-sessions");

  // Sign out the phone: it is asked to sign in again, this browser carries on.
  await sessions.filter({ hasText: "Safari on iPhone" }).getByRole("button", { name: /Sign out this browser/ }).click();
  await expect(page.getByTestId("notification")).toContainText("Signed out");
  await expect(page.getByTestId("session")).toHaveCount(1);
  await expect(page.getByTestId("no-other-sessions")).toBeVisible();
  await phone.goto("/staff");
  await expect(phone).toHaveURL(/\/login\?redirectTo=%2Fstaff/);
  // The phone is told why, among the reasons a session ends.
  await expect(phone.getByTestId("session-expired")).toContainText("when this browser is signed out from another one");

  // Everywhere else.
  await signIn(phone, ACCOUNTS.editorB);
  await page.reload();
  await expect(page.getByTestId("session")).toHaveCount(2);
  await page.getByRole("button", { name: "Sign out everywhere else" }).click();
  await expect(page.getByTestId("no-other-sessions")).toBeVisible();
  await phone.goto("/staff");
  await expect(phone).toHaveURL(/\/login/);
  await page.goto("/staff");
  await expect(page.getByRole("heading", { name: "Staff dashboard" })).toBeVisible();

  // Everywhere, this browser included.
  await page.goto("/staff/sessions");
  await page.getByRole("button", { name: "Sign out everywhere, including here" }).click();
  await expect(page.getByTestId("signed-out-everywhere")).toContainText("signed out on every browser");
  await expect(page.getByText("Signed in as")).toHaveCount(0);
  await page.goto("/staff");
  await expect(page).toHaveURL(/\/login/);

  // A wrong password for the same account.
  await page.goto("/login");
  await page.getByLabel("Email address").fill(ACCOUNTS.editorB.email);
  await page.getByLabel("Password").fill("not the password at all");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("error-summary")).toBeVisible();

  // The administrator reads all of it under Bo's name.
  await signIn(page, ACCOUNTS.admin);
  await page.goto("/admin/audit");
  await page.getByLabel("Person").selectOption({ label: `${ACCOUNTS.editorB.name} (${ACCOUNTS.editorB.email})` });
  await page.getByLabel("Kind of record").selectOption("session");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/person=.*&area=session|area=session.*person=/);
  const entries = page.getByTestId("audit-entry");
  for (const what of ["Signed out everywhere", "Signed out everywhere else", "Signed out one browser", "Sign-in refused"]) await expect(entries.filter({ hasText: what }).first()).toBeVisible();
  await expect(entries.filter({ hasText: "Sign-in refused" }).first()).toContainText("wrong email address or password");
  await expect(page.getByTestId("audit-log")).not.toContainText("not the password at all");
  await phone.context().close();
});

test("the audit log filters without JavaScript, keeps the filters across pages and downloads what it shows", async ({ browser, page: withScript }) => {
  test.setTimeout(90_000);
  // Bad dates: a message naming the field, nothing filtered by it (axe needs JavaScript, so this page has it).
  await signIn(withScript, ACCOUNTS.admin);
  // A person given by email address, not chosen from the list: said, not silently dropped to show everyone.
  await withScript.goto(`/admin/audit?from=2026-13-45&to=2026-01-01&person=${encodeURIComponent(ACCOUNTS.editorB.email)}`);
  await expect(withScript.getByTestId("error-summary")).toContainText("The start date must be a real date");
  await expect(withScript.getByTestId("error-summary")).toContainText("No account matches the person asked for");
  await expect(withScript.getByLabel("Person")).toHaveValue("");
  await expect(withScript).toHaveTitle(/^Error: /);
  expect(await axe(withScript)).toEqual([]);
  await checkWidths(withScript, "admin-audit-errors");

  const page = await newPage(browser, { javaScriptEnabled: false });
  await signIn(page, ACCOUNTS.admin);
  await page.goto("/admin/audit");
  await page.getByLabel("Kind of record").selectOption({ label: "Sign-in sessions" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/area=session/);
  const count = await page.getByTestId("audit-count").textContent();
  expect(count).toMatch(/entr(y matches|ies match) these filters/);
  // The download has the same filters and the same number of rows.
  const href = await page.getByRole("link", { name: /as CSV/ }).getAttribute("href");
  expect(href).toMatch(/^\/admin\/audit\.csv\?area=session$/);
  const response = await page.request.get(href!);
  expect(response.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  const lines = (await response.text()).trimEnd().split("\r\n");
  expect(lines[0]).toBe("When (UTC),Who,Who (as recorded),What,Action,About,Ward,Team,Changes");
  const total = Number(/^(\d+)/.exec(count!)![1]);
  // Pages of 50 keep the filter (the unit tests page through a longer log).
  const older = page.getByRole("link", { name: "Older entries" });
  await expect(older).toHaveCount(total > 50 ? 1 : 0);
  if (total > 50) {
    await older.click();
    await expect(page).toHaveURL(/area=session.*page=2/);
    await expect(page.getByLabel("Kind of record")).toHaveValue("session");
  }
  expect(lines.filter((l) => /^\d{4}-/.test(l))).toHaveLength(total);
  await checkWidths(page, "admin-audit");
  // A partner is refused the log and its download.
  const partner = await newPage(browser);
  await signIn(partner, ACCOUNTS.partner);
  expect((await partner.request.get("/admin/audit.csv")).status()).toBe(403);
  await partner.context().close();
  await page.context().close();
});

test("a partner's home is their area: its wards and latest updates; notes outside it are not shown; the admin sets the area", async ({ page }) => {
  await signIn(page, ACCOUNTS.partner);
  await expect(page.getByTestId("partner-area")).toContainText("Maidstone");
  await expect(page.getByTestId("district-due")).toHaveCount(0);
  await expect(page.getByTestId("partner-district")).toHaveCount(1);
  await expect(page.getByTestId("partner-district").getByRole("link", { name: WARD_A.name, exact: true })).toBeVisible();
  await expect(page.getByTestId("partner-district")).not.toContainText(WARD_B.name);
  await expect(page.getByTestId("partner-updates").getByRole("listitem").first()).toBeVisible();
  expect(await axe(page)).toEqual([]);
  await checkWidths(page, "staff-partner-dashboard");
  await page.goto(`/staff/wards/${WARD_B.code}`);
  await expect(page.getByTestId("notes-outside-area")).toContainText("Canterbury is outside your organisation's area");
  await expect(page.getByTestId("staff-note")).toHaveCount(0);
  expect(await axe(page)).toEqual([]);
  await checkWidths(page, "staff-ward-outside-area");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByText("Signed in as")).toHaveCount(0);
  await signIn(page, ACCOUNTS.admin);
  await page.goto("/admin/users");
  await page.getByRole("link", { name: ACCOUNTS.partner.name }).click();
  const area = page.getByRole("group", { name: "Districts in their area" });
  await expect(area.getByLabel("Maidstone")).toBeChecked();
  await expect(area.getByLabel("Canterbury")).not.toBeChecked();
  expect(await axe(page)).toEqual([]);
  await checkWidths(page, "admin-user-partner-area");
  // One form, one button: saved unchanged, nothing moves.
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByTestId("notification")).toContainText("The account has been updated");
  await expect(page.getByRole("group", { name: "Districts in their area" }).getByLabel("Maidstone")).toBeChecked();
  await expect(page.getByRole("group", { name: "Districts in their area" }).getByLabel("Canterbury")).not.toBeChecked();
});

test("the 'earlier version' link shows only to those who may open it: the team's editor, not a partner nor another team's editor", async ({ page, browser }) => {
  const ward = wardsOfTeam(ACCOUNTS.editorA.team).at(-1)!;
  await signIn(page, ACCOUNTS.editorA);
  await page.goto(`/staff/wards/${ward.code}`);
  await page.getByTestId("staff-priority").first().getByRole("link", { name: /Correct this update/ }).first().click();
  const field = page.getByLabel("What the team did this month");
  // Ordinary text that looks like the start of markup is kept and shown as typed, never refused nor run.
  await field.fill(`${await field.inputValue()} Corrected: reports fell to <a dozen a week.`);
  await page.getByRole("button", { name: "Save and publish the correction" }).click();
  await expect(page.getByTestId("notification")).toContainText("The update has been corrected");
  await page.goto(`/staff/wards/${ward.code}`);
  const history = page.getByTestId("staff-priority").first().getByRole("link", { name: /earlier version/ });
  await expect(history.first()).toBeVisible();
  const href = (await history.first().getAttribute("href"))!;
  await history.first().click();
  await expect(page.getByRole("heading", { name: "Earlier versions" })).toBeVisible();
  await page.goto(`/wards/${ward.code}`);
  await expect(page.getByText("Corrected: reports fell to <a dozen a week.").first()).toBeVisible();

  for (const account of [ACCOUNTS.partner, ACCOUNTS.editorB]) {
    const other = await newPage(browser);
    await signIn(other, account);
    await other.goto(`/staff/wards/${ward.code}`);
    const first = other.getByTestId("staff-priority").first();
    await expect(first.getByText(/Corrected \d+ times?/).first(), account.email).toBeVisible();
    await expect(first.getByRole("link", { name: /earlier version/ }), account.email).toHaveCount(0);
    // And the address itself is refused, as the missing link promises.
    expect((await other.request.get(href.replace(/#.*$/, ""))).status(), account.email).toBe(403);
    await other.context().close();
  }
});

test("header, banner and button-styled links keep at least 4.5:1 contrast at rest, on hover and on focus", async ({ page }) => {
  await signIn(page, ACCOUNTS.admin);
  const contrastOf = (selector: string) =>
    page.locator(selector).first().evaluate((el) => {
      const rgb = (s: string) => (s.match(/[\d.]+/g) ?? []).map(Number);
      const channel = (c: number) => {
        const v = c / 255;
        return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
      };
      const luminance = ([r, g, b]: number[]) => 0.2126 * channel(r!) + 0.7152 * channel(g!) + 0.0722 * channel(b!);
      // The first ancestor (or the element) with an opaque background is what the text sits on.
      let node: Element | null = el;
      let bg = [255, 255, 255];
      while (node) {
        const c = rgb(getComputedStyle(node).backgroundColor);
        if (c.length >= 3 && (c.length === 3 || c[3]! > 0)) {
          bg = c.slice(0, 3);
          break;
        }
        node = node.parentElement;
      }
      const fg = rgb(getComputedStyle(el).color).slice(0, 3);
      const [a, b] = [luminance(fg), luminance(bg)].sort((x, y) => y - x);
      return (a! + 0.05) / (b! + 0.05);
    });
  const checked: string[] = [];
  for (const [path, selector] of [
    [`/staff/wards/${WARD_A.code}`, "main a.button:not(.button--secondary)"],
    ["/admin/teams", "main a.button:not(.button--secondary)"],
    ["/partners/map", "main a.button.button--secondary"],
    ["/", ".header a"],
    ["/", ".header__nav a"],
    ["/", ".phase-banner a"],
  ] as const) {
    await page.goto(path);
    const link = page.locator(selector).first();
    await expect(link).toBeVisible();
    await page.mouse.move(0, 0);
    expect(await contrastOf(selector), `${path} ${selector} at rest`).toBeGreaterThanOrEqual(4.5);
    await link.hover();
    expect(await contrastOf(selector), `${path} ${selector} on hover`).toBeGreaterThanOrEqual(4.5);
    await page.mouse.move(0, 0);
    await link.focus();
    expect(await contrastOf(selector), `${path} ${selector} on focus`).toBeGreaterThanOrEqual(4.5);
    checked.push(path);
  }
  expect(checked).toHaveLength(6);
});

test("an event placed by picking on the ward map: the postcode moves the pin, a click sets it, and the event is on the ward map and the partner map", async ({ page, browser }) => {
  test.setTimeout(90_000);
  const TEAM = "medway-central";
  const ward = wardsOfTeam(TEAM)[6]!;
  const [postcode] = postcodesInWard(ward.code, 1);
  const venue = "Picked on the map: St Mary's Hall";
  const inTenDays = new Date(Date.now() + 12 * 86400000);
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "numeric", year: "numeric" }).formatToParts(inTenDays);
  const part = (t: string) => parts.find((p) => p.type === t)!.value;
  await signIn(page, ACCOUNTS.monthA);
  await page.goto(`/staff/teams/${teamId(TEAM)}/events/new`);
  await page.getByLabel("Surgery", { exact: true }).check();
  await page.getByLabel("Title").fill("Surgery placed on the map");
  await page.getByLabel("Ward").selectOption({ label: ward.name });
  await page.getByLabel("Venue", { exact: true }).fill(venue);
  const picker = page.getByTestId("location-picker");
  await expect(picker.locator(".leaflet-container")).toBeVisible();
  await expect(page.getByTestId("pin-status")).toHaveText("No pin yet.");
  expect(await axe(page)).toEqual([]);
  await checkWidths(page, "staff-event-new-picker");

  // The postcode places the pin...
  await page.getByLabel("Venue postcode (optional)").fill(postcode!);
  await page.getByLabel("Venue postcode (optional)").press("Tab");
  await expect(page.getByTestId("pin-status")).toHaveText(`The pin is at ${postcode}.`);
  const pin = picker.locator(".map-pin");
  await expect(pin).toHaveCount(1);
  const fromPostcode = await page.getByTestId("pin-at").getAttribute("data-lat");
  // ...the keyboard's button moves it to the map's centre...
  await page.getByRole("button", { name: "Put the pin at the centre of the map" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("pin-status")).toHaveText("The pin has been put where you chose.");
  // ...and a click on the map puts it where clicked: here, on the postcode's point, inside the ward.
  // (A postcode field emptied keeps the pin where it is.)
  await page.getByLabel("Venue postcode (optional)").fill("");
  await page.getByLabel("Venue postcode (optional)").press("Tab");
  await expect(page.getByTestId("pin-status")).toHaveText("The pin has been put where you chose.");
  await page.getByLabel("Venue postcode (optional)").fill(postcode!);
  await page.getByLabel("Venue postcode (optional)").press("Tab");
  await expect(page.getByTestId("pin-at")).toHaveAttribute("data-lat", fromPostcode!);
  await page.getByLabel("Venue postcode (optional)").fill("");
  await page.getByLabel("Venue postcode (optional)").press("Tab");
  const box = (await pin.boundingBox())!;
  const mapBox = (await picker.locator(".leaflet-container").boundingBox())!;
  await picker.locator(".leaflet-container").click({ position: { x: box.x + box.width / 2 - mapBox.x, y: box.y + box.height / 2 - mapBox.y } });
  await expect(page.getByTestId("pin-status")).toHaveText("The pin has been put where you chose.");
  const picked = Number(await page.getByTestId("pin-at").getAttribute("data-lat"));
  // Within a few pixels of the postcode's point at the ward's zoom, and not the postcode's exact point.
  expect(Math.abs(picked - Number(fromPostcode))).toBeLessThan(0.01);
  expect(String(picked)).not.toBe(fromPostcode);

  await page.getByLabel("Day", { exact: true }).fill(part("day"));
  await page.getByLabel("Month", { exact: true }).fill(part("month"));
  await page.getByLabel("Year", { exact: true }).fill(part("year"));
  await page.getByLabel("Start time").fill("18:30");
  await page.getByLabel("End time").fill("19:30");

  // Another ward chosen under the pin: the picker says at once that the point is outside it,
  // the form refuses it in the same words, and no success line stands beside the refusal.
  const other = wardsOfTeam(TEAM).find((w) => w.code !== ward.code)!;
  const outsideOther = `The pin is in ${ward.name}, not ${other.name}. Move it inside ${other.name}, or choose ${ward.name} as the ward`;
  await page.getByLabel("Ward").selectOption({ label: other.name });
  await expect(page.getByTestId("pin-status")).toHaveText(`Warning: ${outsideOther}`);
  await page.getByRole("button", { name: "Add and publish" }).click();
  await expect(page.locator("#location-error")).toHaveText(`Error: ${outsideOther}`);
  await expect(page.getByTestId("pin-status")).not.toContainText("where you chose");
  await expect(page.getByLabel("Venue", { exact: true })).toHaveValue(venue);
  await page.getByLabel("Ward").selectOption({ label: ward.name });
  await expect(page.getByTestId("pin-status")).toHaveText("");
  await expect(page.getByTestId("pin-at")).toHaveAttribute("data-lat", String(picked));

  await page.getByRole("button", { name: "Add and publish" }).click();
  await expect(page.getByTestId("notification")).toContainText("The event has been added");
  // Saved at the point clicked, with no postcode.
  const db = new Database(`db/e2e-${process.env.E2E_PORT ?? 3210}.sqlite`, { readonly: true });
  const saved = db.prepare("SELECT lat, postcode FROM events WHERE venue = ?").get(venue) as { lat: number; postcode: string | null };
  db.close();
  expect(saved).toEqual({ lat: picked, postcode: null });

  const resident = await newPage(browser);
  await resident.goto(`/wards/${ward.code}`);
  await expect(resident.locator(".leaflet-container .map-venue", { hasText: `Venue: ${venue}` }).first()).toBeVisible();
  await resident.context().close();
  const partner = await newPage(browser);
  await signIn(partner, ACCOUNTS.partner);
  await partner.goto("/partners/map?layers=venues");
  await expect(partner.getByTestId("venue-table")).toContainText(venue);
  await partner.context().close();

  // Editing: the form opens with the pin where it was saved; a new postcode moves it.
  await page.getByTestId("staff-event").filter({ hasText: "Surgery placed on the map" }).first().getByRole("link", { name: /^Change/ }).click();
  await expect(page.getByTestId("pin-status")).toHaveText("The pin is where the venue was saved.");
  await checkWidths(page, "staff-event-edit-picker");
});

test("without JavaScript the event form has no map and the postcode still places the venue", async ({ browser }) => {
  const page = await newPage(browser, { javaScriptEnabled: false });
  await signIn(page, ACCOUNTS.monthA);
  await page.goto(`/staff/teams/${teamId("medway-central")}/events/new`);
  await expect(page.getByLabel("Venue postcode (optional)")).toBeVisible();
  await expect(page.getByTestId("location-picker")).toHaveCount(0);
  await expect(page.locator('input[name="pinLat"]')).toHaveCount(0);
  await page.context().close();
});
