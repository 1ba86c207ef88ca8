import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import fs from "node:fs";
import path from "node:path";
import * as schema from "../../db/schema";
import { env } from "./env.server";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** How long a command-line script waits for another process's write to finish. */
export const SCRIPT_BUSY_TIMEOUT_MS = 5000;
/**
 * How long the web server waits. better-sqlite3 is synchronous, so the wait blocks the
 * event loop and every other request with it: the server waits briefly and otherwise
 * answers "try again" (503, see busy.server.ts). Readers never wait in WAL mode.
 */
export const SERVER_BUSY_TIMEOUT_MS = 200;

export function openDatabase(file: string, { fileMustExist = false } = {}): Db {
  const sqlite = new Database(file, { fileMustExist });
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma(`busy_timeout = ${SCRIPT_BUSY_TIMEOUT_MS}`);
  const db = drizzle(sqlite, { schema }) as Db;
  // Every transaction here writes, so each takes the write lock when it begins
  // (BEGIN IMMEDIATE): what it reads is then the latest data, and a lock held by
  // another process is waited for under busy_timeout. A deferred transaction that
  // read first would instead fail at its first write with no wait at all.
  const transaction = db.transaction.bind(db);
  db.transaction = ((run, config) => transaction(run, { behavior: "immediate", ...config })) as Db["transaction"];
  return db;
}

/** SQLITE_BUSY and friends: another connection holds the lock this one needs. */
export function isBusyError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED"));
}

export function migrateDatabase(db: Db): void {
  migrate(db, { migrationsFolder: path.resolve(process.cwd(), "db/migrations") });
}

// One connection per process, kept across dev rebuilds.
const globalForDb = globalThis as unknown as { __db?: Db };

export function getDb(): Db {
  globalForDb.__db ??= openDatabase(env().DATABASE_PATH);
  return globalForDb.__db;
}

/** Where a server serving `file` leaves its process id, so `npm run restore` can tell it is running. */
export const serverPidFile = (file: string) => `${file}-server.pid`;

/** The web server's connection: the database must already exist (a mistyped path is not a new database). */
export function openServerDatabase(): Db {
  if (!globalForDb.__db) globalForDb.__db = openDatabase(env().DATABASE_PATH, { fileMustExist: true });
  globalForDb.__db.$client.pragma(`busy_timeout = ${SERVER_BUSY_TIMEOUT_MS}`);
  fs.writeFileSync(serverPidFile(env().DATABASE_PATH), `${process.pid}\n`);
  return globalForDb.__db;
}

/**
 * On stopping: fold the WAL back into the database file and close, so the file
 * alone is complete (a copy of it, or the next start, needs no -wal beside it).
 */
export function closeDatabase(): void {
  const db = globalForDb.__db;
  if (!db) return;
  globalForDb.__db = undefined;
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  db.$client.close();
  fs.rmSync(serverPidFile(env().DATABASE_PATH), { force: true });
}

/**
 * A statement built once per connection and reused: hot read paths (ward pages,
 * lookups) would otherwise spend more time building SQL than running it.
 */
export function prepared<T>(build: (db: Db) => T): () => T {
  let cache: { db: Db; statement: T } | undefined;
  return () => {
    const db = getDb();
    if (cache?.db !== db) cache = { db, statement: build(db) };
    return cache.statement;
  };
}
