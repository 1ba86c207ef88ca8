// The phone budget: how the ward page and /map load on a mid-range phone on a
// poor connection. Debian's Chromium through Playwright, with DevTools'
// throttling over CDP: the CPU slowed 4× and the network at DevTools' "Slow 4G"
// preset. Each page is loaded cold (new browser context, nothing cached) a few
// times and the median reported, against the targets:
//
//   ward page: largest contentful paint ≤ 1.5 s
//   /map:      first ward drawn        ≤ 3 s
//
//   npm run build && npm run budget:phone [-- --runs 5 --port 3301]
//
// It starts the production build on its own fresh database, like `npm run bench`.
import { chromium, type Browser } from "@playwright/test";
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
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
  targetMs: number;
  /** Milliseconds from the start of navigation to the moment measured. */
  read: string;
}

// Read in the page, relative to navigation start (performance.timeOrigin).
const LCP = `new Promise((resolve) => {
  let last = 0;
  new PerformanceObserver((list) => { for (const e of list.getEntries()) last = e.startTime; }).observe({ type: "largest-contentful-paint", buffered: true });
  // LCP is final once the page has loaded and painted; give it two frames.
  const done = () => requestAnimationFrame(() => requestAnimationFrame(() => resolve(last)));
  if (document.readyState === "complete") done(); else addEventListener("load", done);
})`;
const FIRST_WARD = `new Promise((resolve) => {
  const seen = () => document.querySelector("path.map-ward");
  if (seen()) return resolve(performance.now());
  new MutationObserver((_, o) => { if (seen()) { o.disconnect(); requestAnimationFrame(() => resolve(performance.now())); } })
    .observe(document.documentElement, { childList: true, subtree: true });
})`;

const MEASURES: Measure[] = [
  { name: "Ward page: largest contentful paint", path: "/wards/E05015608", targetMs: 1500, read: LCP },
  { name: "/map: first ward drawn", path: "/map", targetMs: 3000, read: FIRST_WARD },
];

async function measureOnce(browser: Browser, m: Measure): Promise<number> {
  const context = await browser.newContext(PHONE);
  try {
    const page = await context.newPage();
    // Map tiles and anything else outside the app are not part of the budget.
    await page.route("**/*", (route) => (route.request().url().startsWith(BASE) ? route.continue() : route.abort()));
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await cdp.send("Network.emulateNetworkConditions", SLOW_4G);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
    await page.goto(BASE + m.path, { waitUntil: "commit", timeout: 60_000 });
    return Math.round((await page.evaluate(m.read)) as number);
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
    // One unthrottled visit each, so the server's first-request work is not counted.
    for (const m of MEASURES) await fetch(BASE + m.path);
    console.log(`Phone budget: ${PHONE.viewport.width}×${PHONE.viewport.height}, CPU ${CPU_SLOWDOWN}× slower, Slow 4G, cold cache, median of ${RUNS}\n`);
    for (const m of MEASURES) {
      const runs: number[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await measureOnce(browser, m));
      const ms = median(runs);
      const ok = ms <= m.targetMs;
      failed ||= !ok;
      console.log(`${ok ? "PASS" : "FAIL"}  ${m.name}: ${(ms / 1000).toFixed(2)} s (target ≤ ${(m.targetMs / 1000).toFixed(1)} s; runs ${runs.map((r) => (r / 1000).toFixed(2)).join(", ")})`);
    }
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
