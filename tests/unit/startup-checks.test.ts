// The server starts only on a database that exists, passes a quick check, has had
// every migration and has the geography; otherwise it says why in one line.
import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkDatabaseFile, readiness } from "~/lib/server/startup.server";
import { dbWithGeography } from "./helpers/db";

let dir: string;
let good: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "kent-start-"));
  good = path.join(dir, "good.sqlite");
  await dbWithGeography().$client.backup(good);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const copyOfGood = (name: string) => {
  const file = path.join(dir, name);
  fs.copyFileSync(good, file);
  return file;
};

describe("start-up checks", () => {
  it("pass on a set-up, migrated database with wards", () => {
    expect(checkDatabaseFile(good)).toEqual({ ok: true });
  });

  it.each([
    ["a mistyped DATABASE_PATH", () => path.join(dir, "app.sqlte"), /does not exist; check DATABASE_PATH/],
    ["a folder", () => dir, /is not a file/],
    ["an empty file", () => (fs.writeFileSync(path.join(dir, "empty.sqlite"), ""), path.join(dir, "empty.sqlite")), /has not been set up/],
    ["a file that is not a database", () => (fs.writeFileSync(path.join(dir, "text.sqlite"), "x".repeat(5000)), path.join(dir, "text.sqlite")), /cannot be read .*not a database/],
    ["an in-memory database", () => ":memory:", /:memory:/],
  ])("refuse %s with one line", (_label, file, reason) => {
    const result = checkDatabaseFile(file());
    expect(result.ok).toBe(false);
    const message = (result as { reason: string }).reason;
    expect(message).toMatch(reason);
    expect(message).not.toContain("\n");
  });

  it("refuse a damaged database", () => {
    const file = copyOfGood("damaged.sqlite");
    const bytes = fs.readFileSync(file);
    // Overwrite pages in the middle of the file (wards' geometry), keeping the header.
    bytes.fill(0xa5, Math.floor(bytes.length / 2), Math.floor(bytes.length / 2) + 64 * 1024);
    fs.writeFileSync(file, bytes);
    expect(checkDatabaseFile(file)).toMatchObject({ ok: false, reason: expect.stringMatching(/damaged|cannot be read/) });
  });

  it("refuse a database behind the migrations, and one with no wards", () => {
    const behind = copyOfGood("behind.sqlite");
    const db = new Database(behind);
    db.prepare("DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations)").run();
    db.close();
    expect(checkDatabaseFile(behind)).toMatchObject({ ok: false, reason: expect.stringMatching(/1 migration\(s\) behind .* npm run db:migrate/) });
    expect(readiness(new Database(behind, { readonly: true }))).toEqual({ ok: false, reason: "database migrations are not current" });

    const noWards = copyOfGood("no-wards.sqlite");
    const emptied = new Database(noWards);
    emptied.pragma("foreign_keys = OFF");
    emptied.prepare("DELETE FROM wards").run();
    emptied.close();
    expect(checkDatabaseFile(noWards)).toMatchObject({ ok: false, reason: expect.stringMatching(/no wards loaded; run npm run setup/) });
  });

  it("refuse a restored file with the replaced database's -wal still beside it", () => {
    // The live database, with recent changes still in its -wal (never checkpointed) ...
    const live = copyOfGood("live.sqlite");
    const writer = new Database(live);
    writer.pragma("journal_mode = WAL");
    writer.pragma("wal_autocheckpoint = 0");
    writer.exec("UPDATE wards SET name = name || ' (renamed)'; DELETE FROM postcodes WHERE rowid % 3 = 0;");
    // ... and a backup with a different page layout (an older, compacted copy) put in its place.
    const backup = copyOfGood("older.sqlite");
    const older = new Database(backup);
    older.exec("DELETE FROM postcodes WHERE rowid % 2 = 0; VACUUM;");
    older.close();
    fs.copyFileSync(`${live}-wal`, `${backup}-wal`);
    writer.close();
    expect(checkDatabaseFile(backup)).toMatchObject({ ok: false, reason: expect.stringMatching(/damaged|cannot be read/) });
  });

  it("readiness holds on a good database", () => {
    expect(readiness(new Database(good, { readonly: true }))).toEqual({ ok: true });
  });
});
