import { and, asc, count, desc, eq, gte, inArray, like, lt, or, sql, type SQL } from "drizzle-orm";
import { auditEvents, districts, events, officers, priorities, priorityUpdates, teams, teamWards, users, wards } from "../../db/schema";
import { dayRange, NO_FILTERS, type AuditFilters } from "~/lib/audit/filters";
import { actionLabel, describeChanges, SUBJECT_LABELS, type AuditChange, type AuditNames } from "~/lib/audit/labels";
import { formatMonth } from "~/lib/format";
import { getDb, type Db } from "~/lib/db.server";
import { assertPermission, type Actor } from "~/lib/permissions";

type Tx = Pick<Db, "insert">;

// Never written to the log, whatever record it appears in.
const SECRET_FIELDS = new Set(["passwordHash"]);

function snapshot(value: object | null | undefined): string | null {
  if (!value) return null;
  return JSON.stringify(value, (key, v) => (SECRET_FIELDS.has(key) ? undefined : v instanceof Date ? v.toISOString() : v));
}

export interface AuditInput {
  actor: { id: string; email?: string } | null;
  /** Who to name when there is no actor (default "command line"), e.g. "sign-in from 203.0.113.9". */
  actorLabel?: string;
  action: string;
  subjectType: string;
  subjectId: string | number;
  wardCode?: string | null;
  teamId?: number | null;
  before?: object | null;
  after?: object | null;
  at?: Date;
}

/** Add one entry. Called inside the same transaction as the change it describes. */
export function recordAudit(tx: Tx, e: AuditInput): void {
  tx.insert(auditEvents)
    .values({
      at: e.at ?? new Date(),
      actorId: e.actor?.id ?? null,
      actorLabel: e.actor ? (e.actor.email ?? e.actor.id) : (e.actorLabel ?? "command line"),
      action: e.action,
      subjectType: e.subjectType,
      subjectId: String(e.subjectId),
      wardCode: e.wardCode ?? null,
      teamId: e.teamId ?? null,
      before: snapshot(e.before),
      after: snapshot(e.after),
    })
    .run();
}

/** A signed-in person refused a page or a change (a 403), kept so administrators can see attempts beyond someone's role. */
export function recordRefusal(actor: { id: string; email?: string }, path: string, method: string, teamId: number | null = null): void {
  recordAudit(getDb(), { actor, action: "access.refused", subjectType: "page", subjectId: `${method} ${path}`.slice(0, 300), teamId });
}

export const AUDIT_PAGE_SIZE = 50;
/** The most rows one CSV export holds; narrow the filters for more. */
export const AUDIT_EXPORT_LIMIT = 50_000;

/** The conditions for a set of filters. A person matches what they did and what was done to their account (refused sign-ins included). */
function filterConditions(filters: AuditFilters): SQL | undefined {
  const { since, before } = dayRange(filters);
  const conditions: (SQL | undefined)[] = [];
  if (filters.area) conditions.push(like(auditEvents.action, `${filters.area.replace(/[%_\\]/g, "")}.%`));
  if (filters.person) conditions.push(or(eq(auditEvents.actorId, filters.person), and(eq(auditEvents.subjectType, "user"), eq(auditEvents.subjectId, filters.person))));
  if (filters.team !== null) {
    conditions.push(or(eq(auditEvents.teamId, filters.team), inArray(auditEvents.wardCode, getDb().select({ code: teamWards.wardCode }).from(teamWards).where(eq(teamWards.teamId, filters.team)))));
  }
  if (filters.ward) conditions.push(eq(auditEvents.wardCode, filters.ward));
  if (since) conditions.push(gte(auditEvents.at, since));
  if (before) conditions.push(lt(auditEvents.at, before));
  return conditions.length ? and(...conditions) : undefined;
}

/** The kinds of record in the log ("priority", "session" …), for the "What" filter. */
export function listAuditAreas(actor: Actor | null): string[] {
  assertPermission(actor, "view:audit-log");
  return getDb()
    .selectDistinct({ area: sql<string>`substr(${auditEvents.action}, 1, instr(${auditEvents.action}, '.') - 1)` })
    .from(auditEvents)
    .all()
    .map((r) => r.area)
    .filter(Boolean)
    .sort();
}

