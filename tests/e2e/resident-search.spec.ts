import { expect, screenshot, test } from "./fixtures";

const WARD_URL = /\/wards\/E05015608$/;

async function searchPostcode(page: import("@playwright/test").Page, postcode: string) {
  await page.goto("/");
  await page.getByLabel("Enter your postcode").fill(postcode);
  await page.getByRole("button", { name: "Find my team" }).click();
}

test.describe("home page", () => {
  test("offers a GOV.UK postcode field, location and ward-name search", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveTitle(/Find your neighbourhood policing team/);
    const postcode = page.getByLabel("Enter your postcode");
    await expect(postcode).toHaveAttribute("autocomplete", "postal-code");
    await expect(page.getByText("For example, ME15 9BZ")).toBeVisible();
    await expect(page.getByRole("button", { name: "Use my location" })).toBeVisible();
    await expect(page.getByLabel("Or search by ward, town or village")).toBeVisible();
    await expect(page.getByText("Sample data").first()).toBeVisible();
    await screenshot(page, "home");
  });

  test("nothing moves when the page's scripts start, so a tap meant for one button cannot land on another", async ({ page, browser }) => {
    // The page as sent, its scripts never run: the location button is there, not yet usable.
    const unscripted = await browser.newPage();
    await unscripted.route("**/build/**/*.js", (route) => route.abort());
    const where = async (p: import("@playwright/test").Page) =>
      Promise.all(["Find my team", "Search wards"].map(async (name) => (await p.getByRole("button", { name }).boundingBox())!.y));
    for (const path of ["/", "/search?q=park"]) {
      await unscripted.goto(path);
      await expect(unscripted.getByRole("button", { name: "Use my location" })).toBeDisabled();
      const before = await where(unscripted);
      await page.goto(path);
      await expect(page.getByRole("button", { name: "Use my location" })).toBeEnabled();
      expect(await where(page), path).toEqual(before);
    }
    await unscripted.close();
  });
});

