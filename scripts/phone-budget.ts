// The phone budget: how the ward page and /map load on a mid-range phone on a
// poor connection. Debian's Chromium through Playwright, with DevTools'
// throttling over CDP: the CPU slowed 4× and the network at DevTools' "Slow 4G"
// preset. Each page is loaded cold (new browser context, nothing cached) a few
// times and the median reported, against the targets:
//
//   ward page: largest contentful paint ≤ 1.5 s (the last candidate, once the
//              page has loaded and hydrated and its network has gone quiet)
//   /map:      first ward drawn        ≤ 3 s (the server-drawn picture of the
//              wards painted, or Leaflet's first ward if sooner), and, reported
//              beside it without a target, when the interactive map has drawn
//              its first ward
//
//   npm run build && npm run budget:phone [-- --runs 5 --port 3301]
//
// It starts the production build on its own fresh database, like `npm run bench`.
import { chromium, type Browser, type Page } from "@playwright/test";
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "3" },
    port: { type: "string", default: "3301" },
  },
});
const RUNS = Number(values.runs);
const PORT = Number(values.port);
const BASE = `http://localhost:${PORT}`;
const DB = "db/budget.sqlite";

/** DevTools' "Slow 4G" preset (Chrome 123 and later): 562.5 ms latency, 1.44 Mbit/s down, 675 kbit/s up. */
const SLOW_4G = { offline: false, latency: 562.5, downloadThroughput: (1.44 * 1_000_000) / 8, uploadThroughput: (675 * 1000) / 8 };
const CPU_SLOWDOWN = 4;
const PHONE = { viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

interface Measure {
  name: string;
  path: string;
  /** Null: reported, with no target. */
  targetMs: number | null;
  /** Wait for the moment measured, then read it: milliseconds from the start of navigation. */
  read: (page: Page) => Promise<number>;
}

// Recorded in the page from its first script on, relative to navigation start
// (performance.timeOrigin): every largest-contentful-paint candidate, the paint
// of /map's picture of the wards (Element Timing), and the frame after Leaflet
// first puts a ward on the map.
const RECORD = `(() => {
  const seen = (window.__budget = { lcp: 0, picture: null, leaflet: null });
  new PerformanceObserver((list) => { for (const e of list.getEntries()) seen.lcp = e.startTime; }).observe({ type: "largest-contentful-paint", buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.identifier === "county-map-preview" && seen.picture === null) seen.picture = e.renderTime || e.loadTime;
  }).observe({ type: "element", buffered: true });
  const watch = () => {
    const found = () => document.querySelector("path.map-ward") && requestAnimationFrame(() => (seen.leaflet ??= performance.now()));
    if (found()) return;
    new MutationObserver((_, o) => found() && o.disconnect()).observe(document.documentElement, { childList: true, subtree: true });
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", watch); else watch();
})()`;

const budget = (page: Page, key: "lcp" | "picture" | "leaflet") => page.evaluate((k) => (window as unknown as { __budget: Record<string, number | null> }).__budget[k] ?? null, key);

/** The final LCP: read once the page has loaded and its network has been quiet for half a second (hydration, the lazy map), so no later candidate is missed. */
async function largestContentfulPaint(page: Page): Promise<number> {
  await page.waitForLoadState("load", { timeout: 60_000 });
  await page.waitForLoadState("networkidle", { timeout: 60_000 });
  return (await budget(page, "lcp"))!;
}

/** The first moment a ward is on screen: the server-drawn picture, or Leaflet's first ward if it came first. */
async function firstWardDrawn(page: Page): Promise<number> {
  await page.waitForFunction(() => {
    const b = (window as unknown as { __budget: { picture: number | null; leaflet: number | null } }).__budget;
    return b.picture !== null || b.leaflet !== null;
  }, null, { timeout: 60_000 });
  const [picture, leaflet] = [await budget(page, "picture"), await budget(page, "leaflet")];
  return Math.min(picture ?? Infinity, leaflet ?? Infinity);
}

/** When the interactive map has drawn its first ward (tap, point, keyboard). */
async function interactiveWardDrawn(page: Page): Promise<number> {
  await page.waitForFunction(() => (window as unknown as { __budget: { leaflet: number | null } }).__budget.leaflet !== null, null, { timeout: 60_000 });
  return (await budget(page, "leaflet"))!;
}

const MEASURES: Measure[] = [
  { name: "Ward page: largest contentful paint", path: "/wards/E05015608", targetMs: 1500, read: largestContentfulPaint },
  { name: "/map: first ward drawn", path: "/map", targetMs: 3000, read: firstWardDrawn },
  { name: "/map: interactive map's first ward drawn", path: "/map", targetMs: null, read: interactiveWardDrawn },
];

async function measureOnce(browser: Browser, m: Measure): Promise<number> {
  const context = await browser.newContext(PHONE);
  try {
    const page = await context.newPage();
    // Map tiles and anything else outside the app are not part of the budget.
    await page.route("**/*", (route) => (route.request().url().startsWith(BASE) ? route.continue() : route.abort()));
    await page.addInitScript(RECORD);
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await cdp.send("Network.emulateNetworkConditions", SLOW_4G);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
    await page.goto(BASE + m.path, { waitUntil: "commit", timeout: 60_000 });
    return Math.round(await m.read(page));
  } finally {
    await context.close();
  }
}

async function waitForServer(): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${BASE}/`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("The server did not start");
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  if (!fs.existsSync("build/index.js")) throw new Error("Run `npm run build` first");
  for (const f of [DB, `${DB}-wal`, `${DB}-shm`]) fs.rmSync(f, { force: true });
  execFileSync(process.execPath, ["--import", "tsx", "scripts/setup.ts"], { env: { ...process.env, DATABASE_PATH: DB }, stdio: "ignore" });
  const server = spawn(process.execPath, ["server.js"], {
    env: { ...process.env, DATABASE_PATH: DB, NODE_ENV: "production", PORT: String(PORT) },
    stdio: "ignore",
  });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  let failed = false;
  try {
    await waitForServer();
    // One unthrottled visit each (and to what the pages fetch), so the server's
    // first-request work (building the boundaries, compressing them) is not counted.
    const warm = await browser.newPage();
    for (const m of MEASURES) await warm.goto(BASE + m.path, { waitUntil: "networkidle", timeout: 120_000 });
    await warm.close();
    console.log(`Phone budget: ${PHONE.viewport.width}×${PHONE.viewport.height}, CPU ${CPU_SLOWDOWN}× slower, Slow 4G, cold cache, median of ${RUNS}`);
    console.log(`Load average at start: ${os.loadavg().map((l) => l.toFixed(2)).join(", ")} (${os.cpus().length} cores)\n`);
    for (const m of MEASURES) {
      const runs: number[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await measureOnce(browser, m));
      const ms = median(runs);
      const ok = m.targetMs === null || ms <= m.targetMs;
      failed ||= !ok;
      const target = m.targetMs === null ? "no target" : `target ≤ ${(m.targetMs / 1000).toFixed(1)} s`;
      console.log(`${m.targetMs === null ? "    " : ok ? "PASS" : "FAIL"}  ${m.name}: ${(ms / 1000).toFixed(2)} s (${target}; runs ${runs.map((r) => (r / 1000).toFixed(2)).join(", ")})`);
    }
    console.log(`\nLoad average at end: ${os.loadavg().map((l) => l.toFixed(2)).join(", ")}`);
  } finally {
    await browser.close();
    server.kill();
  }
  process.exitCode = failed ? 1 : 0;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
