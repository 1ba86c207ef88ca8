// npm run backup and npm run restore, on real files: a backup taken while another
// process writes holds every write acknowledged before it began, and a restore
// brings them back, ends sessions, removes stale WAL files and says what was lost.
import Database from "better-sqlite3";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverPidFile } from "~/lib/db.server";
import { backupDatabase, pruneBackups, restoreDatabase } from "../../scripts/lib/backup";
import { dbWithSampleData } from "./helpers/db";
import { clearStaff, createStaff } from "./helpers/staff";

let dir: string;
let template: string;

beforeAll(async () => {
  const db = dbWithSampleData();
  clearStaff(db);
  await createStaff(db, "backup");
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "kent-backup-"));
  template = path.join(dir, "template.sqlite");
  await db.$client.backup(template);
});

afterAll(async () => {
  await Promise.all([...writers].map((writer) => writer.stop()));
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh copy of the sample database in WAL mode, as the server keeps it. */
function liveDatabase(name: string): string {
  const file = path.join(dir, `${name}.sqlite`);
  fs.copyFileSync(template, file);
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.close();
  return file;
}

// Another process writing audit entries, saying "ack N" after each commit: 20 every
// millisecond or so, as a busy server might, and no more than MAX_WRITES in all, so a
// slow machine cannot fill its disk. Its WAL is never checkpointed, so the database
// file alone lacks them.
const MAX_WRITES = 50_000;
const writers = new Set<{ stop: () => Promise<void> }>();
function startWriter(file: string) {
  const code = `
    const db = new (require("better-sqlite3"))(${JSON.stringify(file)});
    db.pragma("busy_timeout = 5000"); db.pragma("wal_autocheckpoint = 0");
    const insert = db.prepare("INSERT INTO audit_events (at, actor_label, action, subject_type, subject_id) VALUES (?, 'writer', 'test.write', 'test', ?)");
    let n = 0; let stop = false; process.on("SIGTERM", () => { stop = true; });
    const tick = () => { for (let i = 0; i < 20 && !stop && n < ${MAX_WRITES}; i++) { n++; insert.run(Date.now(), "w" + n); process.stdout.write("ack " + n + "\\n"); } if (stop) { db.close(); process.exit(0); } setTimeout(tick, 1); };
    tick();`;
  const child = spawn(process.execPath, ["-e", code], { cwd: process.cwd(), stdio: ["ignore", "pipe", "inherit"] });
  let acked = 0;
  let buffer = "";
  child.stdout.on("data", (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split("\n");
    buffer = lines.pop()!;
    for (const line of lines) if (line.startsWith("ack ")) acked = Number(line.slice(4));
  });
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once("exit", () => ((exited = true), resolve())));
  const writer = {
    acked: () => acked,
    waitFor: async (n: number) => {
      if (n > MAX_WRITES) throw new Error(`The writer stops at ${MAX_WRITES} writes; it cannot reach ${n}`);
      while (acked < n) {
        if (exited) throw new Error(`The writer ended after ${acked} writes`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    stop: async () => {
      if (!exited) child.kill("SIGTERM");
      await exit;
      writers.delete(writer);
    },
  };
  writers.add(writer);
  return writer;
}

const writesIn = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return new Set((db.prepare("SELECT subject_id AS id FROM audit_events WHERE action = 'test.write'").all() as { id: string }[]).map((r) => r.id));
  } finally {
    db.close();
  }
};

describe("npm run backup", () => {
  it("taken while another process writes, holds every write acknowledged before it began, and the restore brings them back", async () => {
    const live = liveDatabase("under-load");
    const writer = startWriter(live);
    await writer.waitFor(300);
    const ackedBefore = writer.acked();
    const result = await backupDatabase(live, path.join(dir, "backups"), { keep: 5 });
    await writer.waitFor(ackedBefore + 300); // writes carry on during and after the backup
    await writer.stop();

    const inBackup = writesIn(result.file);
    for (let n = 1; n <= ackedBefore; n++) expect(inBackup.has(`w${n}`), `write ${n} acknowledged before the backup`).toBe(true);
    expect(fs.existsSync(`${result.file}-wal`)).toBe(false);
    expect(result.counts.users).toBe(4);

    const restored = restoreDatabase(result.file, live);
    const after = writesIn(live);
    for (let n = 1; n <= ackedBefore; n++) expect(after.has(`w${n}`)).toBe(true);
    // What the restore loses is said: the writes after the backup, by action.
    expect(restored.lost).not.toBe("unknown");
    const lost = restored.lost as Exclude<typeof restored.lost, "unknown">;
    expect(lost.changes).toBeGreaterThanOrEqual(300);
    expect(lost.changes).toBe(writesIn(restored.keptAside!).size - after.size);
    expect(lost.byAction["test.write"]).toBe(lost.changes);
    // Copies, checks and restores a full database twice while the writer runs: more than the default 30 s on a busy machine.
  }, 120_000);

  it("keeps only the newest backups", async () => {
    const live = liveDatabase("retention");
    const backups = path.join(dir, "retention-backups");
    const files: string[] = [];
    for (let i = 0; i < 4; i++) files.push((await backupDatabase(live, backups, { keep: 2, now: new Date(Date.UTC(2026, 11, 1 + i, 2)) })).file);
    expect(fs.readdirSync(backups).sort()).toEqual([path.basename(files[2]!), path.basename(files[3]!)]);
    expect(pruneBackups(backups, "retention", 1)).toEqual([files[2]]);
  });
});

describe("npm run restore", () => {
  it("ends every session and cancels unused set-password links, and removes a stale -wal and -shm", async () => {
    const live = liveDatabase("sessions");
    const backup = (await backupDatabase(live, path.join(dir, "sessions-backups"))).file;
    const db = new Database(live);
    const user = db.prepare("SELECT id FROM users LIMIT 1").get() as { id: string };
    db.prepare("INSERT INTO sessions (id, user_id, expires_at, created_at, last_seen_at) VALUES ('s1', ?, 0, 0, 0)").run(user.id);
    db.close();
    // A session that existed when the backup was made is ended too.
    const withSession = new Database(backup);
    withSession.prepare("INSERT INTO sessions (id, user_id, expires_at, created_at, last_seen_at) VALUES ('s0', ?, 0, 0, 0)").run(user.id);
    withSession.prepare("INSERT INTO password_tokens (id, user_id, created_at, expires_at) VALUES ('t0', ?, 0, 0)").run(user.id);
    withSession.close();
    fs.writeFileSync(`${live}-wal`, "stale");
    fs.writeFileSync(`${live}-shm`, "stale");

    const result = restoreDatabase(backup, live);
    expect(result).toMatchObject({ sessionsEnded: 1, linksCancelled: 1 });
    expect(fs.existsSync(`${live}-wal`) && fs.readFileSync(`${live}-wal`, "utf8") === "stale").toBe(false);
    const restored = new Database(live, { fileMustExist: true });
    expect(restored.pragma("quick_check", { simple: true })).toBe("ok");
    expect((restored.prepare("SELECT count(*) AS n FROM sessions").get() as { n: number }).n).toBe(0);
    expect(restored.prepare("SELECT action FROM audit_events ORDER BY id DESC LIMIT 1").get()).toEqual({ action: "database.restore" });
    restored.close();
    expect(fs.readFileSync(`${result.keptAside}-wal`, "utf8")).toBe("stale");
  });

  it("refuses while the app is serving the database, and refuses a damaged backup, changing nothing", async () => {
    const live = liveDatabase("refuse");
    const backup = (await backupDatabase(live, path.join(dir, "refuse-backups"))).file;
    fs.writeFileSync(serverPidFile(live), String(process.pid));
    expect(() => restoreDatabase(backup, live)).toThrow(/The app is running .* Stop it first/);
    // A pid file left by a server that was killed does not block a restore.
    fs.writeFileSync(serverPidFile(live), "999999999");
    const damaged = path.join(dir, "damaged.sqlite");
    fs.writeFileSync(damaged, Buffer.concat([fs.readFileSync(backup).subarray(0, 4096), Buffer.alloc(8192, 7)]));
    const before = fs.readFileSync(live);
    expect(() => restoreDatabase(damaged, live)).toThrow(/damaged|not a database|malformed/i);
    expect(fs.readFileSync(live).equals(before)).toBe(true);
    expect(restoreDatabase(backup, live).restored).toBe(live);
  });
});
