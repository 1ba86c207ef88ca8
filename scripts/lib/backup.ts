// Backups and restores of the SQLite database. See docs/decisions/009-backups-and-litestream.md.
//
// A copy of app.sqlite alone is not a backup: recent changes live in app.sqlite-wal
// until a checkpoint. SQLite's online backup (better-sqlite3's .backup()) reads a
// consistent snapshot through the WAL while the server keeps serving and writing.
import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { serverPidFile } from "../../app/lib/db.server";

export type BackupResult = { file: string; bytes: number; counts: Counts; removed: string[] };
export type Counts = { auditEvents: number; priorities: number; priorityUpdates: number; events: number; users: number };

const BACKUP_NAME = /^(.+)-(\d{8}T\d{6}(?:\d{3})?Z)\.sqlite$/;

const stamp = (now: Date) => now.toISOString().replace(/[-:]/g, "").replace(/\.(\d{3})Z$/, "$1Z");

function countsOf(sqlite: Database.Database): Counts {
  const n = (table: string) => (sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return { auditEvents: n("audit_events"), priorities: n("priorities"), priorityUpdates: n("priority_updates"), events: n("events"), users: n("users") };
}

function integrityProblem(sqlite: Database.Database): string | null {
  const integrity = sqlite.pragma("integrity_check(1)", { simple: true });
  if (integrity !== "ok") return `integrity_check: ${String(integrity).replace(/\s+/g, " ").slice(0, 200)}`;
  const foreignKeys = sqlite.pragma("foreign_key_check") as unknown[];
  if (foreignKeys.length > 0) return `foreign_key_check: ${foreignKeys.length} rows refer to missing rows`;
  return null;
}

/**
 * Copy the live database to `<dir>/<name>-<UTC time>.sqlite`, check the copy, and keep
 * the newest `keep` backups of this database in the folder.
 */
export async function backupDatabase(source: string, dir: string, { keep = 14, now = new Date() } = {}): Promise<BackupResult> {
  if (!fs.existsSync(source)) throw new Error(`Database ${source} does not exist`);
  fs.mkdirSync(dir, { recursive: true });
  const name = path.basename(source, ".sqlite");
  const file = path.join(dir, `${name}-${stamp(now)}.sqlite`);
  const partial = `${file}.partial`;
  const live = new Database(source, { fileMustExist: true });
  try {
    live.pragma("busy_timeout = 5000");
    // All remaining pages in one step, so one read snapshot: copied step by step, a
    // backup restarts whenever another process writes, and under steady traffic never ends.
    await live.backup(partial, { progress: ({ totalPages }) => Math.max(totalPages, 100) });
  } finally {
    live.close();
  }
  const copy = new Database(partial);
  let counts: Counts;
  try {
    const problem = integrityProblem(copy);
    if (problem) throw new Error(`The backup failed its check (${problem}); the database itself may be damaged`);
    // One self-contained file: no -wal beside it to lose in a copy.
    copy.pragma("journal_mode = DELETE");
    counts = countsOf(copy);
  } catch (error) {
    copy.close();
    fs.rmSync(partial, { force: true });
    throw error;
  }
  copy.close();
  fs.renameSync(partial, file);
  const removed = pruneBackups(dir, name, keep);
  return { file, bytes: fs.statSync(file).size, counts, removed };
}

/** Delete all but the newest `keep` backups of `name` in `dir`; returns what was removed. */
export function pruneBackups(dir: string, name: string, keep: number): string[] {
  const mine = fs
    .readdirSync(dir)
    .filter((f) => BACKUP_NAME.exec(f)?.[1] === name)
    .sort()
    .reverse();
  const old = mine.slice(Math.max(1, keep)).map((f) => path.join(dir, f));
  for (const f of old) fs.rmSync(f);
  return old;
}

export type RestoreResult = {
  restored: string;
  keptAside: string | null;
  counts: Counts;
  sessionsEnded: number;
  linksCancelled: number;
  lost: { changes: number; byAction: Record<string, number>; from: string | null; to: string | null } | "unknown";
};

/** Is a server serving this database now? server.js leaves its pid beside the database. */
export function runningServerPid(target: string): number | null {
  const file = serverPidFile(target);
  if (!fs.existsSync(file)) return null;
  const pid = Number(fs.readFileSync(file, "utf8").trim());
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    // EPERM: it exists but belongs to someone else, which still means running.
    return (error as NodeJS.ErrnoException).code === "EPERM" ? pid : null;
  }
}