/** The choices the filters offer: every account, team and ward, by name. */
export function listAuditFilterChoices(actor: Actor | null) {
  assertPermission(actor, "view:audit-log");
  const db = getDb();
  return {
    people: db.select({ id: users.id, name: users.name, email: users.email }).from(users).orderBy(asc(users.name), asc(users.email)).all(),
    teams: db.select({ id: teams.id, name: teams.name }).from(teams).orderBy(asc(teams.name)).all(),
    wards: db
      .select({ code: wards.code, name: wards.name, district: districts.name })
      .from(wards)
      .innerJoin(districts, eq(districts.code, wards.districtCode))
      .orderBy(asc(wards.name), asc(districts.name))
      .all(),
  };
}

/** The priority ids held inside these entries' records (a monthly update's priorityId). */
function priorityIdsIn(rows: { before: string | null; after: string | null }[]): number[] {
  const found = new Set<number>();
  for (const r of rows) {
    for (const text of [r.before, r.after]) {
      if (!text?.includes('"priorityId"')) continue;
      try {
        const id: unknown = (JSON.parse(text) as { priorityId?: unknown }).priorityId;
        if (Number.isInteger(id)) found.add(id as number);
      } catch {
        // A record that is not JSON shows no names; describeChanges says nothing for it either.
      }
    }
  }
  return [...found];
}

function auditNames(priorityIds: number[] = []): AuditNames {
  const db = getDb();
  const record = <T,>(rows: T[], key: (r: T) => string, value: (r: T) => string) => Object.fromEntries(rows.map((r) => [key(r), value(r)]));
  return {
    teams: record(db.select({ id: teams.id, name: teams.name }).from(teams).all(), (r) => String(r.id), (r) => r.name),
    wards: record(db.select({ code: wards.code, name: wards.name }).from(wards).all(), (r) => r.code, (r) => r.name),
    districts: record(db.select({ code: districts.code, name: districts.name }).from(districts).all(), (r) => r.code, (r) => r.name),
    users: record(db.select({ id: users.id, name: users.name }).from(users).all(), (r) => r.id, (r) => r.name),
    priorities: priorityIds.length ? record(db.select({ id: priorities.id, title: priorities.title }).from(priorities).where(inArray(priorities.id, priorityIds)).all(), (r) => String(r.id), (r) => r.title) : {},
  };
}

/** What each entry is about, by name: the priority's title, the event's, the person's … */
function subjectNames(rows: { subjectType: string; subjectId: string }[], names: AuditNames): Map<string, string> {
  const db = getDb();
  const ids = (type: string) => [...new Set(rows.filter((r) => r.subjectType === type).map((r) => r.subjectId))];
  const numeric = (type: string) => ids(type).map(Number).filter(Number.isInteger);
  const found = new Map<string, string>();
  const put = (type: string, id: string | number, name: string) => found.set(`${type}:${id}`, name);
  const priorityIds = numeric("priority");
  if (priorityIds.length) for (const p of db.select({ id: priorities.id, title: priorities.title }).from(priorities).where(inArray(priorities.id, priorityIds)).all()) put("priority", p.id, p.title);
  const updateIds = numeric("update");
  if (updateIds.length) {
    for (const u of db.select({ id: priorityUpdates.id, month: priorityUpdates.month, title: priorities.title }).from(priorityUpdates).innerJoin(priorities, eq(priorities.id, priorityUpdates.priorityId)).where(inArray(priorityUpdates.id, updateIds)).all()) {
      put("update", u.id, `${formatMonth(u.month)}: ${u.title}`);
    }
  }
  const eventIds = numeric("event");
  if (eventIds.length) for (const e of db.select({ id: events.id, title: events.title }).from(events).where(inArray(events.id, eventIds)).all()) put("event", e.id, e.title);
  const officerIds = numeric("officer");
  if (officerIds.length) for (const o of db.select({ id: officers.id, name: officers.name }).from(officers).where(inArray(officers.id, officerIds)).all()) put("officer", o.id, o.name);
  for (const id of ids("team")) if (names.teams[id]) put("team", id, names.teams[id]);
  for (const id of ids("ward")) if (names.wards[id]) put("ward", id, names.wards[id]);
  for (const id of ids("user")) if (names.users[id]) put("user", id, names.users[id]);
  return found;
}

type AuditRow = {
  id: number;
  at: Date;
  actorLabel: string;
  actorName: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  wardCode: string | null;
  teamId: number | null;
  before: string | null;
  after: string | null;
};

