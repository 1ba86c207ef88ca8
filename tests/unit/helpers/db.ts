// A migrated in-memory database (DATABASE_PATH=:memory: in vitest.config.ts)
// loaded with the real ONS geography and, optionally, the sample neighbourhood data.
import { getDb, migrateDatabase, type Db } from "~/lib/db.server";
import { knownGeography } from "../../../scripts/lib/known-geography";
import { countGeography, loadGeography, readGeography } from "../../../scripts/lib/geography";
import { DEFAULT_PLACES_FILE, loadPlaces, readPlaces } from "../../../scripts/lib/places";
import { NEIGHBOURHOOD_FILES, COLUMNS, loadNeighbourhoods, readNeighbourhoods, toCsv } from "../../../scripts/lib/neighbourhoods";
import { generateSampleData } from "../../../scripts/lib/sample-data";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const DATA_FILES = {
  wards: "db/data/kent-wards.geojson",
  districts: "db/data/kent-districts.geojson",
  postcodes: "db/data/kent-postcodes.csv",
  csuInboxes: "db/data/csu-inboxes.csv",
};

/** The fixed day the sample data is generated for in tests. */
export const TEST_TODAY = new Date("2026-11-22T12:00:00Z");

export function migratedDb(): Db {
  const db = getDb();
  migrateDatabase(db);
  return db;
}

export function dbWithGeography(): Db {
  const db = migratedDb();
  if (countGeography(db).wards === 0) {
    const geography = readGeography(DATA_FILES);
    loadGeography(db, geography, { wardVintage: "WD24", districtVintage: "LAD24" });
    loadPlaces(db, readPlaces(DEFAULT_PLACES_FILE, geography.wards));
  }
  return db;
}

/** Geography plus the sample teams, officers, events and priorities, through the CSV importer. */
export function dbWithSampleData(today = TEST_TODAY): Db {
  const db = dbWithGeography();
  const known = knownGeography(db);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kent-sample-"));
  const sample = generateSampleData(known.districts, known.wards, today);
  for (const key of Object.keys(NEIGHBOURHOOD_FILES) as (keyof typeof NEIGHBOURHOOD_FILES)[]) {
    fs.writeFileSync(path.join(dir, NEIGHBOURHOOD_FILES[key]), toCsv(COLUMNS[key], sample[key]));
  }
  loadNeighbourhoods(db, readNeighbourhoods(dir, known), { replace: true });
  fs.rmSync(dir, { recursive: true, force: true });
  return db;
}
