// A value that changes whenever anything in the database may have changed, for
// the response cache to know whether what it holds still reflects every write
// committed before the request it is answering. Two SQLite counters, read in one
// statement (a few microseconds, no table touched):
//   - data_version changes when any other connection commits: the importers,
//     the CLI, another server process;
//   - total_changes() counts every row this connection has inserted, updated or
//     deleted, so a write on one request is seen by the next, a millisecond later.
// Neither needs a model to remember to bump anything: no write can be missed. A
// write to a table no page shows (a session's last-seen time) also changes it,
// which only costs a render.
import type Database from "better-sqlite3";
import { getDb } from "./db.server";

type Statements = { client: Database.Database; dataVersion: Database.Statement<[], number>; totalChanges: Database.Statement<[], number> };
let cache: Statements | undefined;

export function dataVersion(): string {
  const client = getDb().$client;
  if (cache?.client !== client) {
    cache = {
      client,
      dataVersion: client.prepare<[], number>("PRAGMA data_version").pluck(),
      totalChanges: client.prepare<[], number>("SELECT total_changes()").pluck(),
    };
  }
  const { dataVersion, totalChanges } = cache;
  return `${dataVersion.get()}.${totalChanges.get()}`;
}
