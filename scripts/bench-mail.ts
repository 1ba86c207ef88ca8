// The mail benchmark: a digest run for 10,000 confirmed followers spread over every
// ward, sent by the production server's own sender into a local SMTP server.
//   1. a full run: messages per second (first to last accepted) and the server's peak RSS;
//   2. the same run killed with SIGKILL halfway, then the server started again: every
//      follower gets their digest, and no Message-ID or recipient arrives twice beyond
//      the one message in flight at the kill.
//
//   npm run build && npm run bench:mail [-- --followers 10000]
//
// Its own databases (db/bench-mail*.sqlite), built fresh; it only talks to localhost.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { SMTPServer } from "smtp-server";

const { values } = parseArgs({
  options: {
    followers: { type: "string", default: "10000" },
    // 0: any free port; nothing is fetched from the server, it only has to run.
    port: { type: "string", default: "0" },
  },
});
const FOLLOWERS = Number(values.followers);
const PORT = Number(values.port);
const SEEDED = "db/bench-mail-seeded.sqlite";
const SECRET = "bench-mail-manage-link-key-of-at-least-32-chars";

interface Received {
  messageId: string;
  to: string;
  at: number;
}

/** A local SMTP server that keeps each message's Message-ID and recipient. */
async function startSmtp() {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      let head = "";
      stream.on("data", (chunk: Buffer) => {
        if (head.length < 8192) head += chunk.toString("latin1");
      });
      stream.on("end", () => {
        const id = /^Message-ID:\s*(\S+)/im.exec(head)?.[1] ?? "";
        received.push({ messageId: id, to: session.envelope.rcptTo[0]?.address ?? "", at: performance.now() });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { received, url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** The app's geography and sample data, then FOLLOWERS confirmed addresses, one ward each, and one published update per ward. */
function seed() {
  for (const f of [SEEDED, `${SEEDED}-wal`, `${SEEDED}-shm`]) fs.rmSync(f, { force: true });
  execFileSync(process.execPath, ["--import", "tsx", "scripts/setup.ts"], { env: { ...process.env, DATABASE_PATH: SEEDED }, stdio: "ignore" });
  const db = new Database(SEEDED);
  const wards = db.prepare("SELECT w.code, tw.team_id AS teamId FROM wards w JOIN team_wards tw ON tw.ward_code = w.code ORDER BY w.code").all() as { code: string; teamId: number }[];
  const at = Date.now() - 3600_000; // an hour ago: long settled
  const token = (email: string, createdAt: number) => createHash("sha256").update(email).update(String(createdAt)).digest("base64url");
  db.transaction(() => {
    const change = db.prepare("INSERT INTO ward_changes (ward_code, team_id, kind, subject_id, details, at) VALUES (?, ?, 'update_published', 0, ?, ?)");
    for (const w of wards) {
      const details = { priorityTitle: "Anti-social behaviour near the shops", month: "2026-12", actionTaken: "Extra patrols on Friday and Saturday evenings, with the council's wardens.", status: "making_progress", nextStep: "Report back at the next PACT meeting." };
      change.run(w.code, w.teamId, JSON.stringify(details), at);
    }
    const address = db.prepare("INSERT INTO resident_addresses (email, created_at, confirmed_at, manage_token_hash) VALUES (?, ?, ?, ?)");
    const follow = db.prepare("INSERT INTO ward_follows (address_id, ward_code, frequency, created_at, last_change_id) VALUES (?, ?, 'daily', ?, 0)");
    for (let i = 0; i < FOLLOWERS; i++) {
      const email = `follower${i}@bench.example`;
      const id = address.run(email, at - 1000, at - 1000, createHash("sha256").update(token(email, i)).digest("hex")).lastInsertRowid;
      follow.run(id, wards[i % wards.length]!.code, at - 1000);
    }
  })();
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  return wards.length;
}

function copyDb(name: string) {
  for (const f of [name, `${name}-wal`, `${name}-shm`]) fs.rmSync(f, { force: true });
  fs.copyFileSync(SEEDED, name);
  return name;
}

function startServer(db: string, smtpUrl: string): ChildProcess {
  return spawn(process.execPath, ["--max-semi-space-size=4", "server.js"], {
    env: { ...process.env, DATABASE_PATH: db, NODE_ENV: "production", PORT: String(PORT), SMTP_URL: smtpUrl, MAIL_TOKEN_SECRET: SECRET, APP_ORIGIN: "http://localhost:3000" },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

/** Peak resident set size of a process so far, from Linux's VmHWM. */
function peakRssMb(pid: number): number {
  if (!fs.existsSync(`/proc/${pid}/status`)) return 0;
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitUntil(condition: () => boolean, timeoutMs: number, what: string, server?: ChildProcess) {
  const start = Date.now();
  while (!condition()) {
    if (server && server.exitCode !== null) throw new Error(`the server exited (${server.exitCode}) while waiting for ${what}`);
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

function outboxState(db: string) {
  const d = new Database(db, { readonly: true });
  try {
    return Object.fromEntries((d.prepare("SELECT status, count(*) AS n FROM outbox_messages GROUP BY status").all() as { status: string; n: number }[]).map((r) => [r.status, r.n]));
  } finally {
    d.close();
  }
}

async function fullRun(smtp: Awaited<ReturnType<typeof startSmtp>>) {
  smtp.received.length = 0;
  const db = copyDb("db/bench-mail-a.sqlite");
  const started = performance.now();
  const server = startServer(db, smtp.url);
  let peak = 0;
  const sampler = setInterval(() => server.pid && (peak = Math.max(peak, peakRssMb(server.pid))), 200);
  try {
    await waitUntil(() => smtp.received.length >= FOLLOWERS, 300_000, `${FOLLOWERS} messages`, server);
    peak = Math.max(peak, peakRssMb(server.pid!));
  } finally {
    clearInterval(sampler);
    server.kill("SIGTERM");
  }
  const first = smtp.received[0]!.at;
  const last = smtp.received.at(-1)!.at;
  const total = (last - started) / 1000;
  console.log(`Full run: ${smtp.received.length} digests delivered ${total.toFixed(1)} s after the server was started (target ≤ 60 s)`);
  console.log(`  ${(smtp.received.length / ((last - first) / 1000)).toFixed(0)} messages/s from the first to the last accepted`);
  console.log(`  first message ${((first - started) / 1000).toFixed(1)} s after start (start-up and building the digests)`);
  console.log(`  server peak RSS ${peak.toFixed(0)} MB (target ≤ 300 MB)`);
}

async function killedRun(smtp: Awaited<ReturnType<typeof startSmtp>>) {
  smtp.received.length = 0;
  const db = copyDb("db/bench-mail-b.sqlite");
  const first = startServer(db, smtp.url);
  await waitUntil(() => smtp.received.length >= FOLLOWERS / 2, 300_000, "half the messages", first);
  first.kill("SIGKILL");
  await new Promise((r) => first.once("exit", r));
  const atKill = smtp.received.length;
  const stateAtKill = outboxState(db);
  const second = startServer(db, smtp.url);
  try {
    await waitUntil(() => new Set(smtp.received.map((r) => r.to)).size >= FOLLOWERS, 300_000, "every follower's digest after the restart", second);
    // Let anything still queued arrive, so a duplicate would be seen.
    await waitUntil(() => (outboxState(db).pending ?? 0) + (outboxState(db).sending ?? 0) === 0, 60_000, "an empty outbox");
    await sleep(1000);
  } finally {
    second.kill("SIGTERM");
  }
  const ids = smtp.received.map((r) => r.messageId);
  const recipients = smtp.received.map((r) => r.to);
  const duplicateIds = ids.length - new Set(ids).size;
  const duplicateRecipients = recipients.length - new Set(recipients).size;
  console.log(`\nKilled with SIGKILL after ${atKill} of ${FOLLOWERS} messages (outbox then: ${JSON.stringify(stateAtKill)}), then started again:`);
  console.log(`  ${new Set(recipients).size} of ${FOLLOWERS} followers got their digest; ${smtp.received.length} messages in all`);
  console.log(`  sent twice: ${duplicateIds} (same Message-ID), ${duplicateRecipients} follower(s) with two messages (allowed: the 1 in flight at the kill)`);
  console.log(`  outbox after: ${JSON.stringify(outboxState(db))}`);
  if (duplicateRecipients > 1 || duplicateRecipients !== duplicateIds) process.exitCode = 1;
}

async function run() {
  if (!fs.existsSync("build/index.js")) throw new Error("No production build: run npm run build first");
  const started = Date.now();
  const wards = seed();
  console.log(`Seeded ${FOLLOWERS} confirmed followers over ${wards} wards, one published update each, in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  const smtp = await startSmtp();
  try {
    await fullRun(smtp);
    await killedRun(smtp);
  } finally {
    await smtp.close();
  }
}

run().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
