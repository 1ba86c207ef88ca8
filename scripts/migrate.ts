// Applies the committed migrations in db/migrations. Safe to run any number of times.
import { getDb, migrateDatabase } from "../app/lib/db.server";
import { env } from "../app/lib/env.server";

migrateDatabase(getDb());
console.log(`Database ${env().DATABASE_PATH} is up to date.`);
