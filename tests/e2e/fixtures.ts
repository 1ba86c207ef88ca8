// Every e2e test runs with the network closed beyond this app: map tiles and any
// other outside request are aborted, as on a slow or locked-down connection.
import { test as base, expect, type Page } from "@playwright/test";
import fs from "node:fs";

export const test = base.extend({
  page: async ({ page, baseURL }, use) => {
    const origin = new URL(baseURL!).origin;
    await page.route("**/*", (route) => (route.request().url().startsWith(origin) ? route.continue() : route.abort()));
    await use(page);
  },
});

export { expect };

/** Save a screenshot to tests/e2e/screenshots/ to look at after the run. */
export async function screenshot(page: Page, name: string) {
  fs.mkdirSync("tests/e2e/screenshots", { recursive: true });
  await page.screenshot({ path: `tests/e2e/screenshots/${name}.png`, fullPage: true });
}
