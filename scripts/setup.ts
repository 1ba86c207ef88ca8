// One step from a fresh checkout to a database ready to serve: migrations, ONS
// geography and, if no neighbourhood data is loaded yet, the sample data.
// Running it again reuses what is there.
import { execFileSync } from "node:child_process";
import { getDb, migrateDatabase } from "../app/lib/db.server";
import { env } from "../app/lib/env.server";
import { countGeography } from "./lib/geography";

const db = getDb();
migrateDatabase(db);
const run = (script: string, ...args: string[]) =>
  execFileSync(process.execPath, ["--import", "tsx", script, ...args], { stdio: "inherit" });

const counts = countGeography(db);
const placeCount = (db.$client.prepare("SELECT count(*) AS n FROM places").get() as { n: number }).n;
if (counts.wards === 0 || counts.kentPostcodes === 0 || placeCount === 0) run("scripts/import-geography.ts");
else console.log(`Geography already loaded: ${counts.wards} wards, ${counts.kentPostcodes} Kent postcodes.`);
run("scripts/seed.ts", "--if-empty");
console.log(`Database ready: ${env().DATABASE_PATH}`);
