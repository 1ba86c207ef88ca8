// Residents on a phone: pages that fit the screen, the ward page at a glance,
// maps that work by touch, and search by place. Checks that share a page share a test.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, screenshot, test } from "./fixtures";

const PARK_WOOD = "E05015608";
const PHONE = { width: 375, height: 740 };

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`)).toEqual([]);
}

const RESIDENT_PAGES = [
  "/",
  "/search",
  "/search?q=park",
  "/search?q=Broadstairs",
  "/search?postcode=ME15",
  "/search?postcode=hello",
  `/wards/${PARK_WOOD}`,
  `/wards/${PARK_WOOD}/say`,
  `/wards/${PARK_WOOD}/follow`,
  "/districts",
  "/districts/E07000110",
  "/teams/maidstone-central",
  "/contact",
  "/about-data",
  "/privacy",
  "/map",
];

test("no resident page scrolls sideways at 320, 375, 390 or 1280 px", async ({ page }) => {
  test.setTimeout(180_000);
  for (const width of [320, 375, 390, 1280]) {
    await page.setViewportSize({ width, height: 740 });
    for (const path of RESIDENT_PAGES) {
      await page.goto(path);
      // Pages with a map are measured once it is drawn, as a map can widen a page too.
      if (/^\/(wards\/[^/]+|districts\/|teams|map)$/.test(path)) await expect(page.locator("path.map-ward").first()).toBeAttached({ timeout: 15_000 });
      const { scrollWidth, clientWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      }));
      expect(scrollWidth, `${path} at ${width} px`).toBeLessThanOrEqual(clientWidth);
    }
    await page.goto(`/wards/${PARK_WOOD}`);
    await screenshot(page, `ward-${width}`);
  }
});

test.describe("the ward page on a 375 × 740 phone", () => {
  test.use({ viewport: PHONE });

  test("puts team, contact, next meeting and three priorities in the first screen, with the history folded away", async ({ page }) => {
    await page.goto(`/wards/${PARK_WOOD}`);
    const glance = page.getByTestId("ward-glance");
    await expect(glance).toBeVisible();
    const box = (await glance.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(PHONE.height);
    await expect(page.getByTestId("glance-team")).toContainText("Neighbourhood Team");
    await expect(page.getByTestId("glance-contact")).toContainText("Community Safety Unit (CSU) inbox");
    await expect(page.getByTestId("glance-contact")).toContainText("101");
    await expect(glance.getByTestId("csu-email")).toHaveAttribute("href", "mailto:csu.maidstone@kent.police.uk");
    await expect(page.getByTestId("glance-next")).toContainText(/(Surgery|PACT|Street meeting).*\d{1,2}(am|pm|:\d\d)/);
    const items = page.getByTestId("glance-priorities").locator("li");
    await expect(items).toHaveCount(3);
    await expect(items.first()).toContainText(/(On track|Making progress|Needs partner action|Resolved|No updates yet)/);
    // PACT is spelt out where the page first uses it.
    await expect(glance).toContainText("PACT (Partners and Communities Together)");

    // Each priority links down the page to its card, which shows only the latest month.
    await items.first().getByRole("link").click();
    const card = page.getByTestId("priority").first();
    await expect(card).toBeInViewport();
    await expect(card.locator(".timeline:visible > li")).toHaveCount(1);
    const earlier = card.locator("details");
    await expect(earlier.locator("summary")).toHaveText(/Show earlier months \(\d+ updates?\)/);
    await earlier.locator("summary").click();
    await expect(earlier.locator(".timeline > li").first()).toBeVisible();

    // The sample notice is one line; the header links fold into a menu; staff sign in is in the footer.
    const notice = (await page.locator(".phase-banner p").boundingBox())!;
    expect(notice.height).toBeLessThan(30);
    await expect(page.locator(".phase-banner").getByRole("link", { name: "Teams and priorities are invented" })).toHaveAttribute("href", "/about-data");
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Districts" })).toBeHidden();
    await page.locator("summary.header__menu-toggle").click();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Districts" })).toBeVisible();
    await expect(page.locator("header").getByRole("link", { name: "Staff sign in" })).toHaveCount(0);
    await expect(page.locator("footer").getByRole("link", { name: "Staff sign in" })).toBeVisible();
    // The council deals with fly-tipping, and the team may still work on it with them.
    await expect(page.getByRole("region", { name: "How to contact the police" })).toContainText(/fly-tipping.*council.*PACT priority/s);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: "tests/e2e/screenshots/ward-first-screen-375.png" });
    await expectNoAxeViolations(page);
  });

  test("without JavaScript the menu still opens and the earlier months still unfold", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE });
    const page = await context.newPage();
    await page.goto(`/wards/${PARK_WOOD}`);
    await expect(page.getByTestId("glance-priorities").locator("li")).toHaveCount(3);
    await page.locator("summary.header__menu-toggle").click();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Map" })).toBeVisible();
    const details = page.getByTestId("priority").first().locator("details");
    await details.locator("summary").click();
    await expect(details.locator(".timeline > li").first()).toBeVisible();
    await context.close();
  });
});

test.describe("/map on a phone", () => {
  test.use({ viewport: PHONE, hasTouch: true, isMobile: true });

  test("fits Kent, keeps names apart and inside the map, and a tap shows a ward's card before opening it", async ({ page }) => {
    await page.goto("/map");
    const map = page.locator(".leaflet-container");
    await expect(page.locator("path.map-ward")).toHaveCount(279, { timeout: 15_000 });
    const mapBox = (await map.boundingBox())!;
    expect(mapBox.x + mapBox.width).toBeLessThanOrEqual(PHONE.width);
    // Kent fills the width of the map, not a corner of it.
    const kent = await page.locator("path.map-ward").evaluateAll((paths) => {
      const boxes = paths.map((p) => p.getBoundingClientRect());
      return { left: Math.min(...boxes.map((b) => b.left)), right: Math.max(...boxes.map((b) => b.right)) };
    });
    expect(kent.right - kent.left).toBeGreaterThan(mapBox.width * 0.8);

    const labels = await page.locator(".map-label span:not(.map-label--hidden)").evaluateAll((spans) => spans.map((s) => s.getBoundingClientRect().toJSON() as DOMRect));
    expect(labels.length).toBeGreaterThan(5);
    for (const [i, a] of labels.entries()) {
      expect(a.left).toBeGreaterThanOrEqual(mapBox.x);
      expect(a.right).toBeLessThanOrEqual(mapBox.x + mapBox.width);
      expect(a.top).toBeGreaterThanOrEqual(mapBox.y);
      expect(a.bottom).toBeLessThanOrEqual(mapBox.y + mapBox.height);
      for (const b of labels.slice(i + 1)) expect(a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top).toBe(true);
    }
    await expect(page.locator(".map-help__touch")).toBeVisible();
    await expect(page.locator(".map-help__pointer")).toBeHidden();

    // The largest ward: a target a finger can hit at this zoom.
    const target = await page.locator("path.map-ward").evaluateAll((paths) =>
      paths
        .map((p) => ({ code: p.getAttribute("data-ward")!, box: p.getBoundingClientRect() }))
        .reduce((a, b) => (a.box.width * a.box.height > b.box.width * b.box.height ? a : b)).code,
    );
    const name = (await page.locator(`path[data-ward="${target}"]`).getAttribute("aria-label"))!.split(" (")[0]!;
    await page.locator(`path[data-ward="${target}"]`).tap();
    const card = page.getByTestId("ward-card");
    await expect(card).toBeVisible();
    await expect(card.getByRole("heading")).toContainText(name);
    await expect(card).toContainText(/Neighbourhood Team|No neighbourhood team/);
    await expect(card).toContainText(/^.*1\. /m);
    await expect(page).toHaveURL(/\/map$/);
    const cardBox = (await page.locator(".map-card").boundingBox())!;
    expect(cardBox.x).toBeGreaterThanOrEqual(0);
    expect(cardBox.x + cardBox.width).toBeLessThanOrEqual(PHONE.width);
    // Once the map has panned to show it, the card is clear of the zoom buttons.
    const zoomBox = (await page.locator(".leaflet-control-zoom").boundingBox())!;
    await expect
      .poll(async () => {
        const c = (await page.locator(".map-card").boundingBox())!;
        return c.x >= zoomBox.x + zoomBox.width || c.y >= zoomBox.y + zoomBox.height || c.x + c.width <= zoomBox.x || c.y + c.height <= zoomBox.y;
      })
      .toBe(true);
    await screenshot(page, "map-375-card");

    // Opening the ward moves focus to its heading and announces the new page.
    await card.getByRole("link", { name: "Open ward page" }).tap();
    await expect(page).toHaveURL(new RegExp(`/wards/${target}$`));
    await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
    await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
    await expect(page.getByTestId("route-announcer")).toHaveText(new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} ward, `));
  });

  test("the ward list filters as you type", async ({ page }) => {
    await page.goto("/map");
    await page.getByLabel("Filter the wards").fill("park wood");
    const list = page.getByTestId("ward-list");
    await expect(list.locator("a.ward-list__name")).toHaveCount(1);
    await expect(list.getByRole("link", { name: "Park Wood & Mangravet" })).toBeVisible();
    await expect(page.locator("#ward-filter-count")).toHaveText("1 ward matches");
    await page.getByLabel("Filter the wards").fill("Swale");
    const swale = list.locator('details[data-district="E07000113"]');
    await expect(swale).toHaveAttribute("open", "");
    await expect(swale.locator("a.ward-list__name")).toHaveCount(24);
    await page.getByLabel("Filter the wards").fill("");
    await expect(list.locator("details[open]")).toHaveCount(0);
    await expect(list.locator("a.ward-list__name")).toHaveCount(279);
  });
});

