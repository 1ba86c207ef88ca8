// Direct access to the e2e server's database, for what a test cannot do through
// the browser: letting a session go idle without waiting 30 minutes.
import Database from "better-sqlite3";

const PORT = Number(process.env.E2E_PORT ?? 3210);

export function ageSessionsOf(email: string, minutes: number) {
  const db = new Database(`db/e2e-${PORT}.sqlite`);
  try {
    db.prepare("UPDATE sessions SET last_seen_at = last_seen_at - ? WHERE user_id = (SELECT id FROM users WHERE email = ?)").run(minutes * 60_000, email);
  } finally {
    db.close();
  }
}

/** Move the recorded ward changes back in time, as if the editor had finished publishing a while ago. */
export function ageWardChanges(minutes: number) {
  const db = new Database(`db/e2e-${PORT}.sqlite`);
  try {
    db.prepare("UPDATE ward_changes SET at = at - ?").run(minutes * 60_000);
  } finally {
    db.close();
  }
}
