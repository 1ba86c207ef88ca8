// Writes deterministic SAMPLE neighbourhood data for the real wards to db/sample/
// as CSV files, then loads them with the same importer a force would use.
//
//   npm run seed -- [--today 2026-11-22] [--replace]
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { getDb, migrateDatabase } from "../app/lib/db.server";
import { knownGeography } from "./lib/known-geography";
import { COLUMNS, NEIGHBOURHOOD_FILES, hasNeighbourhoodData, loadNeighbourhoods, NeighbourhoodError, readNeighbourhoods, toCsv } from "./lib/neighbourhoods";
import { generateSampleData, generateSampleResponses } from "./lib/sample-data";
import { loadSampleResponses } from "../app/models/response.server";

const { values } = parseArgs({
  options: {
    today: { type: "string" },
    replace: { type: "boolean", default: false },
    "if-empty": { type: "boolean", default: false },
    out: { type: "string", default: "db/sample" },
  },
});

try {
  const db = getDb();
  migrateDatabase(db);
  if (values["if-empty"] && hasNeighbourhoodData(db)) {
    console.log("Neighbourhood data already loaded; keeping it.");
    process.exit(0);
  }
  const today = values.today ? new Date(`${values.today}T12:00:00Z`) : new Date();
  if (Number.isNaN(today.getTime())) throw new NeighbourhoodError(["--today must be a date like 2026-11-22"]);
  const known = knownGeography(db);
  if (known.wardCodes.size === 0) throw new NeighbourhoodError(["no wards are loaded yet: run npm run import:geography first"]);

  const sample = generateSampleData(known.districts, known.wards, today);
  fs.mkdirSync(values.out, { recursive: true });
  for (const key of Object.keys(NEIGHBOURHOOD_FILES) as (keyof typeof NEIGHBOURHOOD_FILES)[]) {
    fs.writeFileSync(path.join(values.out, NEIGHBOURHOOD_FILES[key]), toCsv(COLUMNS[key], sample[key]));
  }
  const counts = loadNeighbourhoods(db, readNeighbourhoods(values.out, known), { replace: values.replace });
  // Residents' responses have no CSV format (a force's come in through the ward pages): loaded straight in, marked as sample.
  const responses = loadSampleResponses(generateSampleResponses(known.wards, today), db);
  console.log(
    `Loaded SAMPLE data: ${counts.teams} teams, ${counts.officers} officers, ${counts.events} events, ` +
      `${counts.priorities} priorities, ${counts.updates} monthly updates (CSV files in ${values.out}), ${responses} residents' responses.`,
  );
} catch (e) {
  console.error(e instanceof NeighbourhoodError ? e.message : e);
  process.exit(1);
}
