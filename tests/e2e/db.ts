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

/** Make a team's month unwritten again: remove this month's updates and drafts of its wards' priorities. */
export function clearTeamMonth(teamSlug: string, month: string) {
  const db = new Database(`db/e2e-${PORT}.sqlite`);
  try {
    const ids = `SELECT p.id FROM priorities p JOIN team_wards tw ON tw.ward_code = p.ward_code JOIN teams t ON t.id = tw.team_id WHERE t.slug = ?`;
    db.prepare(`DELETE FROM priority_update_versions WHERE update_id IN (SELECT id FROM priority_updates WHERE month = ? AND priority_id IN (${ids}))`).run(month, teamSlug);
    db.prepare(`DELETE FROM priority_updates WHERE month = ? AND priority_id IN (${ids})`).run(month, teamSlug);
    db.prepare(`DELETE FROM update_drafts WHERE month = ? AND priority_id IN (${ids})`).run(month, teamSlug);
  } finally {
    db.close();
  }
}

/** The id of a team from its slug. */
export function teamId(slug: string): number {
  const db = new Database(`db/e2e-${PORT}.sqlite`, { readonly: true });
  try {
    return (db.prepare("SELECT id FROM teams WHERE slug = ?").get(slug) as { id: number }).id;
  } finally {
    db.close();
  }
}

/** A team's wards, by name. */
export function wardsOfTeam(slug: string): { code: string; name: string }[] {
  const db = new Database(`db/e2e-${PORT}.sqlite`, { readonly: true });
  try {
    return db.prepare("SELECT w.code, w.name FROM wards w JOIN team_wards tw ON tw.ward_code = w.code JOIN teams t ON t.id = tw.team_id WHERE t.slug = ? ORDER BY w.name").all(slug) as { code: string; name: string }[];
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

/** Move the recorded ward changes back in time, as if the editor had finished publishing a while ago. */
export function ageWardChanges(minutes: number) {
  const db = new Database(`db/e2e-${PORT}.sqlite`);
  try {
    db.prepare("UPDATE ward_changes SET at = at - ?").run(minutes * 60_000);
  } finally {
    db.close();
  }
}

/** Real postcodes inside a ward, from the portal's own postcode table. */
export function postcodesInWard(wardCode: string, n = 2): string[] {
  const db = new Database(`db/e2e-${PORT}.sqlite`, { readonly: true });
  try {
    return (db.prepare("SELECT postcode FROM postcodes WHERE ward_code = ? AND ward_match = 'pip' ORDER BY postcode LIMIT ?").all(wardCode, n) as { postcode: string }[]).map((r) => r.postcode);
  } finally {
    db.close();
  }
}
