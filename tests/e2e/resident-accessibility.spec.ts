import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./fixtures";

// WCAG 2.2 AA as checked by axe, on every resident page and on the search error states.
const pages = [
  ["home", "/"],
  ["search error", "/search?postcode=hello"],
  ["outside Kent", "/search?postcode=SW1A1AA"],
  ["ward-name results", "/search?q=park"],
  ["place results", "/search?q=Broadstairs"],
  ["postcode district results", "/search?postcode=ME15"],
  ["team", "/teams/maidstone-central"],
  ["ward", "/wards/E05015608"],
  ["districts", "/districts"],
  ["district", "/districts/E07000110"],
  ["contact", "/contact"],
  ["about the data", "/about-data"],
  ["privacy", "/privacy"],
  ["ward not found", "/wards/E05999999"],
] as const;

for (const [name, path] of pages) {
  test(`the ${name} page has no axe violations`, async ({ page }) => {
    await page.goto(path);
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    // Two forms with the same field id (the ward page's follow and residents' say forms) tie
    // a label to the wrong field; axe no longer checks ids, so this does.
    const ids = await page.locator("[id]").evaluateAll((els) => els.map((el) => el.id));
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });
}

test("a keyboard user can skip to the content and search without a mouse", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to main content" })).toBeFocused();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Enter your postcode")).toBeFocused();
  await page.keyboard.type("ME15 9BZ");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/wards\/E05015608$/);
});
