// Measures the production build on this machine:
//   - start to first page (process spawn to the first 200 for /)
//   - req/s and p50/p99 latency under load (autocannon) for each target
//   - compressed size of the larger responses
//
//   npm run build && npm run bench [-- --duration 10 --connections 50]
//
// It uses its own copy of the database (built fresh by scripts/setup.ts) and
// only ever talks to localhost.
import autocannon from "autocannon";
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import Database from "better-sqlite3";
import { geometryVersion } from "../app/lib/map-urls";

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "50" },
    port: { type: "string", default: "3300" },
  },
});
const PORT = Number(values.port);
const BASE = `http://localhost:${PORT}`;
const DB = "db/bench.sqlite";

export interface BenchTarget {
  name: string;
  /** One path, or several that each connection cycles through. */
  paths: string[];
  /** What the issue asks of it, shown beside the figure. */
  target?: { reqPerSec?: number; p99Ms?: number };
  /** Sent with every request, e.g. the Accept-Encoding a browser sends. */
  headers?: Record<string, string>;
}

function samplePostcodes(n: number): string[] {
  const db = new Database(DB, { readonly: true });
  const rows = db.prepare("SELECT postcode FROM postcodes WHERE ward_code IS NOT NULL ORDER BY random() LIMIT ?").all(n) as { postcode: string }[];
  db.close();
  return rows.map((r) => r.postcode);
}

/** The boundary files as the maps ask for them: versioned addresses, one per ward for the ward endpoint. */
function geometryPaths() {
  const db = new Database(DB, { readonly: true });
  const vintages = (db.prepare("SELECT DISTINCT boundary_vintage AS v FROM wards ORDER BY v").all() as { v: string }[]).map((r) => r.v);
  const codes = (db.prepare("SELECT code FROM wards ORDER BY code").all() as { code: string }[]).map((r) => r.code);
  db.close();
  const v = `v=${encodeURIComponent(geometryVersion(vintages.join("+")))}`;
  return {
    county: `/api/wards.geojson?${v}`,
    districts: `/api/districts.geojson?${v}`,
    ward: (code: string) => `/api/wards/${code}.geojson?${v}&neighbours=1`,
    codes,
  };
}

const GZIP = { "accept-encoding": "gzip" };

function buildTargets(): BenchTarget[] {
  const postcodes = samplePostcodes(500);
  const enc = encodeURIComponent;
  const geometry = geometryPaths();
  return [
    { name: "GET /api/lookup?postcode=…", paths: postcodes.map((p) => `/api/lookup?postcode=${enc(p)}`), target: { reqPerSec: 1000, p99Ms: 50 } },
    { name: "GET /search?postcode=… (302)", paths: postcodes.map((p) => `/search?postcode=${enc(p)}`) },
    { name: "GET /wards/E05015608", paths: ["/wards/E05015608"], target: { reqPerSec: 300, p99Ms: 150 } },
    // High Street has enough sample responses for "What your ward told us" to show its results.
    { name: "GET /wards/E05015603 (residents' results shown)", paths: ["/wards/E05015603"], target: { reqPerSec: 300, p99Ms: 150 } },
    { name: "GET /api/wards.geojson (gzip)", paths: [geometry.county], headers: GZIP },
    { name: "GET /api/wards/{code}.geojson&neighbours=1 (gzip)", paths: geometry.codes.map(geometry.ward), headers: GZIP },
    { name: "GET /api/districts.geojson (gzip)", paths: [geometry.districts], headers: GZIP },
    { name: "GET /map", paths: ["/map"] },
  ];
}

