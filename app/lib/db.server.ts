import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import path from "node:path";
import * as schema from "../../db/schema";
import { env } from "./env.server";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export function openDatabase(file: string): Db {
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("busy_timeout = 5000");
  return drizzle(sqlite, { schema }) as Db;
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
