import { expect, screenshot, test } from "./fixtures";

// The whole resident path is plain links and GET forms, so it must work with JavaScript off.
test.use({ javaScriptEnabled: false });

test.describe("with JavaScript off", () => {
  test("a postcode search reaches the ward page", async ({ page }) => {
    await page.goto("/");
    await page.getByLabel("Enter your postcode").fill("me15 9bz");
    await page.getByRole("button", { name: "Find my team" }).click();
    await expect(page).toHaveURL(/\/wards\/E05015608$/);
    await expect(page.getByTestId("priority")).toHaveCount(3);
    await expect(page.getByTestId("officers").getByRole("listitem").first()).toBeVisible();
    await screenshot(page, "ward-page-no-js");
  });

  test("errors are shown without scripts, and the location button that needs them is not offered", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("button", { name: "Use my location" })).toHaveCount(0);
    await page.getByRole("button", { name: "Find my team" }).click();
    await expect(page.getByTestId("error-summary")).toContainText("Enter a postcode");
    await page.getByLabel("Enter your postcode").fill("TN34 1AA");
    await page.getByRole("button", { name: "Find my team" }).click();
    await expect(page.getByTestId("error-summary")).toContainText("TN34 1AA is outside the Kent Police area");
  });

  test("ward-name search and the progress history work", async ({ page }) => {
    await page.goto("/");
    await page.getByLabel("Or search by ward, town or village").fill("Park Wood");
    await page.getByRole("button", { name: "Search wards" }).click();
    await expect(page).toHaveURL(/\/wards\/E05015608$/);
    // The history is a <details> element: open by default for active priorities.
    await expect(page.getByTestId("priority").first().locator(".timeline li").first()).toBeVisible();
  });
});
