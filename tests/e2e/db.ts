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

/** The newest email the app has written to the outbox for an address (text part), or null. */
export function latestMailTo(address: string): { subject: string; text: string } | null {
  const db = new Database(`db/e2e-${PORT}.sqlite`, { readonly: true });
  try {
    const row = db.prepare("SELECT subject, text_body AS text FROM outbox_messages WHERE to_address = ? ORDER BY id DESC LIMIT 1").get(address) as { subject: string; text: string } | undefined;
    return row ?? null;
  } finally {
    db.close();
  }
}
