// Measures the production build on this machine, each figure beside a plain
// node:http server (scripts/bench-plain-node.ts) doing the same work from memory,
// started by this script and measured in the same run:
//   - start to first page (process spawn to the first 200 for /)
//   - req/s and p50/p99 latency under load (autocannon) for each target, and the
//     ratio to plain Node that the targets are set in (the two measured in turns)
//   - the ward page's first render after a publish (a write before every request)
//   - the server's peak RSS over the whole run, and the compressed sizes
//
//   npm run build && npm run bench [-- --duration 10 --connections 50 --port 3300]
//
// It uses its own copy of the database (built fresh by scripts/setup.ts) and
// only ever talks to localhost. The machine's other work moves the absolute
// figures; the ratios, measured side by side, move much less.
import autocannon from "autocannon";
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import Database from "better-sqlite3";
import { geometryVersion } from "../app/lib/map/urls";

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "50" },
    port: { type: "string", default: "3300" },
  },
});
const PORT = Number(values.port);
const PLAIN_PORT = PORT + 1;
const BASE = `http://localhost:${PORT}`;
const PLAIN = `http://localhost:${PLAIN_PORT}`;
const DB = "db/bench.sqlite";
const CONNECTIONS = Number(values.connections);
const DURATION = Number(values.duration);

export interface BenchTarget {
  name: string;
  /** One path, or several that each connection cycles through. */
  paths: string[];
  /** What the issue asks of it: a share of plain Node's req/s, a p99. */
  target?: { ratio?: number; moonshot?: number; p99Ms?: number };
  /** Sent with every request, e.g. the Accept-Encoding a browser sends. */
  headers?: Record<string, string>;
  /** Measured against the plain-Node server too. */
  plain?: boolean;
}

function samplePostcodes(n: number): string[] {
  const db = new Database(DB, { readonly: true });
  const rows = db.prepare("SELECT postcode FROM postcodes WHERE ward_code IS NOT NULL ORDER BY random() LIMIT ?").all(n) as { postcode: string }[];
  db.close();
  return rows.map((r) => r.postcode);
}

const WARD = "E05015608";
const DISTRICT = "E07000110";