async function waitForFirstPage(child: ChildProcess, started: bigint): Promise<number> {
  for (;;) {
    if (child.exitCode !== null) throw new Error("the server exited before serving a page");
    try {
      const res = await fetch(`${BASE}/`);
      if (res.ok) {
        await res.text();
        return Number(process.hrtime.bigint() - started) / 1e6;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The bytes the server actually sends for an encoding (fetch would decompress them). */
function servedBytes(path: string, encoding: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(`${BASE}${path}`, { headers: { "accept-encoding": encoding } }, (res) => {
        let bytes = 0;
        res.on("data", (chunk: Buffer) => (bytes += chunk.length));
        res.on("end", () => resolve(bytes));
      })
      .on("error", reject);
  });
}

async function gzipBytes(path: string): Promise<{ raw: number; gzip: number }> {
  const res = await fetch(`${BASE}${path}`, { headers: { "accept-encoding": "identity" } });
  const body = Buffer.from(await res.arrayBuffer());
  return { raw: body.length, gzip: gzipSync(body, { level: 6 }).length };
}

async function run() {
  if (!fs.existsSync("build/index.js")) throw new Error("No production build: run npm run build first");
  for (const f of [DB, `${DB}-wal`, `${DB}-shm`]) fs.rmSync(f, { force: true });
  execFileSync(process.execPath, ["--import", "tsx", "scripts/setup.ts"], { env: { ...process.env, DATABASE_PATH: DB }, stdio: "ignore" });

  const started = process.hrtime.bigint();
  const server = spawn(process.execPath, ["--max-semi-space-size=32", "server.js"], {
    env: { ...process.env, DATABASE_PATH: DB, NODE_ENV: "production", PORT: String(PORT) },
    stdio: "ignore",
  });
  try {
    const firstPageMs = await waitForFirstPage(server, started);
    console.log(`Start to first page: ${firstPageMs.toFixed(0)} ms (target ≤ 1500 ms)\n`);

    const rows: string[] = [];
    for (const t of buildTargets()) {
      const load = (duration: number) =>
        autocannon({
          url: BASE,
          connections: Number(values.connections),
          duration,
          requests: t.paths.map((path) => ({ method: "GET", path, headers: t.headers })),
        });
      // The first seconds measure V8 compiling the code, not the service: warm up, then measure.
      await load(2);
      const result = await load(Number(values.duration));
      const errors = result.errors + result.timeouts + result.non2xx - (t.name.includes("302") ? result["3xx"] : 0);
      const goal = t.target
        ? ` (target ≥ ${t.target.reqPerSec ?? "-"} req/s, p99 ≤ ${t.target.p99Ms ?? "-"} ms)`
        : "";
      rows.push(
        `${t.name.padEnd(44)} ${result.requests.average.toFixed(0).padStart(6)} req/s  p50 ${String(result.latency.p50).padStart(4)} ms  p99 ${String(result.latency.p99).padStart(4)} ms  errors ${errors}${goal}`,
      );
      console.log(rows.at(-1));
    }

    console.log("\nResponse sizes:");
    for (const path of ["/", "/wards/E05015608", "/map"]) {
      const { raw, gzip } = await gzipBytes(path);
      console.log(`${path.padEnd(44)} ${(raw / 1024).toFixed(1).padStart(7)} KB raw  ${(gzip / 1024).toFixed(1).padStart(6)} KB gzip`);
    }

    console.log("\nBoundary files as served (bytes on the wire):");
    const geometry = geometryPaths();
    const wardSizes = await Promise.all(geometry.codes.map((c) => servedBytes(geometry.ward(c), "gzip")));
    const largest = Math.max(...wardSizes);
    for (const [label, path, budget] of [
      ["/api/wards.geojson", geometry.county, 150],
      ["/api/districts.geojson", geometry.districts, null],
      [`/api/wards/{code}.geojson&neighbours=1 (largest: ${geometry.codes[wardSizes.indexOf(largest)]})`, geometry.ward(geometry.codes[wardSizes.indexOf(largest)]!), 10],
    ] as const) {
      const [raw, gzip, br] = await Promise.all([servedBytes(path, "identity"), servedBytes(path, "gzip"), servedBytes(path, "br")]);
      const goal = budget ? ` (budget ≤ ${budget} KB gzip)` : "";
      console.log(`${label.padEnd(62)} ${(raw / 1024).toFixed(1).padStart(7)} KB raw  ${(gzip / 1024).toFixed(1).padStart(6)} KB gzip  ${(br / 1024).toFixed(1).padStart(6)} KB br${goal}`);
    }
    console.log(`\n${Number(values.connections)} connections, ${values.duration} s per target after a 2 s warm-up, ${BASE}`);
  } finally {
    server.kill();
  }
}

run().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
