// npm run backup [-- --dir db/backups --keep 14]
// An online backup of DATABASE_PATH while the app keeps serving: a consistent copy
// through the WAL, checked (integrity_check, foreign_key_check), to a timestamped file,
// keeping the newest --keep backups. Run it from cron; see docs/decisions/009-backups-and-litestream.md.
import { parseArgs } from "node:util";
import { env } from "../app/lib/env.server";
import { backupDatabase } from "./lib/backup";

const { values } = parseArgs({
  options: {
    dir: { type: "string", default: process.env.BACKUP_DIR ?? "db/backups" },
    keep: { type: "string", default: process.env.BACKUP_KEEP ?? "14" },
  },
});
const keep = Number(values.keep);
if (!Number.isInteger(keep) || keep < 1) {
  console.error("--keep must be a whole number, 1 or more");
  process.exit(2);
}

try {
  const result = await backupDatabase(env().DATABASE_PATH, values.dir!, { keep });
  const c = result.counts;
  console.log(`Backed up ${env().DATABASE_PATH} to ${result.file} (${(result.bytes / 1e6).toFixed(1)} MB), checked: integrity ok, foreign keys ok.`);
  console.log(`It holds ${c.priorities} priorities, ${c.priorityUpdates} monthly updates, ${c.events} events, ${c.users} staff accounts, ${c.auditEvents} audit entries.`);
  if (result.removed.length) console.log(`Removed ${result.removed.length} older backup(s), keeping the newest ${keep}.`);
} catch (error) {
  console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