function teamOfWard(): string {
  const db = new Database(DB, { readonly: true });
  const row = db.prepare("SELECT t.slug FROM teams t JOIN team_wards tw ON tw.team_id = t.id WHERE tw.ward_code = ?").get(WARD) as { slug: string };
  db.close();
  return row.slug;
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
const PAGE = { ratio: 0.5, p99Ms: 50 };

function pagePaths() {
  return { ward: `/wards/${WARD}`, wardWithResults: "/wards/E05015603", district: `/districts/${DISTRICT}`, team: `/teams/${teamOfWard()}`, home: "/", contact: "/contact", map: "/map" };
}

function buildTargets(): BenchTarget[] {
  const postcodes = samplePostcodes(500);
  const enc = encodeURIComponent;
  const geometry = geometryPaths();
  const pages = pagePaths();
  return [
    { name: "GET /api/lookup?postcode=… (500 postcodes)", paths: postcodes.map((p) => `/api/lookup?postcode=${enc(p)}`), target: { ratio: 0.25, moonshot: 0.5 }, plain: true },
    { name: `GET ${pages.ward} (ward)`, paths: [pages.ward], target: PAGE, plain: true },
    { name: `GET ${pages.district} (district)`, paths: [pages.district], target: PAGE, plain: true },
    { name: `GET ${pages.team} (team)`, paths: [pages.team], target: PAGE, plain: true },
    { name: "GET / (home)", paths: [pages.home], target: PAGE, plain: true },
    { name: "GET /contact", paths: [pages.contact], target: PAGE, plain: true },
    { name: "GET /map", paths: [pages.map], target: { ratio: 0.25 }, plain: true },
    { name: "GET /search?postcode=… (302)", paths: postcodes.map((p) => `/search?postcode=${enc(p)}`) },
    // High Street has enough sample responses for "What your ward told us" to show its results.
    { name: `GET ${pages.wardWithResults} (ward with residents' results)`, paths: [pages.wardWithResults], target: PAGE, plain: true },
    { name: "GET /api/wards.geojson (gzip)", paths: [geometry.county], headers: GZIP },
    { name: "GET /api/wards/{code}.geojson&neighbours=1 (gzip)", paths: geometry.codes.map(geometry.ward), headers: GZIP },
    { name: "GET /api/districts.geojson (gzip)", paths: [geometry.districts], headers: GZIP },
  ];
}

async function waitForFirstPage(child: ChildProcess, started: bigint, base = BASE): Promise<number> {
  for (;;) {
    if (child.exitCode !== null) throw new Error("the server exited before serving a page");
    try {
      const res = await fetch(`${base}/`);
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
function servedBytes(urlPath: string, encoding: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(`${BASE}${urlPath}`, { headers: { "accept-encoding": encoding } }, (res) => {
        let bytes = 0;
        res.on("data", (chunk: Buffer) => (bytes += chunk.length));
        res.on("end", () => resolve(bytes));
      })
      .on("error", reject);
  });
}

async function gzipBytes(urlPath: string): Promise<{ raw: number; gzip: number }> {
  const res = await fetch(`${BASE}${urlPath}`, { headers: { "accept-encoding": "identity" } });
  const body = Buffer.from(await res.arrayBuffer());
  return { raw: body.length, gzip: gzipSync(body, { level: 6 }).length };
}

/** The app's pages as it serves them, for the plain-Node server to serve byte for byte. */
async function snapshotPages(paths: string[]): Promise<string> {
  const pages: Record<string, { contentType: string; body: string }> = {};
  for (const p of paths) {
    const res = await fetch(`${BASE}${p}`, { headers: { "accept-encoding": "identity" } });
    pages[p] = { contentType: res.headers.get("content-type") ?? "text/html", body: Buffer.from(await res.arrayBuffer()).toString("base64") };
  }
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bench-")), "pages.json");
  fs.writeFileSync(file, JSON.stringify(pages));
  return file;
}

/** Peak resident set size of a process so far (Linux), in MB. */
function peakRssMb(pid: number): number | null {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

type Result = { reqPerSec: number; p50: number; p99: number; errors: number };

async function measure(base: string, t: Pick<BenchTarget, "name" | "paths" | "headers">, extra: Record<string, unknown> = {}, afterWarmUp = () => {}): Promise<Result> {
  const load = (duration: number) =>
    autocannon({
      url: base,
      connections: CONNECTIONS,
      duration,
      requests: t.paths.map((p) => ({ method: "GET", path: p, headers: t.headers, ...extra })),
    });
  // The first seconds measure V8 compiling the code, not the service: warm up, then measure.
  await load(2);
  afterWarmUp();
  const r = await load(DURATION);
  const errors = r.errors + r.timeouts + r.non2xx - (t.name.includes("302") ? r["3xx"] : 0);
  return { reqPerSec: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors };
}

/**
 * The app and plain Node in turns (a slice of each, five times) rather than one after
 * the other, so that the machine's other work, which comes and goes, weighs on both
 * sides alike. The slices' latency histograms are merged, so p50 and p99 are over every
 * request, as in one run.
 */
async function measureSideBySide(t: BenchTarget): Promise<{ app: Result; base: Result }> {
  const SLICES = 5;
  // autocannon runs whole seconds.
  const SLICE = Math.max(1, Math.round(DURATION / SLICES));
  const options = (url: string, duration: number) => ({ url, connections: CONNECTIONS, duration, requests: t.paths.map((p) => ({ method: "GET" as const, path: p, headers: t.headers })) });
  await autocannon(options(BASE, 2));
  await autocannon(options(PLAIN, 2));
  type Raw = { totalCompletedRequests: number; duration: number; errors: number; timeouts: number; non2xx: number };
  const runs: Record<"app" | "base", Raw[]> = { app: [], base: [] };
  for (let i = 0; i < SLICES; i++) {
    runs.app.push((await autocannon({ ...options(BASE, SLICE), skipAggregateResult: true } as never)) as unknown as Raw);
    runs.base.push((await autocannon({ ...options(PLAIN, SLICE), skipAggregateResult: true } as never)) as unknown as Raw);
  }
  const combine = (slices: Raw[], url: string): Result => {
    const merged = autocannon.aggregateResult(slices as never, options(url, DURATION) as never);
    return {
      reqPerSec: slices.reduce((n, r) => n + r.totalCompletedRequests, 0) / slices.reduce((s, r) => s + r.duration, 0),
      p50: merged.latency.p50,
      p99: merged.latency.p99,
      errors: slices.reduce((n, r) => n + r.errors + r.timeouts + r.non2xx, 0),
    };
  };
  return { app: combine(runs.app, BASE), base: combine(runs.base, PLAIN) };
}

const ok = (pass: boolean) => (pass ? "ok  " : "MISS");
const num = (n: number, width = 6) => n.toFixed(0).padStart(width);

/**
 * The ward page when its data has just changed: before every request another
 * connection commits a new wording of one of the ward's monthly updates, so
 * every answer is a render (what the first resident after a publish waits for),
 * and a sample checks each answer shows the wording written just before it.
 */
async function firstRenderAfterPublish(wardPath: string): Promise<{ result: Result; rendered: number; answered: number; sampleOk: boolean }> {
  const db = new Database(DB);
  // As the app's own connection: a commit waits for no fsync, so the writing does not slow the load it generates.
  db.pragma("synchronous = NORMAL");
  db.pragma("busy_timeout = 5000");
  const update = db
    .prepare("SELECT u.id FROM priority_updates u JOIN priorities p ON p.id = u.priority_id WHERE p.ward_code = ? AND p.status = 'active' ORDER BY u.month DESC LIMIT 1")
    .get(WARD) as { id: number };
  const original = (db.prepare("SELECT action_taken AS a FROM priority_updates WHERE id = ?").get(update.id) as { a: string }).a;
  const write = db.prepare("UPDATE priority_updates SET action_taken = ? WHERE id = ?");
  let n = 0;
  const publish = () => write.run(`${original} (bench revision ${++n})`, update.id);
  try {
    let sampleOk = true;
    for (let i = 0; i < 20; i++) {
      publish();
      const res = await fetch(`${BASE}${wardPath}`);
      const text = await res.text();
      sampleOk &&= res.headers.get("x-cache") === "miss" && text.includes(`(bench revision ${n})`);
    }
    let rendered = 0;
    let answered = 0;
    const result = await measure(BASE, { name: "first render", paths: [wardPath] }, {
      setupRequest: (req: unknown) => {
        publish();
        return req;
      },
      onResponse: (_status: number, _body: string, _context: unknown, headers: Record<string, string>) => {
        answered++;
        if (headers["x-cache"] === "miss") rendered++;
      },
    }, () => {
      rendered = 0;
      answered = 0;
    });
    return { result, rendered, answered, sampleOk };
  } finally {
    write.run(original, update.id);
    db.close();
  }
}

/** Whether something already answers on a port: measuring it instead of the server started here would be measuring the wrong thing. */
async function answers(base: string): Promise<boolean> {
  try {
    await (await fetch(base, { signal: AbortSignal.timeout(1000) })).arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

async function run() {
  if (!fs.existsSync("build/index.js")) throw new Error("No production build: run npm run build first");
  for (const base of [BASE, PLAIN]) {
    if (await answers(base)) throw new Error(`Something is already listening at ${base}: stop it, or choose other ports with --port`);
  }
  for (const f of [DB, `${DB}-wal`, `${DB}-shm`]) fs.rmSync(f, { force: true });
  execFileSync(process.execPath, ["--import", "tsx", "scripts/setup.ts"], { env: { ...process.env, DATABASE_PATH: DB }, stdio: "ignore" });

  const started = process.hrtime.bigint();
  const server = spawn(process.execPath, ["--max-semi-space-size=4", "server.js"], {
    env: { ...process.env, DATABASE_PATH: DB, NODE_ENV: "production", PORT: String(PORT) },
    stdio: "ignore",
  });
  let plain: ChildProcess | undefined;
  try {
    const firstPageMs = await waitForFirstPage(server, started);
    console.log(`Start to first page: ${firstPageMs.toFixed(0)} ms  ${ok(firstPageMs <= 1500)} (target ≤ 1500 ms)\n`);

    const targets = buildTargets();
    const pages = pagePaths();
    const pagesFile = await snapshotPages(Object.values(pages));
    plain = spawn(process.execPath, ["--import", "tsx", "scripts/bench-plain-node.ts"], {
      env: { ...process.env, DATABASE_PATH: DB, PORT: String(PLAIN_PORT), BENCH_PAGES: pagesFile },
      stdio: "ignore",
    });
    await waitForFirstPage(plain, process.hrtime.bigint(), PLAIN);

    // Where the peak was reached: the last target after which the high-water mark rose.
    let peakDuring = "start-up";
    let peakSoFar = peakRssMb(server.pid!) ?? 0;
    const notePeak = (name: string) => {
      const now = peakRssMb(server.pid!) ?? 0;
      if (now > peakSoFar) [peakSoFar, peakDuring] = [now, name];
    };

    console.log(`${"".padEnd(46)} ${"app".padStart(6)}       p50    p99   ${"plain".padStart(6)}   ratio`);
    for (const t of targets) {
      const { app, base } = plain && t.plain ? await measureSideBySide(t) : { app: await measure(BASE, t), base: null };
      const ratio = base ? app.reqPerSec / base.reqPerSec : null;
      const goals: string[] = [];
      let pass = true;
      if (t.target?.ratio !== undefined && ratio !== null) {
        pass &&= ratio >= t.target.ratio;
        goals.push(`ratio ≥ ${t.target.ratio}${t.target.moonshot ? ` (moonshot ${t.target.moonshot})` : ""}`);
      }
      if (t.target?.p99Ms !== undefined) {
        pass &&= app.p99 <= t.target.p99Ms;
        goals.push(`p99 ≤ ${t.target.p99Ms} ms`);
      }
      const mark = goals.length ? `${ok(pass)} (target ${goals.join(", ")})` : "";
      console.log(
        `${t.name.padEnd(46)} ${num(app.reqPerSec)} req/s ${num(app.p50, 4)} ms ${num(app.p99, 4)} ms ${base ? num(base.reqPerSec) : "     -"} req/s ${ratio !== null ? ratio.toFixed(2).padStart(5) : "    -"}  errors ${app.errors}${base?.errors ? ` (plain ${base.errors}: ratio void)` : ""} ${mark}`,
      );
      notePeak(t.name);
    }

    const publish = await firstRenderAfterPublish(pages.ward);
    // Requests that arrive together after the same write share one render; the renders a second are shown too.
    console.log(
      `${`GET ${pages.ward}, a write before every request`.padEnd(46)} ${num(publish.result.reqPerSec)} req/s ${num(publish.result.p50, 4)} ms ${num(publish.result.p99, 4)} ms  ` +
        `${ok(publish.result.reqPerSec >= 500)} (target ≥ 500 req/s); ${num(publish.rendered / DURATION, 0)} renders/s (${publish.rendered} of ${publish.answered} answers rendered); ` +
        `20 sequential write-then-read checks showed each write: ${publish.sampleOk ? "yes" : "NO"}`,
    );

    notePeak("the first render after a write");
    const peak = peakRssMb(server.pid!);
    console.log(
      `\nPeak RSS of the server over the whole run: ${peak === null ? "unknown" : `${peak.toFixed(0)} MB  ${ok(peak <= 300)}`} (target ≤ 300 MB), reached during ${peakDuring}`,
    );

    console.log("\nResponse sizes:");
    for (const p of ["/", pages.ward, "/map"]) {
      const { raw, gzip } = await gzipBytes(p);
      console.log(`${p.padEnd(44)} ${(raw / 1024).toFixed(1).padStart(7)} KB raw  ${(gzip / 1024).toFixed(1).padStart(6)} KB gzip`);
    }

    console.log("\nBoundary files as served (bytes on the wire):");
    const geometry = geometryPaths();
    const wardSizes = await Promise.all(geometry.codes.map((c) => servedBytes(geometry.ward(c), "gzip")));
    const largest = Math.max(...wardSizes);
    for (const [label, p, budget] of [
      ["/api/wards.geojson", geometry.county, 150],
      ["/api/districts.geojson", geometry.districts, null],
      [`/api/wards/{code}.geojson&neighbours=1 (largest: ${geometry.codes[wardSizes.indexOf(largest)]})`, geometry.ward(geometry.codes[wardSizes.indexOf(largest)]!), 10],
    ] as const) {
      const [raw, gzip, br] = await Promise.all([servedBytes(p, "identity"), servedBytes(p, "gzip"), servedBytes(p, "br")]);
      const goal = budget ? ` (budget ≤ ${budget} KB gzip)` : "";
      console.log(`${label.padEnd(62)} ${(raw / 1024).toFixed(1).padStart(7)} KB raw  ${(gzip / 1024).toFixed(1).padStart(6)} KB gzip  ${(br / 1024).toFixed(1).padStart(6)} KB br${goal}`);
    }
    console.log(`\n${CONNECTIONS} connections, ${DURATION} s per target after a 2 s warm-up; app ${BASE}, plain Node ${PLAIN}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  } finally {
    server.kill();
    plain?.kill();
  }
}

run().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
