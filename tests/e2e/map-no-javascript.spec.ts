import { ACCOUNTS, signIn } from "./accounts";
import { expect, test } from "./fixtures";

// Without scripts there is no map, but nothing on the map pages is lost: the
// controls are plain GET forms and the tables carry what the map would show.
test.use({ javaScriptEnabled: false });

test.describe("map pages with JavaScript off", () => {
  test("/map says where to look instead, lists every ward, and its colouring form still works", async ({ page }) => {
    await page.goto("/map");
    await expect(page.locator(".map--placeholder")).toContainText("every ward is listed in the table below");
    await expect(page.getByTestId("ward-table").locator("tbody tr")).toHaveCount(279);
    await page.getByRole("radio", { name: "When priorities were last updated" }).check();
    await page.getByRole("button", { name: "Show" }).click();
    await expect(page).toHaveURL(/colour=freshness/);
    await expect(page.getByTestId("legend").getByRole("heading")).toHaveText(/last updated/);
  });

  test("/partners/map layers form updates the tables and the download links", async ({ page }) => {
    await signIn(page, ACCOUNTS.partner);
    await page.goto("/partners/map");
    await page.getByRole("checkbox", { name: "Wards with a priority on a theme" }).check();
    await page.getByLabel("Priority theme").selectOption("burglary");
    await page.getByRole("button", { name: "Update map" }).click();
    await expect(page.getByTestId("theme-table")).toBeVisible();
    await expect(page.getByTestId("download-csv")).toHaveAttribute("href", "/partners/map.csv?layers=wards,districts,priorities&theme=burglary");
  });
});
