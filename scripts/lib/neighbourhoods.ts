// Reads, checks and loads a force's neighbourhood files: teams, officers, events,
// PACT priorities and their monthly updates. The format is documented in
// docs/data-formats.md; the sample data (scripts/seed.ts) is written in it too.
import { parse as parseCsv } from "csv-parse/sync";
import fs from "node:fs";
import path from "node:path";
import { events, officerWards, officers, priorities, priorityUpdates, priorityUpdateVersions, teamWards, teams, users } from "../../db/schema";
import { EVENT_TYPES, OFFICER_ROLES, PRIORITY_THEMES, UPDATE_STATUSES } from "../../app/lib/vocabulary";
import { eq, isNotNull, sql } from "drizzle-orm";
import { EMAIL, SLUG } from "../../app/lib/vocabulary";
import type { Db } from "../../app/lib/db.server";

export const NEIGHBOURHOOD_FILES = {
  teams: "teams.csv",
  officers: "officers.csv",
  events: "events.csv",
  priorities: "priorities.csv",
  updates: "priority-updates.csv",
} as const;

export const COLUMNS = {
  teams: ["slug", "name", "district_code", "email", "description", "ward_codes"],
  officers: ["slug", "name", "role", "collar_number", "team_slug", "ward_codes", "email", "bio"],
  events: ["team_slug", "ward_code", "type", "title", "venue", "address", "lat", "lng", "starts_at", "ends_at"],
  priorities: ["ref", "ward_code", "rank", "theme", "title", "detail", "agreed_on", "status", "outcome", "closed_on"],
  updates: ["priority_ref", "month", "action_taken", "partners", "status", "next_step", "published_at"],
} as const;

type Row<K extends keyof typeof COLUMNS> = Record<(typeof COLUMNS)[K][number], string>;

export interface Neighbourhoods {
  teams: Row<"teams">[];
  officers: Row<"officers">[];
  events: Row<"events">[];
  priorities: Row<"priorities">[];
  updates: Row<"updates">[];
}