test.describe("postcode search", () => {
  for (const typed of ["me159bz", " ME15  9BZ ", "Me15 9bZ"]) {
    test(`takes ${JSON.stringify(typed)} to Park Wood & Mangravet`, async ({ page }) => {
      await searchPostcode(page, typed);
      await expect(page).toHaveURL(WARD_URL);
      await expect(page.getByRole("heading", { level: 1 })).toContainText("Park Wood & Mangravet");
    });
  }

  test("the ward page shows the team, officers, meetings, three priorities with history, and the CSU inbox", async ({ page }) => {
    await searchPostcode(page, "ME15 9BZ");
    await expect(page).toHaveURL(WARD_URL);
    await expect(page.getByText("Ward in Maidstone")).toBeVisible();
    await expect(page.getByRole("link", { name: /Maidstone .* Neighbourhood Team/ }).first()).toBeVisible();

    const officers = page.getByTestId("officers").getByRole("listitem");
    expect(await officers.count()).toBeGreaterThanOrEqual(2);
    const roles = (await officers.getByRole("heading").allInnerTexts()).map((h) => h.split(" ")[0]);
    expect(roles).toContain("PCSO");
    expect(roles.some((r) => r === "PC" || r === "Beat" || r === "Sergeant")).toBe(true);
    // Sergeants and constables before PCSOs.
    expect(roles.indexOf("PCSO")).toBeGreaterThan(0);

    const priorities = page.getByTestId("priority");
    await expect(priorities).toHaveCount(3);
    for (let i = 0; i < 3; i++) {
      const p = priorities.nth(i);
      await expect(p.getByRole("heading", { level: 3 })).toContainText(`${i + 1}. `);
      await expect(p).toContainText(/Last updated \d{1,2} \w+ \d{4}/);
      // Month-by-month history, newest first.
      const months = await p.locator(".timeline h4").allInnerTexts();
      expect(months.length).toBeGreaterThanOrEqual(2);
      const dates = months.map((m) => Date.parse(`1 ${m.split("\n")[0]!.replace(/ (On track|Making progress|Needs partner action|Resolved)$/, "")}`));
      expect(dates).toEqual([...dates].sort((a, b) => b - a));
    }

    await expect(page.getByTestId("events").locator("article").first()).toContainText(/\d{4}, \d/);
    await expect(page.getByTestId("csu-email")).toHaveAttribute("href", "mailto:csu.maidstone@kent.police.uk");
    await expect(page.getByRole("heading", { name: "How to contact the police" })).toBeVisible();
    await expect(page.getByText(/call 999/i).first()).toBeVisible();
    await screenshot(page, "ward-page");
  });

  test("an empty search asks for a postcode, with the error summary focused", async ({ page }) => {
    await searchPostcode(page, "");
    const summary = page.getByTestId("error-summary");
    await expect(summary).toContainText("Enter a postcode");
    await expect(summary).toBeFocused();
    await expect(page).toHaveTitle(/^Error: /);
    await summary.getByRole("link", { name: "Enter a postcode" }).click();
    await expect(page.getByLabel("Enter your postcode")).toBeFocused();
  });

  test("a malformed postcode gets a plain message and keeps what was typed", async ({ page }) => {
    await searchPostcode(page, "ME15 9B");
    await expect(page.getByTestId("error-summary")).toContainText("Enter a real postcode, like ME15 9BZ");
    await expect(page.locator("#postcode-error")).toContainText("Enter a real postcode, like ME15 9BZ");
    await expect(page.getByLabel("Enter your postcode")).toHaveValue("ME15 9B");
    await screenshot(page, "search-malformed");
  });

  for (const [postcode, place] of [
    ["SW1A 1AA", "Westminster"],
    ["TN34 1AA", "Hastings"],
    ["DA7 4AA", "Bexley"],
  ] as const) {
    test(`says ${postcode} (${place}) is outside Kent and links to police.uk`, async ({ page }) => {
      await searchPostcode(page, postcode);
      await expect(page.getByTestId("error-summary")).toContainText(`${postcode} is outside the Kent Police area`);
      await expect(page.getByTestId("outside-kent").getByRole("link", { name: "police.uk" })).toHaveAttribute("href", /police\.uk/);
    });
  }

  test("a Kent-format postcode that is not in the data offers ward search and location", async ({ page }) => {
    await searchPostcode(page, "ME15 9ZZ");
    await expect(page.getByTestId("error-summary")).toContainText("We cannot find ME15 9ZZ");
    await expect(page.getByTestId("unknown-postcode")).toBeVisible();
    await expect(page.getByLabel("Or search by ward, town or village")).toBeVisible();
    await expect(page.getByRole("button", { name: "Use my location" })).toBeVisible();
  });

  test("hostile input is refused with the same plain message and never runs", async ({ page }) => {
    let dialog = false;
    page.on("dialog", async (d) => {
      dialog = true;
      await d.dismiss();
    });
    for (const hostile of ['<script>alert("x")</script>', "<img src=x onerror=alert(1)>", "' OR 1=1; --", "ME15 9BZ".repeat(1250)]) {
      await page.goto(`/search?postcode=${encodeURIComponent(hostile)}`);
      await expect(page.getByTestId("error-summary")).toContainText("Enter a real postcode, like ME15 9BZ");
      await expect(page.locator("main img[src='x']")).toHaveCount(0);
      const echoed = await page.getByLabel("Enter your postcode").inputValue();
      expect(hostile.startsWith(echoed)).toBe(true);
      expect(echoed.length).toBeLessThanOrEqual(40);
    }
    expect(dialog).toBe(false);
  });
});

test.describe("ward-name search", () => {
  test("lists several matches, and goes straight to a single match", async ({ page }) => {
    await page.goto("/");
    await page.getByLabel("Or search by ward, town or village").fill("park");
    await page.getByRole("button", { name: "Search wards" }).click();
    const results = page.getByTestId("ward-results").getByRole("link");
    // The results are on the next page: wait for it before counting.
    await expect(page.getByTestId("ward-results")).toContainText("Park Wood & Mangravet");
    expect(await results.count()).toBeGreaterThan(3);

    await page.getByLabel("Or search by ward, town or village").fill("park wood");
    await page.getByRole("button", { name: "Search wards" }).click();
    await expect(page).toHaveURL(WARD_URL);
  });

  test("says when no ward matches", async ({ page }) => {
    await page.goto("/search?q=Atlantis");
    await expect(page.getByTestId("error-summary")).toContainText("No ward or place names match “Atlantis”");
  });
});

test.describe("use my location", () => {
  test("takes a resident in Maidstone to their ward", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, geolocation: { latitude: 51.24876, longitude: 0.5426 }, permissions: ["geolocation"] });
    const page = await context.newPage();
    await page.route("**/*", (r) => (r.request().url().startsWith(baseURL!) ? r.continue() : r.abort()));
    await page.goto("/");
    await page.getByRole("button", { name: "Use my location" }).click();
    await expect(page).toHaveURL(WARD_URL);
    await context.close();
  });

  test("says when the location is outside Kent", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, geolocation: { latitude: 51.5014, longitude: -0.1419 }, permissions: ["geolocation"] });
    const page = await context.newPage();
    await page.route("**/*", (r) => (r.request().url().startsWith(baseURL!) ? r.continue() : r.abort()));
    await page.goto("/");
    await page.getByRole("button", { name: "Use my location" }).click();
    await expect(page.getByTestId("error-summary")).toContainText("That location is outside the Kent Police area");
    await context.close();
  });

  test("explains when the browser will not share a location", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, permissions: [] });
    const page = await context.newPage();
    await page.route("**/*", (r) => (r.request().url().startsWith(baseURL!) ? r.continue() : r.abort()));
    await page.goto("/");
    await page.getByRole("button", { name: "Use my location" }).click();
    await expect(page.getByRole("status")).toContainText("We could not get your location");
    await context.close();
  });

  test("a point just off the coast gets the nearest ward; one far out at sea is outside", async ({ page }) => {
    await page.goto("/search?lat=51.44501&lng=0.37460");
    await expect(page).toHaveURL(/\/wards\/E05014925$/);
    await page.goto("/search?lat=51.5&lng=1.4");
    await expect(page.getByTestId("error-summary")).toContainText("That location is outside the Kent Police area");
  });
});

