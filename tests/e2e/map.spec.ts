// The ward maps, in Debian Chromium with every request beyond this app aborted
// (so no base-map tiles ever load: the maps must be complete without them).
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, screenshot, test } from "./fixtures";
import { ACCOUNTS, signIn } from "./accounts";

const PARK_WOOD = "E05015608"; // Park Wood & Mangravet, Maidstone
const SWALE = "E07000113";

const wardShapes = (page: Page) => page.locator("path.map-ward");

async function openMap(page: Page, path = "/map") {
  await page.goto(path);
  await expect(wardShapes(page)).toHaveCount(279);
}

/** The fill of every ward drawn, by ward code. */
async function fills(page: Page): Promise<Record<string, string>> {
  return wardShapes(page).evaluateAll((paths) => Object.fromEntries(paths.map((p) => [p.getAttribute("data-ward")!, p.getAttribute("fill")!])));
}

async function legend(page: Page) {
  return page.getByTestId("legend").locator("li").evaluateAll((items) =>
    items.map((li) => ({ colour: li.getAttribute("data-colour")!, text: li.textContent!, wards: Number(/\((\d+) wards?\)/.exec(li.textContent!)?.[1]) })),
  );
}

/** The whole page, and a close-up of the map and its key (the full page is mostly the ward table). */
async function screenshotMap(page: Page, name: string, { fullPage = true } = {}) {
  if (fullPage) await screenshot(page, name);
  const { top, bottom } = await page.evaluate(() => {
    const map = document.querySelector(".leaflet-container")!.getBoundingClientRect();
    const key = document.querySelector("[data-testid=legend]")?.getBoundingClientRect() ?? map;
    return { top: map.top + window.scrollY - 100, bottom: Math.max(map.bottom, key.bottom) + window.scrollY + 10 };
  });
  const width = page.viewportSize()!.width;
  await page.screenshot({ path: `tests/e2e/screenshots/${name}-close-up.png`, fullPage: true, clip: { x: 0, y: Math.max(0, top), width, height: bottom - Math.max(0, top) } });
}

