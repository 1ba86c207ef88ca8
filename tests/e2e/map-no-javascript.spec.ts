import { ACCOUNTS, signIn } from "./accounts";
import { expect, test } from "./fixtures";

// Without scripts there is no map, but nothing on the map pages is lost: the
// controls are plain GET forms and the tables carry what the map would show.
test.use({ javaScriptEnabled: false });

test.describe("map pages with JavaScript off", () => {
  test("/map shows no map box, picture or map controls, and lists every ward by district, each group opening", async ({ page }) => {
    await page.goto("/map");
    await expect(page.getByRole("heading", { name: "All 279 wards" })).toBeVisible();
    // The map's picture and controls are in the page (so nothing moves when scripts
    // run), but not shown, and nothing a person can reach refers to a map.
    await expect(page.getByTestId("map-preview")).toBeAttached();
    await expect(page.locator(".map, .map-help, .skip-map, [data-testid=legend], .map-controls").filter({ visible: true })).toHaveCount(0);
    await expect(page.getByRole("radio")).toHaveCount(0);
    await expect(page.getByRole("link", { name: /skip the map/i })).toHaveCount(0);
    await expect(page.locator("main")).not.toContainText(/the map/i, { useInnerText: true });
    const list = page.getByTestId("ward-list");
    await expect(list.locator("a.ward-list__name")).toHaveCount(279);
    await list.locator("summary", { hasText: "Swale" }).click();
    await expect(list.locator("details[open] a.ward-list__name")).toHaveCount(24);
    await expect(list.getByRole("link", { name: "Abbey", exact: true })).toBeVisible();
  });

  test("ward, district and team pages show no map box, map heading or map help", async ({ page }) => {
    for (const path of ["/wards/E05015608", "/districts/E07000113", "/teams/maidstone-central"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expect(page.locator(".map, .map-help, .skip-map")).toHaveCount(0);
      await expect(page.getByRole("heading", { name: /map/i })).toHaveCount(0);
    }
  });

  test("/partners/map layers form updates the tables and the download links", async ({ page }) => {
    await signIn(page, ACCOUNTS.partner);
    await page.goto("/partners/map");
    await page.getByRole("checkbox", { name: "Wards with a priority on a theme" }).check();
    await page.getByLabel("Priority theme").selectOption("burglary");
    await page.getByRole("button", { name: "Show" }).click();
    await expect(page.getByTestId("theme-table")).toBeVisible();
    await expect(page.getByTestId("download-csv")).toHaveAttribute("href", "/partners/map.csv?layers=wards,districts,priorities&theme=burglary");
  });
});