/** An entry as people read it, on the page and in the export. */
export interface AuditEntry {
  id: number;
  at: string;
  who: string;
  whoDetail: string | null;
  action: string;
  actionLabel: string;
  subject: string;
  wardCode: string | null;
  wardName: string | null;
  teamName: string | null;
  changes: AuditChange[];
}

function readable(rows: AuditRow[]): AuditEntry[] {
  const names = auditNames(priorityIdsIn(rows));
  const subjects = subjectNames(rows, names);
  return rows.map((r) => {
    const kind = SUBJECT_LABELS[r.subjectType] ?? r.subjectType;
    const name = subjects.get(`${r.subjectType}:${r.subjectId}`);
    return {
      id: r.id,
      at: r.at.toISOString(),
      who: r.actorName ?? r.actorLabel,
      whoDetail: r.actorName && r.actorName !== r.actorLabel ? r.actorLabel : null,
      action: r.action,
      actionLabel: actionLabel(r.action),
      subject: r.subjectType === "page" ? `${kind}: ${r.subjectId}` : name ? `${kind}: ${name}` : r.subjectId === "unknown account" ? "No such account" : `${kind} ${r.subjectId}`,
      wardCode: r.wardCode,
      wardName: r.wardCode ? (names.wards[r.wardCode] ?? r.wardCode) : null,
      teamName: r.teamId !== null ? (names.teams[String(r.teamId)] ?? `Team ${r.teamId}`) : null,
      changes: describeChanges(r.before, r.after, names),
    };
  });
}

const auditColumns = {
  id: auditEvents.id,
  at: auditEvents.at,
  actorLabel: auditEvents.actorLabel,
  actorName: users.name,
  action: auditEvents.action,
  subjectType: auditEvents.subjectType,
  subjectId: auditEvents.subjectId,
  wardCode: auditEvents.wardCode,
  teamId: auditEvents.teamId,
  before: auditEvents.before,
  after: auditEvents.after,
};

/**
 * The log, newest first, for administrators only: it holds every account's actions,
 * client addresses and the words of hidden comments, so no other role reads it.
 */
export function listAuditEvents(actor: Actor | null, { page = 1, filters = NO_FILTERS }: { page?: number; filters?: AuditFilters } = {}) {
  assertPermission(actor, "view:audit-log");
  const db = getDb();
  const where = filterConditions(filters);
  const total = db.select({ n: count() }).from(auditEvents).where(where).get()?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const shown = Math.min(Math.max(1, page), pages);
  const rows = db
    .select(auditColumns)
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(where)
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(AUDIT_PAGE_SIZE)
    .offset((shown - 1) * AUDIT_PAGE_SIZE)
    .all();
  return { rows: readable(rows), total, pages, page: shown };
}

/** Every entry the filters show (up to the export limit), newest first, for the CSV download. */
export function exportAuditEvents(actor: Actor | null, filters: AuditFilters = NO_FILTERS): { entries: AuditEntry[]; truncated: boolean } {
  assertPermission(actor, "view:audit-log");
  const rows = getDb()
    .select(auditColumns)
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(filterConditions(filters))
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(AUDIT_EXPORT_LIMIT + 1)
    .all();
  return { entries: readable(rows.slice(0, AUDIT_EXPORT_LIMIT)), truncated: rows.length > AUDIT_EXPORT_LIMIT };
}

/** Entries about one record, oldest first (used in tests and the staff pages' history). */
export function listAuditEventsFor(subjectType: string, subjectId: string | number) {
  return getDb()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectType, subjectType), eq(auditEvents.subjectId, String(subjectId))))
    .orderBy(auditEvents.id)
    .all();
}

/** The latest change to a record, with who made it: to tell an editor what happened while their form was open. */
export function lastChangeOf(subjectType: string, subjectId: string | number) {
  return (
    getDb()
      .select({ action: auditEvents.action, at: auditEvents.at, name: users.name, label: auditEvents.actorLabel })
      .from(auditEvents)
      .leftJoin(users, eq(users.id, auditEvents.actorId))
      .where(and(eq(auditEvents.subjectType, subjectType), eq(auditEvents.subjectId, String(subjectId))))
      .orderBy(desc(auditEvents.id))
      .limit(1)
      .get() ?? null
  );
}