function lostSince(target: string, lastAuditId: number): RestoreResult["lost"] {
  try {
    const current = new Database(target, { fileMustExist: true, readonly: true });
    try {
      const rows = current.prepare("SELECT action, count(*) AS n, min(at) AS first, max(at) AS last FROM audit_events WHERE id > ? GROUP BY action").all(lastAuditId) as {
        action: string;
        n: number;
        first: number;
        last: number;
      }[];
      const byAction = Object.fromEntries(rows.map((r) => [r.action, r.n]));
      const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
      return {
        changes: rows.reduce((sum, r) => sum + r.n, 0),
        byAction,
        from: iso(rows.length ? Math.min(...rows.map((r) => r.first)) : undefined),
        to: iso(rows.length ? Math.max(...rows.map((r) => r.last)) : undefined),
      };
    } finally {
      current.close();
    }
  } catch {
    return "unknown";
  }
}

/**
 * Put a backup in place of the database at `target`. Refuses while a server is
 * serving it. The current database (with its -wal and -shm) is moved aside, not
 * deleted; the restored copy has no sessions and no unused set-password links, so
 * accounts disabled after the backup was taken cannot sign back in with them.
 */
export function restoreDatabase(backup: string, target: string, { now = new Date() } = {}): RestoreResult {
  if (!fs.existsSync(backup)) throw new Error(`Backup ${backup} does not exist`);
  const pid = runningServerPid(target);
  if (pid) throw new Error(`The app is running on ${target} (process ${pid}). Stop it first, then restore`);
  const check = new Database(backup, { fileMustExist: true, readonly: true });
  let lastAuditId: number;
  try {
    const problem = integrityProblem(check);
    if (problem) throw new Error(`Backup ${backup} is damaged (${problem}); choose another`);
    if (!check.prepare("SELECT 1 FROM sqlite_master WHERE name = 'audit_events'").get()) throw new Error(`${backup} is not a backup of this app's database`);
    lastAuditId = (check.prepare("SELECT coalesce(max(id), 0) AS id FROM audit_events").get() as { id: number }).id;
  } finally {
    check.close();
  }

  const lost = fs.existsSync(target) ? lostSince(target, lastAuditId) : { changes: 0, byAction: {}, from: null, to: null };
  const incoming = `${target}.restoring`;
  fs.copyFileSync(backup, incoming);
  const db = new Database(incoming);
  let sessionsEnded: number;
  let linksCancelled: number;
  let counts: Counts;
  try {
    db.pragma("foreign_keys = ON");
    db.transaction(() => {
      sessionsEnded = db.prepare("DELETE FROM sessions").run().changes;
      linksCancelled = db.prepare("DELETE FROM password_tokens WHERE used_at IS NULL").run().changes;
      db.prepare("INSERT INTO audit_events (at, actor_id, actor_label, action, subject_type, subject_id, after) VALUES (?, NULL, 'command line', 'database.restore', 'database', ?, ?)").run(
        now.getTime(),
        path.basename(target),
        JSON.stringify({ backup: path.basename(backup), sessionsEnded: sessionsEnded!, linksCancelled: linksCancelled! }),
      );
    })();
    db.pragma("journal_mode = DELETE");
    counts = countsOf(db);
  } finally {
    db.close();
  }

  // The current files go aside together; a -wal or -shm left beside the restored file
  // would be replayed into it and damage it.
  let keptAside: string | null = null;
  if (fs.existsSync(target)) {
    keptAside = `${target}.before-restore-${stamp(now)}`;
    fs.renameSync(target, keptAside);
  }
  for (const suffix of ["-wal", "-shm"]) {
    if (fs.existsSync(target + suffix)) {
      if (keptAside) fs.renameSync(target + suffix, keptAside + suffix);
      else fs.rmSync(target + suffix);
    }
  }
  fs.renameSync(incoming, target);
  return { restored: target, keptAside, counts: counts!, sessionsEnded: sessionsEnded!, linksCancelled: linksCancelled!, lost };
}