test("on a desktop, every ward's tooltip stays inside the map, even at its edges", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/map");
  await expect(page.locator("path.map-ward")).toHaveCount(279, { timeout: 15_000 });
  const map = page.locator(".leaflet-container");
  await map.scrollIntoViewIfNeeded();
  // The wards nearest each edge of the county: where a tooltip is most likely to run off.
  const edges = await page.locator("path.map-ward").evaluateAll((paths) => {
    const withBox = paths.map((p) => ({ code: p.getAttribute("data-ward")!, box: p.getBoundingClientRect() }));
    const pick = (f: (b: DOMRect) => number) => withBox.reduce((best, w) => (f(w.box) < f(best.box) ? w : best)).code;
    return [...new Set([pick((b) => b.top), pick((b) => -b.bottom), pick((b) => b.left), pick((b) => -b.right)])];
  });
  for (const code of edges) {
    await page.locator(`path[data-ward="${code}"]`).focus();
    const tooltip = page.locator(".map-tooltip");
    await expect(tooltip).toBeVisible();
    // Focusing a ward that reaches past the map's edge scrolls the map's box for a moment,
    // until Leaflet puts it back on the next scroll event: measure once that has settled.
    await expect
      .poll(async () => {
        const mapBox = (await map.boundingBox())!;
        const t = (await tooltip.boundingBox())!;
        return [
          t.y >= mapBox.y || "above the map",
          t.y + t.height <= mapBox.y + mapBox.height || "below the map",
          t.x >= mapBox.x || "left of the map",
          t.x + t.width <= mapBox.x + mapBox.width || "right of the map",
        ].filter((v) => v !== true);
      }, { message: code })
      .toEqual([]);
  }
  // The wheel scrolls the page over a map; the map zooms only with Ctrl held.
  const zoomBefore = await page.locator(".leaflet-map-pane").getAttribute("style");
  await page.evaluate(() => window.scrollTo(0, 0));
  await map.scrollIntoViewIfNeeded();
  const mapBox = (await map.boundingBox())!;
  const scrollBefore = await page.evaluate(() => window.scrollY);
  await page.mouse.move(mapBox.x + mapBox.width / 2, mapBox.y + mapBox.height / 2);
  await page.mouse.wheel(0, 300);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(scrollBefore);
  expect(await page.locator(".leaflet-map-pane").getAttribute("style")).toBe(zoomBefore);
  await screenshot(page, "map-1280-tooltip");
});

