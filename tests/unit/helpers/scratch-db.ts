// A fresh database file for each test, installed as the app's database, in a scratch
// folder removed after the file's tests: for tests of the server's cache and front door.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeEach } from "vitest";
import { openDatabase, type Db } from "~/lib/db.server";

const globalForDb = globalThis as unknown as { __db?: Db };

/** Registers the hooks; gives the current test's database file and connection. */
export function useScratchDatabase(prefix: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  let file = "";
  let n = 0;
  beforeEach(() => {
    file = path.join(dir, `app-${n++}.sqlite`);
    globalForDb.__db = openDatabase(file);
    globalForDb.__db.$client.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL); INSERT INTO notes VALUES (1, 'first');");
  });
  afterEach(() => {
    globalForDb.__db?.$client.close();
    delete globalForDb.__db;
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return { file: () => file, sqlite: () => globalForDb.__db!.$client };
}