test.describe("other pages", () => {
  test("an unknown ward code gets a helpful 404", async ({ page }) => {
    const response = await page.goto("/wards/E05999999");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("We cannot find that ward");
    await expect(page.getByRole("link", { name: "Find your ward by postcode" })).toBeVisible();
  });

  test("a lower-case ward code goes to the canonical address", async ({ page }) => {
    await page.goto("/wards/e05015608");
    await expect(page).toHaveURL(WARD_URL);
  });

  test("the district page lists its wards, teams and CSU inbox", async ({ page }) => {
    await page.goto("/districts/E07000110");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Maidstone");
    await expect(page.getByTestId("csu-email")).toHaveText("csu.maidstone@kent.police.uk");
    await expect(page.locator("table tbody tr")).toHaveCount(22);
    await page.getByRole("link", { name: /Neighbourhood Team/ }).first().click();
    await expect(page).toHaveURL(/\/teams\/maidstone-/);
    await expect(page.getByTestId("team-wards").getByRole("link").first()).toBeVisible();
    await expect(page.getByTestId("officers").getByRole("listitem").first()).toBeVisible();
    await screenshot(page, "team-page");
  });

  test("an unknown district or team gets a helpful 404", async ({ page }) => {
    expect((await page.goto("/districts/E07999999"))?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("We cannot find that district");
    expect((await page.goto("/teams/no-such-team"))?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("We cannot find that team");
  });

  test("the contact page gives 999, 101, textphone and the hate crime line", async ({ page }) => {
    await page.goto("/contact");
    await expect(page.getByRole("heading", { name: "In an emergency, call 999" })).toBeVisible();
    await expect(page.getByText("101").first()).toBeVisible();
    await expect(page.getByText("18000").first()).toBeVisible();
    await expect(page.getByText("0800 138 1624")).toBeVisible();
    await expect(page.getByRole("link", { name: "csu.shepway@kent.police.uk" })).toBeVisible();
  });
});

test.describe("lookup API", () => {
  test("returns the ward, team and CSU inbox for a Kent postcode", async ({ request, baseURL }) => {
    const res = await request.get("/api/lookup?postcode=me15%209bz");
    expect(res.status()).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      postcode: "ME15 9BZ",
      lat: 51.24876,
      lng: 0.5426,
      ward: { code: "E05015608", name: "Park Wood & Mangravet" },
      district: { code: "E07000110", name: "Maidstone" },
      csuEmail: "csu.maidstone@kent.police.uk",
      url: `${baseURL}/wards/E05015608`,
    });
    expect(body.team.url).toMatch(new RegExp(`^${baseURL}/teams/maidstone-`));
  });

  test("returns the ward for a location", async ({ request }) => {
    const res = await request.get("/api/lookup?lat=51.24876&lng=0.5426");
    expect(await res.json()).toMatchObject({ postcode: null, ward: { code: "E05015608" } });
  });

  test("says 400 for malformed input and 404 with a reason for unknown or outside Kent", async ({ request }) => {
    const bad = await request.get("/api/lookup?postcode=hello");
    expect(bad.status()).toBe(400);
    expect(await bad.json()).toMatchObject({ error: "Enter a real postcode, like ME15 9BZ", reason: "invalid" });
    expect((await request.get("/api/lookup")).status()).toBe(400);
    expect((await request.get("/api/lookup?lat=abc&lng=1")).status()).toBe(400);

    const outside = await request.get("/api/lookup?postcode=SW1A%201AA");
    expect(outside.status()).toBe(404);
    expect(await outside.json()).toMatchObject({ reason: "outside", error: "SW1A 1AA is outside the Kent Police area" });
    const unknown = await request.get("/api/lookup?postcode=ME15%209ZZ");
    expect(unknown.status()).toBe(404);
    expect(await unknown.json()).toMatchObject({ reason: "unknown" });
  });
});
