// What the server checks before it listens, and what /readyz reports. A server that
// starts on a missing, empty, damaged or out-of-date database only answers 500s, so
// it refuses to start instead, with one line saying why and what to do.
import Database from "better-sqlite3";
import { readMigrationFiles } from "drizzle-orm/migrator";
import fs from "node:fs";
import path from "node:path";

export type Check = { ok: true } | { ok: false; reason: string };

const migrationsFolder = () => path.resolve(process.cwd(), "db/migrations");

let times: number[] | undefined;
const migrationTimes = () => (times ??= readMigrationFiles({ migrationsFolder: migrationsFolder() }).map((m) => m.folderMillis));

/** Migrations in db/migrations that the database has not had (drizzle records each one's time). */
export function pendingMigrations(sqlite: Database.Database): number | "none-applied" {
  const table = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
  if (!table) return "none-applied";
  const last = (sqlite.prepare("SELECT max(created_at) AS at FROM __drizzle_migrations").get() as { at: number | null }).at ?? 0;
  return migrationTimes().filter((at) => at > last).length;
}

const oneLine = (text: string) => text.replace(/\s+/g, " ").trim().slice(0, 200);

/** The checks made once at start, on the database file the server is about to serve. */
export function checkDatabaseFile(file: string): Check {
  if (file === ":memory:") return { ok: false, reason: "DATABASE_PATH is :memory:, which would serve an empty database; give the path of the database file" };
  if (!fs.existsSync(file)) return { ok: false, reason: `Database ${file} does not exist; check DATABASE_PATH, or run npm run setup to make it` };
  if (!fs.statSync(file).isFile()) return { ok: false, reason: `Database ${file} is not a file; check DATABASE_PATH` };
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(file, { fileMustExist: true });
    // The first problem is enough to refuse; the rest would not fit on one line.
    const quick = sqlite.pragma("quick_check(1)", { simple: true });
    if (quick !== "ok") return { ok: false, reason: `Database ${file} is damaged (quick_check: ${oneLine(String(quick))}); restore a backup with npm run restore` };
    const pending = pendingMigrations(sqlite);
    if (pending === "none-applied") return { ok: false, reason: `Database ${file} has not been set up (no migrations applied); run npm run setup, or check DATABASE_PATH` };
    if (pending > 0) return { ok: false, reason: `Database ${file} is ${pending} migration(s) behind this version; take a backup (npm run backup), then run npm run db:migrate` };
    const wards = (sqlite.prepare("SELECT count(*) AS n FROM wards").get() as { n: number }).n;
    if (wards === 0) return { ok: false, reason: `Database ${file} has no wards loaded; run npm run setup` };
    return { ok: true };
  } catch (error) {
    const message = oneLine(error instanceof Error ? error.message : String(error));
    return { ok: false, reason: `Database ${file} cannot be read (${message}); restore a backup with npm run restore, or check DATABASE_PATH` };
  } finally {
    sqlite?.close();
  }
}

/** /readyz: the database answers a read and its migrations are current. */
export function readiness(sqlite: Database.Database): Check {
  try {
    sqlite.prepare("SELECT code FROM wards LIMIT 1").get();
    const pending = pendingMigrations(sqlite);
    if (pending !== 0) return { ok: false, reason: "database migrations are not current" };
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: `database cannot be read: ${error instanceof Error ? error.message : String(error)}` };
  }
}