test.describe("search by place", () => {
  test("every example in a hint works: postcode, ward names, towns, and the list filter's", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByText("For example, ME15 9BZ")).toBeVisible();
    await expect(page.getByText("For example, Park Wood, Broadstairs or Westgate-on-Sea")).toBeVisible();
    await page.getByLabel("Enter your postcode").fill("ME15 9BZ");
    await page.getByRole("button", { name: "Find my team" }).click();
    await expect(page).toHaveURL(new RegExp(`/wards/${PARK_WOOD}$`));

    for (const [query, heading] of [
      ["Park Wood", /Park Wood/],
      ["Broadstairs", /Wards in and around Broadstairs, Thanet/],
      ["Westgate-on-Sea", /Wards in and around Westgate on Sea, Thanet/],
      ["Ramsgate", /Wards in and around Ramsgate, Thanet/],
      ["St Peter's", /Wards in and around Saint Peters, Thanet/],
      ["st peters", /Wards in and around Saint Peters, Thanet/],
    ] as const) {
      await page.goto("/");
      await page.getByLabel("Or search by ward, town or village").fill(query);
      await page.getByRole("button", { name: "Search wards" }).click();
      await expect(page.getByRole("heading", { name: heading }).first()).toBeVisible();
    }
    // A place is answered with the wards around it, the one it is in first.
    await expect(page.getByTestId("place-results").first().locator("li").first()).not.toContainText("away");
    await expect(page.getByTestId("place-results").first().locator("li").nth(1)).toContainText("away");
    // A ward whose edge passes within a few metres of the place is "under 100 m away", never "0 m away".
    await page.goto("/search?q=Broadstairs");
    await expect(page).toHaveTitle("Wards matching “Broadstairs” – Kent Neighbourhood Policing");
    await expect(page.getByTestId("place-results").first()).toContainText("Bradstowe (Thanet) – under 100 m away");
    await expect(page.getByTestId("place-results").first()).not.toContainText(/\b0 m away/);

    // A district goes to its page; a postcode district lists its wards, from either box.
    await page.goto("/search?q=maidstone");
    await expect(page).toHaveURL(/\/districts\/E07000110$/);
    await page.goto("/");
    await page.getByLabel("Enter your postcode").fill("me15");
    await page.getByRole("button", { name: "Find my team" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Wards in the ME15 postcode district");
    await expect(page).toHaveTitle(/^Wards in the ME15 postcode district – /);
    await expect(page.getByTestId("outcode-results").getByRole("link", { name: "Park Wood & Mangravet" })).toBeVisible();
    await page.goto("/search?q=Nowhere+Special");
    await expect(page.getByTestId("error-summary")).toContainText("No ward or place names match");

    // The /map filter's example.
    await page.goto("/map");
    await page.getByLabel("Filter the wards").fill("Maidstone");
    await expect(page.getByTestId("ward-list").locator("details[open]")).toHaveCount(1);
  });
});
