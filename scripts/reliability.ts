// npm run test:reliability [-- --crashes 20 --writers 8]   (after npm run build)
//
// Does an acknowledged write survive the server being killed? Starts the production
// server on a database of its own, has several clients create teams over HTTP as an
// administrator would, kills the server with SIGKILL at a random moment, starts it
// again (its start-up checks must pass on what the crash left), and repeats. Then it
// checks that every team whose creation was acknowledged (a redirect to its page) is
// in the database, and that the database passes integrity_check and foreign_key_check.
// Prints the counts; exits 1 on any loss or damage. Not part of npm test.
import Database from "better-sqlite3";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { crashes: { type: "string", default: "20" }, writers: { type: "string", default: "8" }, keep: { type: "boolean", default: false } } });
const CRASHES = Number(values.crashes);
const WRITERS = Number(values.writers);
const PASSWORD = "quartz meadow lantern violin";
const EMAIL = "reliability.admin@kent.police.uk";

if (!fs.existsSync("build/index.js")) {
  console.error("Run npm run build first.");
  process.exit(2);
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kent-reliability-"));
const database = path.join(dir, "app.sqlite");
// NODE_ENV left out: the server must run in production without being told.
const { NODE_ENV: _unset, ...inherited } = process.env;
const env = { ...inherited, DATABASE_PATH: database } as unknown as NodeJS.ProcessEnv;

console.log(`Setting up ${database} …`);
execFileSync(process.execPath, ["--import", "tsx", "scripts/setup.ts"], { env, stdio: ["ignore", "ignore", "inherit"] });
execFileSync(process.execPath, ["--import", "tsx", "scripts/create-user.ts", "--email", EMAIL, "--name", "Reliability Admin", "--role", "admin"], {
  env: { ...env, NEW_USER_PASSWORD: PASSWORD } as NodeJS.ProcessEnv,
  stdio: ["ignore", "ignore", "inherit"],
});
const district = (() => {
  const db = new Database(database, { readonly: true });
  try {
    return (db.prepare("SELECT code FROM districts ORDER BY code LIMIT 1").get() as { code: string }).code;
  } finally {
    db.close();
  }
})();

function start(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ["server.js"], { env: { ...env, PORT: "0" } as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
  let errors = "";
  child.stderr!.on("data", (d: Buffer) => (errors += d.toString()));
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /Listening on (http:\/\/localhost:\d+)/.exec(out);
      if (m) {
        out = "";
        child.stdout!.removeAllListeners("data");
        child.stdout!.resume();
        resolve({ child, url: m[1]! });
      }
    });
    child.once("exit", (code) => reject(new Error(`server exited with ${code} before listening: ${errors.trim()}`)));
  });
}

async function signIn(url: string): Promise<string> {
  const response = await fetch(`${url}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: url, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email: EMAIL, password: PASSWORD, redirectTo: "/staff" }),
  });
  if (response.status !== 302) throw new Error(`sign-in answered ${response.status}`);
  return response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
}

const acknowledged: string[] = [];
let sent = 0;
let failed = 0;
let busy = 0;

async function writer(url: string, cookie: string, crash: number, id: number, stop: { now: boolean }) {
  for (let n = 0; !stop.now; n++) {
    const slug = `rel-${crash}-${id}-${n}`;
    sent++;
    try {
      const response = await fetch(`${url}/admin/teams/new`, {
        method: "POST",
        redirect: "manual",
        headers: { Origin: url, Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ name: `Reliability ${slug}`, slug, districtCode: district, email: "", description: "" }),
      });
      if (response.status === 302 && /\/admin\/teams\/\d+\?done=team-created$/.test(response.headers.get("location") ?? "")) acknowledged.push(slug);
      else if (response.status === 503) busy++;
      else if (!stop.now) throw new Error(`creating ${slug} answered ${response.status}`);
    } catch (error) {
      if (!stop.now && !(error instanceof TypeError)) throw error;
      failed++; // the connection died with the server: not acknowledged
    }
  }
}

let cookie = "";
for (let crash = 1; crash <= CRASHES; crash++) {
  const { child, url } = await start();
  if (!cookie) cookie = await signIn(url);
  const stop = { now: false };
  const writers = Array.from({ length: WRITERS }, (_, i) => writer(url, cookie, crash, i, stop));
  await new Promise((r) => setTimeout(r, 300 + Math.random() * 1200));
  const exited = new Promise((r) => child.once("exit", r));
  stop.now = true;
  child.kill("SIGKILL");
  await exited;
  await Promise.all(writers);
  process.stdout.write(`\rcrash ${crash}/${CRASHES}: ${acknowledged.length} writes acknowledged so far`);
}
process.stdout.write("\n");

// One last start proves the crashed database still passes the server's own checks.
const last = await start();
last.child.kill("SIGKILL");
await new Promise((r) => last.child.once("exit", r));

const db = new Database(database);
const present = new Set((db.prepare("SELECT slug FROM teams WHERE slug LIKE 'rel-%'").all() as { slug: string }[]).map((r) => r.slug));
const missing = acknowledged.filter((slug) => !present.has(slug));
const audited = (db.prepare("SELECT count(*) AS n FROM audit_events WHERE action = 'team.create' AND subject_id IN (SELECT CAST(id AS TEXT) FROM teams WHERE slug LIKE 'rel-%')").get() as { n: number }).n;
const integrity = db.pragma("integrity_check", { simple: true });
const foreignKeys = (db.pragma("foreign_key_check") as unknown[]).length;
db.close();

console.log(`kill -9 crashes:            ${CRASHES}`);
console.log(`writes sent:                ${sent}`);
console.log(`writes acknowledged:        ${acknowledged.length}`);
console.log(`acknowledged and present:   ${acknowledged.length - missing.length}`);
console.log(`acknowledged but missing:   ${missing.length}${missing.length ? ` (${missing.slice(0, 5).join(", ")} …)` : ""}`);
console.log(`saved but not acknowledged: ${present.size - (acknowledged.length - missing.length)} (in flight when the server was killed)`);
console.log(`cut off by the kill:        ${failed}; answered 503 busy: ${busy}`);
console.log(`audit entries for them:     ${audited}`);
console.log(`integrity_check:            ${integrity}`);
console.log(`foreign_key_check:          ${foreignKeys === 0 ? "ok" : `${foreignKeys} rows`}`);
if (!values.keep) fs.rmSync(dir, { recursive: true, force: true });
else console.log(`database kept at ${database}`);
const ok = missing.length === 0 && integrity === "ok" && foreignKeys === 0 && acknowledged.length > 0 && audited === present.size;
console.log(ok ? "PASS: every acknowledged write survived." : "FAIL");
process.exit(ok ? 0 : 1);
