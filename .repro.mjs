import { chromium } from "@playwright/test";
const base = "http://localhost:13305";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const page = await browser.newPage();
await page.route("**/*", (r) => (r.request().url().startsWith(base) ? r.continue() : r.abort()));
await page.goto(base + "/login");
await page.getByLabel("Email address").fill("e2e.partner@maidstone.gov.uk");
await page.getByLabel("Password").fill("marmalade lighthouse oboe kettle");
await page.getByRole("button", { name: "Sign in" }).click();
await page.waitForURL((u) => u.pathname !== "/login");
await page.goto(base + "/partners/map");
await page.locator("path.map-district").first().waitFor();
await page.getByRole("checkbox", { name: "Wards", exact: true }).uncheck();
await page.getByRole("checkbox", { name: "Wards with a priority on a theme" }).check();
await page.waitForTimeout(500);
console.log("asb rows", await page.getByTestId("theme-table").locator("tbody tr").count());
await page.getByLabel("Priority theme").selectOption("drugs");
await page.getByRole("heading", { name: "Wards where drugs is a priority" }).waitFor();
console.log("url", page.url());
for (let i = 0; i < 4; i++) {
  console.log(page.url(), await page.locator("#shown ~ h3").first().textContent(), "drugs rows", await page.getByTestId("theme-table").locator("tbody tr").count(), "shapes", await page.locator("path.map-ward").count());
  await page.waitForTimeout(700);
}
const keys = await page.getByTestId("theme-table").locator("tbody tr th").allTextContents();
console.log("dupes", keys.length - new Set(keys).size);
await browser.close();