export class NeighbourhoodError extends Error {
  constructor(public readonly problems: string[]) {
    super(
      `Neighbourhood import refused (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` +
        problems.slice(0, 20).map((p) => `  - ${p}`).join("\n") +
        (problems.length > 20 ? `\n  ... and ${problems.length - 20} more` : ""),
    );
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const MAX_TEXT = 2000;

export const splitList = (value: string) =>
  value
    .split(";")
    .map((s) => s.trim())
    .filter(Boolean);

function readCsv<K extends keyof typeof COLUMNS>(dir: string, key: K, problems: string[]): Row<K>[] {
  const file = path.join(dir, NEIGHBOURHOOD_FILES[key]);
  if (!fs.existsSync(file)) {
    problems.push(`${file}: missing`);
    return [];
  }
  try {
    const rows = parseCsv(fs.readFileSync(file, "utf8"), { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Record<string, string>[];
    const missing = COLUMNS[key].filter((c) => rows.length > 0 && !(c in rows[0]!));
    if (missing.length) problems.push(`${file}: missing column(s) ${missing.join(", ")}`);
    return rows as Row<K>[];
  } catch (e) {
    problems.push(`${file}: not readable CSV (${(e as Error).message})`);
    return [];
  }
}

function validDate(value: string): boolean {
  return DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

/** Read the five files and check them against each other and the loaded wards. */
export function readNeighbourhoods(dir: string, known: { wardCodes: Set<string>; districtCodes: Set<string> }): Neighbourhoods {
  const problems: string[] = [];
  const data: Neighbourhoods = {
    teams: readCsv(dir, "teams", problems),
    officers: readCsv(dir, "officers", problems),
    events: readCsv(dir, "events", problems),
    priorities: readCsv(dir, "priorities", problems),
    updates: readCsv(dir, "updates", problems),
  };
  const tooLong = (label: string, ...values: string[]) => {
    if (values.some((v) => (v ?? "").length > MAX_TEXT)) problems.push(`${label}: text longer than ${MAX_TEXT} characters`);
  };

  const teamSlugs = new Set<string>();
  const wardTeam = new Map<string, string>();
  for (const t of data.teams) {
    const label = `team ${t.slug || "(no slug)"}`;
    if (!SLUG.test(t.slug)) problems.push(`${label}: slug must be lower-case words joined by hyphens`);
    if (teamSlugs.has(t.slug)) problems.push(`${label}: appears twice`);
    teamSlugs.add(t.slug);
    if (!t.name) problems.push(`${label}: needs a name`);
    if (!known.districtCodes.has(t.district_code)) problems.push(`${label}: district ${t.district_code} is not loaded`);
    if (t.email && !EMAIL.test(t.email)) problems.push(`${label}: email "${t.email}" is not an email address`);
    tooLong(label, t.name, t.description);
    for (const code of splitList(t.ward_codes)) {
      if (!known.wardCodes.has(code)) problems.push(`${label}: ward ${code} is not loaded`);
      else if (wardTeam.has(code)) problems.push(`${label}: ward ${code} is already covered by team ${wardTeam.get(code)}`);
      else wardTeam.set(code, t.slug);
    }
  }
  for (const code of known.wardCodes) {
    if (!wardTeam.has(code)) problems.push(`ward ${code} is not covered by any team`);
  }

  const officerSlugs = new Set<string>();
  for (const o of data.officers) {
    const label = `officer ${o.slug || "(no slug)"}`;
    if (!SLUG.test(o.slug)) problems.push(`${label}: slug must be lower-case words joined by hyphens`);
    if (officerSlugs.has(o.slug)) problems.push(`${label}: appears twice`);
    officerSlugs.add(o.slug);
    if (!o.name) problems.push(`${label}: needs a name`);
    if (!(OFFICER_ROLES as readonly string[]).includes(o.role)) problems.push(`${label}: role must be one of ${OFFICER_ROLES.join(", ")}`);
    if (!teamSlugs.has(o.team_slug)) problems.push(`${label}: team ${o.team_slug} is not in teams.csv`);
    if (o.email && !EMAIL.test(o.email)) problems.push(`${label}: email "${o.email}" is not an email address`);
    tooLong(label, o.name, o.bio);
    for (const code of splitList(o.ward_codes)) {
      if (wardTeam.get(code) !== o.team_slug) problems.push(`${label}: ward ${code} is not covered by team ${o.team_slug}`);
    }
  }

  data.events.forEach((e, i) => {
    const label = `events.csv row ${i + 2}`;
    if (!teamSlugs.has(e.team_slug)) problems.push(`${label}: team ${e.team_slug} is not in teams.csv`);
    if (e.ward_code && wardTeam.get(e.ward_code) !== e.team_slug) problems.push(`${label}: ward ${e.ward_code} is not covered by team ${e.team_slug}`);
    if (!(EVENT_TYPES as readonly string[]).includes(e.type)) problems.push(`${label}: type must be one of ${EVENT_TYPES.join(", ")}`);
    if (!e.title || !e.venue) problems.push(`${label}: needs a title and a venue`);
    const starts = Date.parse(e.starts_at);
    const ends = Date.parse(e.ends_at);
    if (Number.isNaN(starts) || Number.isNaN(ends) || ends <= starts) problems.push(`${label}: starts_at and ends_at must be ISO 8601 times, ending after starting`);
    if ((e.lat || e.lng) && !(Number.isFinite(Number(e.lat)) && Number.isFinite(Number(e.lng)))) problems.push(`${label}: lat/lng must be numbers`);
    tooLong(label, e.title, e.venue, e.address);
  });

  const refs = new Set<string>();
  const activeRanks = new Set<string>();
  for (const p of data.priorities) {
    const label = `priority ${p.ref || "(no ref)"}`;
    if (!p.ref || refs.has(p.ref)) problems.push(`${label}: ref must be present and unique`);
    refs.add(p.ref);
    if (!known.wardCodes.has(p.ward_code)) problems.push(`${label}: ward ${p.ward_code} is not loaded`);
    if (!["1", "2", "3"].includes(p.rank)) problems.push(`${label}: rank must be 1, 2 or 3`);
    if (!(PRIORITY_THEMES as readonly string[]).includes(p.theme)) problems.push(`${label}: theme must be one of ${PRIORITY_THEMES.join(", ")}`);
    if (!p.title) problems.push(`${label}: needs a title`);
    if (!validDate(p.agreed_on)) problems.push(`${label}: agreed_on must be a date like 2026-03-14`);
    tooLong(label, p.title, p.detail, p.outcome);
    if (p.status === "active") {
      const key = `${p.ward_code}#${p.rank}`;
      if (activeRanks.has(key)) problems.push(`${label}: ward ${p.ward_code} already has an active priority ranked ${p.rank}`);
      activeRanks.add(key);
    } else if (p.status === "closed") {
      if (!p.outcome) problems.push(`${label}: a closed priority needs an outcome`);
      if (!validDate(p.closed_on)) problems.push(`${label}: closed_on must be a date like 2026-03-14`);
    } else problems.push(`${label}: status must be active or closed`);
  }

  const updateKeys = new Set<string>();
  data.updates.forEach((u, i) => {
    const label = `priority-updates.csv row ${i + 2}`;
    if (!refs.has(u.priority_ref)) problems.push(`${label}: priority ${u.priority_ref} is not in priorities.csv`);
    if (!MONTH.test(u.month)) problems.push(`${label}: month must look like 2026-03`);
    const key = `${u.priority_ref}#${u.month}`;
    if (updateKeys.has(key)) problems.push(`${label}: priority ${u.priority_ref} already has an update for ${u.month}`);
    updateKeys.add(key);
    if (!u.action_taken) problems.push(`${label}: needs action_taken`);
    if (!(UPDATE_STATUSES as readonly string[]).includes(u.status)) problems.push(`${label}: status must be one of ${UPDATE_STATUSES.join(", ")}`);
    if (Number.isNaN(Date.parse(u.published_at))) problems.push(`${label}: published_at must be an ISO 8601 time`);
    tooLong(label, u.action_taken, u.partners, u.next_step);
  });

  if (problems.length > 0) throw new NeighbourhoodError(problems);
  return data;
}

export function hasNeighbourhoodData(db: Db): boolean {
  return db.select({ id: teams.id }).from(teams).limit(1).all().length > 0;
}

/** Load checked files in one transaction; with replace, the previous data goes first. */
export function loadNeighbourhoods(db: Db, data: Neighbourhoods, { replace = false } = {}) {
  if (hasNeighbourhoodData(db) && !replace) {
    throw new NeighbourhoodError([
      "neighbourhood data is already loaded; staff may have published changes since. Run again with --replace to discard the database's teams, officers, events and priorities and load these files instead",
    ]);
  }
  // Staff accounts belong to teams. They are kept across a replace and re-attached
  // to the team with the same slug; a replace that would orphan one is refused.
  const staffTeams = replace
    ? db
        .select({ userId: users.id, email: users.email, slug: teams.slug })
        .from(users)
        .innerJoin(teams, eq(teams.id, users.teamId))
        .where(isNotNull(users.teamId))
        .all()
    : [];
  const newSlugs = new Set(data.teams.map((t) => t.slug));
  const orphaned = staffTeams.filter((s) => !newSlugs.has(s.slug));
  if (orphaned.length > 0) {
    throw new NeighbourhoodError(
      orphaned.map((o) => `staff account ${o.email} belongs to team ${o.slug}, which is not in the new teams.csv: move the account to another team first`),
    );
  }
  db.transaction((tx) => {
    if (replace) {
      // Accounts point at the old team ids until they are re-attached below, before commit.
      tx.run(sql`PRAGMA defer_foreign_keys = ON`);
      for (const table of [priorityUpdateVersions, priorityUpdates, priorities, events, officerWards, officers, teamWards, teams]) tx.delete(table).run();
    }
    const teamIds = new Map<string, number>();
    for (const t of data.teams) {
      const [row] = tx
        .insert(teams)
        .values({ slug: t.slug, name: t.name, districtCode: t.district_code, email: t.email || null, description: t.description ?? "" })
        .returning({ id: teams.id })
        .all();
      teamIds.set(t.slug, row!.id);
      for (const wardCode of splitList(t.ward_codes)) tx.insert(teamWards).values({ teamId: row!.id, wardCode }).run();
    }
    for (const s of staffTeams) tx.update(users).set({ teamId: teamIds.get(s.slug)! }).where(eq(users.id, s.userId)).run();
    for (const o of data.officers) {
      const [row] = tx
        .insert(officers)
        .values({
          slug: o.slug,
          name: o.name,
          role: o.role as (typeof OFFICER_ROLES)[number],
          collarNumber: o.collar_number || null,
          teamId: teamIds.get(o.team_slug)!,
          email: o.email || null,
          bio: o.bio ?? "",
        })
        .returning({ id: officers.id })
        .all();
      for (const wardCode of splitList(o.ward_codes)) tx.insert(officerWards).values({ officerId: row!.id, wardCode }).run();
    }
    for (const e of data.events) {
      tx.insert(events)
        .values({
          type: e.type as (typeof EVENT_TYPES)[number],
          teamId: teamIds.get(e.team_slug)!,
          wardCode: e.ward_code || null,
          title: e.title,
          venue: e.venue,
          address: e.address ?? "",
          lat: e.lat ? Number(e.lat) : null,
          lng: e.lng ? Number(e.lng) : null,
          startsAt: new Date(e.starts_at),
          endsAt: new Date(e.ends_at),
        })
        .run();
    }
    const priorityIds = new Map<string, number>();
    for (const p of data.priorities) {
      const [row] = tx
        .insert(priorities)
        .values({
          wardCode: p.ward_code,
          rank: Number(p.rank),
          theme: p.theme as (typeof PRIORITY_THEMES)[number],
          title: p.title,
          detail: p.detail ?? "",
          agreedOn: p.agreed_on,
          status: p.status as "active" | "closed",
          outcome: p.outcome || null,
          closedOn: p.closed_on || null,
        })
        .returning({ id: priorities.id })
        .all();
      priorityIds.set(p.ref, row!.id);
    }
    for (const u of data.updates) {
      tx.insert(priorityUpdates)
        .values({
          priorityId: priorityIds.get(u.priority_ref)!,
          month: u.month,
          actionTaken: u.action_taken,
          partners: u.partners ?? "",
          status: u.status as (typeof UPDATE_STATUSES)[number],
          nextStep: u.next_step ?? "",
          publishedAt: new Date(u.published_at),
        })
        .run();
    }
  });
  return {
    teams: data.teams.length,
    officers: data.officers.length,
    events: data.events.length,
    priorities: data.priorities.length,
    updates: data.updates.length,
  };
}

/** Write rows as CSV with the given columns, quoting where needed. */
export function toCsv(columns: readonly string[], rows: Record<string, string | number | null | undefined>[]): string {
  const cell = (v: string | number | null | undefined) => {
    const s = v == null ? "" : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [columns.join(","), ...rows.map((r) => columns.map((c) => cell(r[c])).join(","))].join("\n") + "\n";
}
