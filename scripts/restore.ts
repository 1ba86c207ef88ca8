// npm run restore -- FILE
// Replace DATABASE_PATH with a backup made by npm run backup. Refuses while the app is
// serving that database. The current database is kept beside it, renamed; stale -wal
// and -shm files go with it. Every session ends and unused set-password links are
// cancelled, so everyone signs in again against the restored accounts. Says what the
// restore loses: the changes recorded after the backup was taken.
import { env } from "../app/lib/env.server";
import { restoreDatabase } from "./lib/backup";

const file = process.argv.slice(2).find((a) => !a.startsWith("-"));
if (!file) {
  console.error("Usage: npm run restore -- path/to/backup.sqlite");
  process.exit(2);
}

try {
  const result = restoreDatabase(file, env().DATABASE_PATH);
  console.log(`Restored ${file} to ${result.restored}.`);
  if (result.keptAside) console.log(`The database it replaced is kept as ${result.keptAside} (delete it once you are sure).`);
  console.log(`Ended ${result.sessionsEnded} session(s) and cancelled ${result.linksCancelled} unused set-password link(s): everyone signs in again.`);
  if (result.lost === "unknown") console.log("The replaced database could not be read, so the changes lost cannot be listed.");
  else if (result.lost.changes === 0) console.log("No recorded changes were lost: the replaced database had none after this backup.");
  else {
    const list = Object.entries(result.lost.byAction).map(([action, n]) => `${n} × ${action}`).join(", ");
    console.log(`Lost: ${result.lost.changes} change(s) made between ${result.lost.from} and ${result.lost.to} (${list}). Their details are in the audit log of the kept file.`);
  }
} catch (error) {
  console.error(`Not restored: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
