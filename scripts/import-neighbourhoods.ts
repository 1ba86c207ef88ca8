// Loads a force's neighbourhood files (teams, officers, events, priorities, updates)
// from a folder of CSV files in the format of docs/data-formats.md.
//
//   npm run import:neighbourhoods -- --dir path/to/folder [--replace]
//
// Every file is checked against the others and the loaded wards first; nothing is
// written unless all of it is good. Once loaded, staff keep it current in the app,
// so a second import is refused unless --replace is given.
import { parseArgs } from "node:util";
import { getDb, migrateDatabase } from "../app/lib/db.server";
import { knownGeography } from "./lib/known-geography";
import { loadNeighbourhoods, NeighbourhoodError, readNeighbourhoods } from "./lib/neighbourhoods";

const { values } = parseArgs({
  options: { dir: { type: "string" }, replace: { type: "boolean", default: false } },
});

if (!values.dir) {
  console.error("Say which folder to import: --dir path/to/folder");
  process.exit(1);
}

try {
  const db = getDb();
  migrateDatabase(db);
  const known = knownGeography(db);
  if (known.wardCodes.size === 0) throw new NeighbourhoodError(["no wards are loaded yet: run npm run import:geography first"]);
  const counts = loadNeighbourhoods(db, readNeighbourhoods(values.dir, known), { replace: values.replace });
  console.log(
    `Imported ${counts.teams} teams, ${counts.officers} officers, ${counts.events} events, ` +
      `${counts.priorities} priorities and ${counts.updates} monthly updates from ${values.dir}.`,
  );
} catch (e) {
  console.error(e instanceof NeighbourhoodError ? e.message : e);
  process.exit(1);
}
