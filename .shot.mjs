import { chromium } from "@playwright/test";
const [,, base, ...specs] = process.argv;
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
for (const spec of specs) {
  const [path, width, name, js] = spec.split("|");
  const ctx = await browser.newContext({ viewport: { width: Number(width), height: 740 }, javaScriptEnabled: js !== "nojs" });
  const page = await ctx.newPage();
  await page.route("**/*", (r) => (r.request().url().startsWith(base) ? r.continue() : r.abort()));
  await page.goto(base + path);
  await page.waitForTimeout(1500);
  const m = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth, h: document.documentElement.scrollHeight }));
  console.log(name, JSON.stringify(m));
  await page.screenshot({ path: `/tmp/phone/${name}.png`, fullPage: spec.includes("full") });
  await ctx.close();
}
await browser.close();
