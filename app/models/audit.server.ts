import { and, count, desc, eq, like, sql } from "drizzle-orm";
import { auditEvents, users } from "../../db/schema";
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

/** The log, newest first, for administrators. `area` filters by the part before the dot ("priority", "user" …). */
export function listAuditEvents(actor: Actor | null, { page = 1, area }: { page?: number; area?: string } = {}) {
  assertPermission(actor, "view:audit-log");
  const db = getDb();
  const where = area ? like(auditEvents.action, `${area.replace(/[%_\\]/g, "")}.%`) : undefined;
  const total = db.select({ n: count() }).from(auditEvents).where(where).get()?.n ?? 0;
  const rows = db
    .select({
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
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(where)
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(AUDIT_PAGE_SIZE)
    .offset((Math.max(1, page) - 1) * AUDIT_PAGE_SIZE)
    .all();
  return { rows, total, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) };
}

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