async function expectNoAxeViolations(page: Page) {
  // WCAG 2.2 AA, as on the resident pages, plus axe's best practices (landmarks, regions).
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`)).toEqual([]);
}

test.describe("/map", () => {
  test("draws all 279 wards and the 13 district names on a plain background, with no tiles", async ({ page }) => {
    await openMap(page);
    await expect(page.locator(".map-label")).toHaveCount(13);
    await expect(page.locator(".map-label span", { hasText: "Tunbridge Wells" })).toBeVisible();
    await expect(page.locator("path.map-district")).toHaveCount(13);
    await expect(page.locator("img.leaflet-tile")).toHaveCount(0);
    await screenshotMap(page, "map-district", { fullPage: false });
  });

  test("shows a picture of the wards in the map's place before its code has arrived, then the interactive map over the same view", async ({ page }) => {
    // The page's code held back: what a slow phone shows for its first seconds.
    await page.route("**/build/**/*.js", (route) => route.abort());
    await page.goto("/map");
    const picture = page.getByTestId("map-preview");
    await expect(picture).toBeVisible();
    await expect.poll(() => picture.locator("img").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    const box = (await picture.boundingBox())!;
    expect(box.height).toBeGreaterThan(300);
    await expect(page.locator(".leaflet-container")).toHaveCount(0);
    // Where the picture draws the county: fitted inside its 10 px margins, centred.
    const pictured = await picture.locator("img").evaluate((img: HTMLImageElement) => {
      const r = img.getBoundingClientRect();
      const [w, h] = [r.width - 20, r.height - 20];
      const scale = Math.min(w / img.naturalWidth, h / img.naturalHeight);
      return { left: r.left + 10 + (w - img.naturalWidth * scale) / 2, top: r.top + 10 + (h - img.naturalHeight * scale) / 2, width: img.naturalWidth * scale };
    });

    await page.unroute("**/build/**/*.js");
    await openMap(page);
    await expect(picture).toHaveCount(0);
    const map = (await page.locator(".leaflet-container").boundingBox())!;
    expect(Math.round(map.y)).toBe(Math.round(box.y));
    expect(Math.round(map.height)).toBe(Math.round(box.height));
    // Leaflet frames the wards exactly as the picture did, so nothing jumps when it takes over.
    const drawn = await page.locator(".leaflet-overlay-pane svg g").first().evaluate((g) => {
      const r = g.getBoundingClientRect();
      return { left: r.left, top: r.top, width: r.width };
    });
    expect(Math.abs(drawn.left - pictured.left)).toBeLessThan(4);
    expect(Math.abs(drawn.top - pictured.top)).toBeLessThan(4);
    expect(Math.abs(drawn.width - pictured.width)).toBeLessThan(6);
  });

  test("draws the light overview first and fetches the finer boundaries only when zoomed in, reshaping the same wards", async ({ page }) => {
    const boundaryFiles: string[] = [];
    page.on("request", (r) => {
      if (r.url().includes(".geojson")) boundaryFiles.push(new URL(r.url()).search.includes("overview=1") ? "overview" : "fine");
    });
    await openMap(page);
    expect(boundaryFiles.sort()).toEqual(["overview", "overview"]);
    const ward = page.locator(`path[data-ward="${PARK_WOOD}"]`);
    const before = (await ward.getAttribute("d"))!;
    await ward.focus();
    // Zoom in a step at a time until the finer files are asked for: a press made while
    // a zoom is still animating may be taken into it, so the number of presses varies.
    const fineAsked = () => boundaryFiles.filter((f) => f === "fine").length;
    await expect
      .poll(async () => (fineAsked() < 2 && (await page.keyboard.press("+")), fineAsked()), { intervals: [750], timeout: 30_000 })
      .toBe(2);
    // The same element, reshaped in place: it keeps focus and its tooltip, and gains points.
    await expect.poll(async () => ((await ward.getAttribute("d")) ?? "").length).toBeGreaterThan(before.length * 1.3);
    await expect(ward).toBeFocused();
    await expect(page.locator(".map-tooltip")).toContainText("Park Wood & Mangravet");
    await expect(wardShapes(page)).toHaveCount(279);
  });

  test("switching the colouring changes the legend and the fills, and they agree", async ({ page }) => {
    await openMap(page);
    const byDistrict = await fills(page);
    await expect(page.getByTestId("legend").getByRole("heading")).toHaveText("Key: districts");
    expect(await legend(page)).toHaveLength(13);

    for (const [label, heading, name] of [
      ["Neighbourhood team", /neighbourhood teams/, "map-team"],
      ["When priorities were last updated", /last updated/, "map-freshness"],
      ["Top priority", /top priority/, "map-theme"],
    ] as const) {
      const before = await fills(page);
      await page.getByRole("radio", { name: label }).check();
      await expect(page.getByTestId("legend").getByRole("heading")).toHaveText(heading);
      await expect.poll(async () => JSON.stringify(await fills(page))).not.toBe(JSON.stringify(before));
      // The legend accounts for exactly the wards drawn in each colour (teams share
      // colours, never with a neighbour, so their entries are added up by colour).
      const entries = await legend(page);
      const drawn = Object.values(await fills(page));
      const byColour = new Map<string, number>();
      for (const e of entries) byColour.set(e.colour, (byColour.get(e.colour) ?? 0) + e.wards);
      for (const [colour, wards] of byColour) expect(drawn.filter((f) => f === colour).length, colour).toBe(wards);
      expect(entries.reduce((n, e) => n + e.wards, 0)).toBe(279);
      await screenshotMap(page, name, { fullPage: false });
    }
    expect(page.url()).toContain("colour=theme");
    expect(await fills(page)).not.toEqual(byDistrict);
  });

  test("pointing at a ward shows its name, team and priorities; clicking opens its page", async ({ page }) => {
    await openMap(page);
    await page.locator(".leaflet-container").scrollIntoViewIfNeeded();
    await page.getByRole("button", { name: "Zoom in" }).click();
    await page.getByRole("button", { name: "Zoom in" }).click();
    const ward = page.locator(`path[data-ward="${PARK_WOOD}"]`);
    await ward.hover();
    const tooltip = page.locator(".map-tooltip");
    await expect(tooltip).toContainText("Park Wood & Mangravet (Maidstone)");
    await expect(tooltip).toContainText("Neighbourhood Team");
    await expect(tooltip).toContainText(/1\. .+2\. .+3\. /s);
    await ward.click();
    await expect(page).toHaveURL(new RegExp(`/wards/${PARK_WOOD}$`));
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Park Wood & Mangravet");
  });

  test("the keyboard alone reaches a ward, moves to its neighbour and opens it", async ({ page }) => {
    await openMap(page);
    await page.getByRole("link", { name: "Skip the map: go to the list of wards" }).focus();
    await page.keyboard.press("Tab"); // the map itself (arrow keys pan it)
    await expect(page.locator(".leaflet-container")).toBeFocused();
    await page.keyboard.press("Tab"); // the wards: one stop in the tab order
    const focused = page.locator("path.map-ward:focus");
    await expect(focused).toHaveCount(1);
    const first = await focused.getAttribute("data-ward");
    await expect(page.locator(".map-tooltip")).toBeVisible();

    await page.keyboard.press("ArrowRight");
    await expect.poll(() => focused.getAttribute("data-ward")).not.toBe(first);
    const next = (await focused.getAttribute("data-ward"))!;
    const name = (await focused.getAttribute("aria-label"))!.split(" (")[0]!;
    await expect(page.locator(".map-tooltip")).toContainText(name);
    // Only the focused ward is in the tab order.
    await expect(page.locator('path.map-ward[tabindex="0"]')).toHaveCount(1);

    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/wards/${next}$`));
    await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
  });

  test("the list by district has every ward the map draws, each linking to its page", async ({ page }) => {
    await openMap(page);
    const drawn = await wardShapes(page).evaluateAll((paths) => paths.map((p) => p.getAttribute("data-ward")).sort());
    await expect(page.getByTestId("ward-list").locator("details")).toHaveCount(13);
    const links = page.getByTestId("ward-list").locator("a.ward-list__name");
    await expect(links).toHaveCount(279);
    const listed = (await links.evaluateAll((as) => as.map((a) => a.getAttribute("href")!.replace("/wards/", "")))).sort();
    expect(listed).toEqual(drawn);
  });

  test("has no axe violations, with a ward focused and its tooltip open", async ({ page }) => {
    test.setTimeout(120_000); // axe takes its time over 279 shapes and a 279-row table
    await openMap(page);
    await page.getByRole("radio", { name: "Top priority" }).check();
    await page.locator(`path[data-ward="${PARK_WOOD}"]`).focus();
    await expect(page.locator(".map-tooltip")).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("fetches leaflet only on pages with a map, after the page has loaded", async ({ page }) => {
    const scripts: string[] = [];
    page.on("response", async (res) => {
      if (res.url().endsWith(".js") || res.url().endsWith(".css")) scripts.push(await res.text());
    });
    await page.goto("/");
    await page.waitForLoadState("networkidle");
    expect(scripts.some((s) => s.includes("leaflet-container"))).toBe(false);

    scripts.length = 0;
    await openMap(page);
    expect(scripts.some((s) => s.includes("leaflet-container"))).toBe(true);
  });

  test("serves the boundaries compressed, cacheable for a year, and 304 on a repeat", async ({ page, request }) => {
    await openMap(page);
    const urls = await page.evaluate(() => performance.getEntriesByType("resource").map((e) => e.name).filter((n) => n.includes(".geojson")));
    const county = urls.find((u) => u.includes("/api/wards.geojson?v="))!;
    expect(county).toBeTruthy();
    const res = await request.get(county, { headers: { "accept-encoding": "gzip" } });
    expect(res.headers()["content-encoding"]).toBe("gzip");
    expect(Number(res.headers()["content-length"])).toBeLessThanOrEqual(150 * 1024);
    expect(res.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
    const again = await request.get(county, { headers: { "accept-encoding": "gzip", "if-none-match": res.headers()["etag"]! } });
    expect(again.status()).toBe(304);
  });
});

test.describe("ward, district and team pages", () => {
  test("a team page fetches only its own wards and those around them", async ({ page }) => {
    const geojson: string[] = [];
    page.on("request", (r) => {
      if (r.url().includes(".geojson")) geojson.push(new URL(r.url()).pathname);
    });
    await page.goto("/teams/maidstone-central");
    const listed = await page.getByTestId("team-wards").getByRole("link").count();
    await expect(page.locator('path.map-ward[fill="#1d70b8"]')).toHaveCount(listed);
    expect(await page.locator("path.map-ward").count()).toBeLessThan(60);
    expect(geojson).toEqual(["/api/teams/maidstone-central.geojson"]);
  });

  test("a ward page maps the ward, its neighbours and its meeting venues", async ({ page }) => {
    await page.goto(`/wards/${PARK_WOOD}`);
    const map = page.locator(".leaflet-container");
    await expect(map.locator(`path[data-ward="${PARK_WOOD}"]`)).toHaveAttribute("fill", "#1d70b8");
    const neighbours = page.getByTestId("neighbour-wards").getByRole("link");
    await expect(neighbours.first()).toBeVisible();
    const count = await neighbours.count();
    expect(count).toBeGreaterThanOrEqual(4);
    await expect(map.locator("path.map-ward")).toHaveCount(count + 1);
    await expect(page.getByTestId("neighbour-wards")).toContainText("Shepway");

    const venue = map.locator(".map-venue").first();
    await expect(venue).toBeVisible();
    await venue.focus();
    await page.keyboard.press("Enter");
    await expect(page.locator(".leaflet-popup")).toContainText(/PACT meeting|Surgery|Street meeting/);
    await page.keyboard.press("Escape");
    await screenshotMap(page, "ward-page");
    await expectNoAxeViolations(page);
  });

  test("a district page shades its wards, fetching only them and the wards around them", async ({ page }) => {
    test.setTimeout(60_000);
    const boundaryFiles: { path: string; bytes: number }[] = [];
    page.on("response", async (r) => {
      if (r.url().includes(".geojson")) boundaryFiles.push({ path: new URL(r.url()).pathname, bytes: Number(r.headers()["content-length"] ?? (await r.body()).length) });
    });
    await page.goto(`/districts/${SWALE}`);
    await expect(page.locator("table tbody tr")).toHaveCount(24);
    await expect(page.locator('path.map-ward[fill="#1d70b8"]')).toHaveCount(24);
    expect(await page.locator("path.map-ward").count()).toBeLessThan(60);
    expect(boundaryFiles.map((f) => f.path)).toEqual([`/api/districts/${SWALE}.geojson`]);
    // A fraction of the county file (about 115 KB compressed).
    expect(boundaryFiles[0]!.bytes).toBeLessThan(40 * 1024);
    await screenshotMap(page, "district-page");
    await expectNoAxeViolations(page);
  });

  test("a team page shades the wards it covers", async ({ page }) => {
    test.setTimeout(60_000);
    await page.goto(`/wards/${PARK_WOOD}`);
    await page.getByRole("link", { name: /Neighbourhood Team$/ }).first().click();
    // Count the team's ward links only once its page is the one shown.
    await expect(page).toHaveURL(/\/teams\/[a-z0-9-]+$/);
    await expect(page.getByTestId("team-wards").getByRole("link").first()).toBeVisible();
    const listed = await page.getByTestId("team-wards").getByRole("link").count();
    expect(listed).toBeGreaterThan(0);
    await expect(page.locator('path.map-ward[fill="#1d70b8"]')).toHaveCount(listed);
    await screenshotMap(page, "team-page");
    await expectNoAxeViolations(page);
  });
});

test.describe("/partners/map", () => {
  test("is for signed-in partners and staff: anyone else is sent to sign in, and downloads are refused", async ({ page }) => {
    await page.goto("/partners/map");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Fpartners%2Fmap/);
    for (const download of ["/partners/map.csv?layers=wards", "/partners/map.geojson?layers=wards"]) {
      const res = await page.request.get(download, { maxRedirects: 0 });
      expect(res.status(), download).toBe(302);
      expect(res.headers()["location"], download).toMatch(/^\/login\?redirectTo=/);
    }
    await signIn(page, ACCOUNTS.partner);
    await page.goto("/partners/map");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page).toHaveURL(/\/partners\/map$/);
  });

  test("switches layers on and off, and downloads exactly what is shown", async ({ page }) => {
    await signIn(page, ACCOUNTS.partner);
    await openMap(page, "/partners/map");
    await expect(page.locator("path.map-district")).toHaveCount(13);

    await page.getByRole("checkbox", { name: "Wards", exact: true }).uncheck();
    await page.getByRole("checkbox", { name: "Wards with a priority on a theme" }).check();
    await page.getByLabel("Priority theme").selectOption("drugs");
    // Count only once the table shows the chosen theme, not the one it replaced.
    await expect(page.getByRole("heading", { name: "Wards where drugs is a priority" })).toBeVisible();
    await expect(page).toHaveURL(/theme=drugs/);
    const themed = await page.getByTestId("theme-table").locator("tbody tr").count();
    expect(themed).toBeGreaterThan(0);
    await expect(wardShapes(page)).toHaveCount(themed);

    await page.getByRole("checkbox", { name: "Surgery and meeting venues" }).check();
    await page.getByRole("checkbox", { name: "Neighbourhood team areas" }).check();
    // Count the venues only once the page shows both layers just chosen.
    await expect(page).toHaveURL(/layers=districts,teams,venues,priorities&theme=drugs/);
    await expect(page.getByTestId("venue-table").locator("tbody tr").first()).toBeVisible();
    const venues = await page.getByTestId("venue-table").locator("tbody tr").count();
    await expect(page.locator("path.map-venue-dot")).toHaveCount(venues);
    await expect(page.locator("path.map-team")).toHaveCount(46);
    expect(page.url()).toContain("layers=districts,teams,venues,priorities&theme=drugs");
    await screenshotMap(page, "partners-map", { fullPage: false });

    const csvHref = await page.getByTestId("download-csv").getAttribute("href");
    expect(csvHref).toBe("/partners/map.csv?layers=districts,teams,venues,priorities&theme=drugs");
    const csv = await page.request.get(csvHref!);
    expect(csv.headers()["content-type"]).toMatch(/^text\/csv/);
    expect(csv.headers()["content-disposition"]).toMatch(/^attachment; filename="kent-partner-map-\d{4}-\d{2}\.csv"$/);
    const layers = (await csv.text())
      .trim()
      .split("\r\n")
      .slice(1)
      .map((line) => line.split(",")[0]);
    const count = (layer: string) => layers.filter((l) => l === layer).length;
    expect([count("district"), count("team_area"), count("venue"), count("priority"), count("ward")]).toEqual([13, 46, venues, themed, 0]);

    const geojson = await page.request.get((await page.getByTestId("download-geojson").getAttribute("href"))!);
    const features = (await geojson.json()).features as { properties: { layer: string } }[];
    expect(features.filter((f) => f.properties.layer === "priority")).toHaveLength(themed);
  });

  test("has no axe violations with every layer on", async ({ page }) => {
    // axe over every layer (wards, districts, teams, venues and their tables) took over two minutes on a loaded two-core machine.
    test.setTimeout(240_000);
    await signIn(page, ACCOUNTS.partner);
    await openMap(page, "/partners/map?layers=wards,districts,teams,venues,priorities&theme=roads");
    await expect(page.locator("path.map-team")).toHaveCount(46);
    await expectNoAxeViolations(page);
  });
});
