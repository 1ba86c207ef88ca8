// A team's month: every active priority of the team's wards still owed this
// month's update, the drafts the team is writing (shared, never public), and
// publishing all the finished ones in one go.
import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import { auditEvents, priorities, priorityUpdates, teamWards, updateDrafts, users, wards } from "../../db/schema";
import { getDb } from "~/lib/db.server";
import { formatDate, ukMonth } from "~/lib/format";
import { assertTeamPermission, NotPermittedError, refusalMessage, type Actor } from "~/lib/permissions";
import type { FieldError } from "~/lib/vocabulary";
import { recordAudit } from "./audit.server";
import { updateRefusal, type UpdateInput, type UpdateStatus } from "./priority.server";

export interface DraftInput {
  actionTaken: string;
  partners: string;
  status: UpdateStatus | null;
  nextStep: string;
  internalNote: string;
}

/** One priority's part of the month form: what was typed, and the draft version the page showed (0: none). */
export interface MonthEntry {
  priorityId: number;
  draftVersion: number;
  input: DraftInput;
}

/** Someone else's text for the same priority, saved or published while this page was open. */
export interface Conflict {
  priorityId: number;
  kind: "draft" | "published";
  by: string;
  at: Date;
  theirs: DraftInput;
  /** The draft version to send back to overwrite theirs on purpose. */
  version: number;
}

export type MonthOutcome<T> = { ok: true; value: T } | { ok: false; errors: FieldError[]; conflicts: Conflict[] };

const FIELDS = ["actionTaken", "partners", "status", "nextStep", "internalNote"] as const;
const isBlank = (d: DraftInput) => !d.actionTaken && !d.partners && !d.nextStep && !d.internalNote;
const sameText = (a: DraftInput, b: DraftInput) => FIELDS.every((k) => (a[k] ?? null) === (b[k] ?? null));
const draftOf = (row: typeof updateDrafts.$inferSelect): DraftInput => ({
  actionTaken: row.actionTaken,
  partners: row.partners,
  status: row.status,
  nextStep: row.nextStep,
  internalNote: row.internalNote,
});

function teamPriorities(teamId: number) {
  return getDb()
    .select({ priority: priorities, wardName: wards.name })
    .from(priorities)
    .innerJoin(teamWards, eq(teamWards.wardCode, priorities.wardCode))
    .innerJoin(wards, eq(wards.code, priorities.wardCode))
    .where(and(eq(teamWards.teamId, teamId), eq(priorities.status, "active")))
    .orderBy(asc(wards.name), asc(priorities.rank))
    .all();
}

function draftsFor(priorityIds: number[], month: string) {
  if (priorityIds.length === 0) return [];
  return getDb()
    .select({ draft: updateDrafts, savedByName: users.name })
    .from(updateDrafts)
    .leftJoin(users, eq(users.id, updateDrafts.savedBy))
    .where(and(inArray(updateDrafts.priorityId, priorityIds), eq(updateDrafts.month, month)))
    .all();
}

/** The priorities' published updates (withdrawn ones left out), newest month first. */
function publishedUpdates(priorityIds: number[]) {
  if (priorityIds.length === 0) return [];
  return getDb()
    .select({ priorityId: priorityUpdates.priorityId, month: priorityUpdates.month, actionTaken: priorityUpdates.actionTaken, partners: priorityUpdates.partners, status: priorityUpdates.status, nextStep: priorityUpdates.nextStep })
    .from(priorityUpdates)
    .where(and(inArray(priorityUpdates.priorityId, priorityIds), isNull(priorityUpdates.withdrawnAt)))
    .orderBy(desc(priorityUpdates.month))
    .all();
}

/** Each priority's last update from before this month, from publishedUpdates' answer. */
function lastUpdateBefore(updates: ReturnType<typeof publishedUpdates>, month: string) {
  const last = new Map<number, (typeof updates)[number]>();
  for (const u of updates) if (u.month !== month && !last.has(u.priorityId)) last.set(u.priorityId, u);
  return last;
}

/**
 * The team's month, ward by ward: each active priority not yet updated this month,
 * with its last update (for reference and to prefill partners and progress) and the
 * team's draft, if someone has started one.
 */
export function listTeamMonth(actor: Actor | null, teamId: number, now = new Date()) {
  assertTeamPermission(actor, "edit:priorities", teamId);
  const month = ukMonth(now);
  const rows = teamPriorities(teamId);
  const ids = rows.map((r) => r.priority.id);
  const updates = publishedUpdates(ids);
  const updatedThisMonth = new Set(updates.filter((u) => u.month === month).map((u) => u.priorityId));
  const last = lastUpdateBefore(updates, month);
  const drafts = new Map(draftsFor(ids, month).map((d) => [d.draft.priorityId, d]));
  const items = rows.map(({ priority: p, wardName }) => {
    const d = drafts.get(p.id);
    return {
      id: p.id,
      rank: p.rank,
      title: p.title,
      theme: p.theme,
      wardCode: p.wardCode,
      wardName,
      done: updatedThisMonth.has(p.id),
      lastUpdate: last.get(p.id) ?? null,
      draft: d ? { ...draftOf(d.draft), version: d.draft.version, savedAt: d.draft.savedAt, savedByName: d.savedByName ?? "Someone" } : null,
    };
  });
  return { month, total: items.length, due: items.filter((i) => !i.done) };
}

type Tx = Parameters<Parameters<ReturnType<typeof getDb>["transaction"]>[0]>[0];

/** The team's active priority, or a refusal; ids from the form are checked, never trusted. */
function checkEntries(actor: Actor | null, teamId: number, entries: MonthEntry[]) {
  const found = new Map(teamPriorities(teamId).map((r) => [r.priority.id, r]));
  const ids = entries.map((e) => e.priorityId);
  const closed = ids.length
    ? getDb()
        .select({ id: priorities.id, title: priorities.title, closedOn: priorities.closedOn, wardCode: priorities.wardCode, teamId: teamWards.teamId })
        .from(priorities)
        .leftJoin(teamWards, eq(teamWards.wardCode, priorities.wardCode))
        .where(and(inArray(priorities.id, ids), eq(priorities.status, "closed")))
        .all()
    : [];
  const errors: FieldError[] = [];
  for (const e of entries) {
    if (found.has(e.priorityId)) continue;
    const gone = closed.find((c) => c.id === e.priorityId && c.teamId === teamId);
    // Not this team's (an id changed in the form): refused outright, as any other team's record is.
    if (!gone) throw new NotPermittedError(refusalMessage(actor));
    errors.push({
      field: `p${e.priorityId}-actionTaken`,
      message: `“${gone!.title}” was closed${gone!.closedOn ? ` on ${formatDate(gone!.closedOn)}` : ""} while you were writing, so it cannot have a new update. Your text is kept below: copy it if you need it`,
    });
  }
  return { found, errors };
}

/**
 * The page fills a priority's "partners" (and status) in from its last update. An entry
 * with nothing else written is not a draft: publishing or saving a page leaves no
 * "draft saved by …" on priorities nobody touched.
 */
function withoutPrefill(entries: MonthEntry[], month: string): MonthEntry[] {
  const untouched = entries.filter((e) => !e.input.actionTaken && !e.input.nextStep && !e.input.internalNote && e.input.partners);
  if (untouched.length === 0) return entries;
  const last = lastUpdateBefore(publishedUpdates(untouched.map((e) => e.priorityId)), month);
  return entries.map((e) =>
    untouched.includes(e) && last.has(e.priorityId) && (last.get(e.priorityId)!.partners ?? "") === e.input.partners ? { ...e, input: { ...e.input, partners: "", status: null } } : e,
  );
}

/** Write (or clear) one draft inside a transaction, checking it is the version the editor saw. */
function writeDraft(tx: Tx, actor: Actor, e: MonthEntry, month: string, now: Date): Conflict | null {
  const current = tx
    .select({ draft: updateDrafts, savedByName: users.name })
    .from(updateDrafts)
    .leftJoin(users, eq(users.id, updateDrafts.savedBy))
    .where(and(eq(updateDrafts.priorityId, e.priorityId), eq(updateDrafts.month, month)))
    .get();
  if (current && sameText(draftOf(current.draft), e.input)) return null;
  if ((current?.draft.version ?? 0) !== e.draftVersion && current && !(isBlank(e.input) && e.draftVersion === 0)) {
    return { priorityId: e.priorityId, kind: "draft", by: current.savedByName ?? "Someone", at: current.draft.savedAt, theirs: draftOf(current.draft), version: current.draft.version };
  }
  if (isBlank(e.input)) {
    // A draft whose text was all removed is no longer a draft. A blank form field over no draft changes nothing.
    if (current) tx.delete(updateDrafts).where(eq(updateDrafts.id, current.draft.id)).run();
    return null;
  }
  if (current) {
    tx.update(updateDrafts)
      .set({ ...e.input, savedAt: now, savedBy: actor.id, version: current.draft.version + 1 })
      .where(eq(updateDrafts.id, current.draft.id))
      .run();
  } else {
    tx.insert(updateDrafts)
      .values({ priorityId: e.priorityId, month, ...e.input, savedAt: now, savedBy: actor.id, version: 1 })
      .run();
  }
  return null;
}

/** Save the team's drafts. A draft a colleague changed since this page was loaded is not overwritten: both versions come back. */
export function saveMonthDrafts(actor: Actor | null, teamId: number, typed: MonthEntry[], now = new Date()): MonthOutcome<{ saved: number }> {
  assertTeamPermission(actor, "edit:priorities", teamId);
  const month = ukMonth(now);
  const entries = withoutPrefill(typed, month);
  const { errors } = checkEntries(actor, teamId, entries);
  const open = entries.filter((e) => !errors.some((x) => x.field === `p${e.priorityId}-actionTaken`));
  const conflicts: Conflict[] = [];
  getDb().transaction((tx) => {
    for (const e of open) {
      const c = writeDraft(tx, actor, e, month, now);
      if (c) conflicts.push(c);
    }
  });
  if (errors.length || conflicts.length) return { ok: false, errors: [...errors, ...conflicts.map(conflictError)], conflicts };
  return { ok: true, value: { saved: open.filter((e) => !isBlank(e.input)).length } };
}

export function conflictError(c: Conflict): FieldError {
  const verb = c.kind === "draft" ? "changed the draft" : "published this month's update";
  return { field: `p${c.priorityId}-actionTaken`, message: `${c.by} ${verb} for this priority while you were writing. Their version and yours are both shown: keep one and save again` };
}

/**
 * Publish every entry with “what the team did” filled in, as this month's update, all
 * or nothing; entries left unfinished are kept as drafts. Nothing typed is lost: a
 * priority closed meanwhile, or already updated by a colleague, is refused with the
 * text kept, and nothing is published until the editor has seen it.
 */
export function publishMonth(actor: Actor | null, teamId: number, typed: MonthEntry[], now = new Date()): MonthOutcome<{ published: number[]; drafts: number }> {
  assertTeamPermission(actor, "edit:priorities", teamId);
  const month = ukMonth(now);
  const entries = withoutPrefill(typed, month);
  const { found, errors } = checkEntries(actor, teamId, entries);
  const ready = entries.filter((e) => e.input.actionTaken && found.has(e.priorityId));
  if (ready.length === 0 && errors.length === 0) {
    return { ok: false, errors: [{ field: "form", message: `Write what the team did for at least one priority, then publish` }], conflicts: [] };
  }
  const conflicts: Conflict[] = [];
  const db = getDb();
  for (const e of ready) {
    const p = found.get(e.priorityId)!.priority;
    if (!e.input.status) errors.push({ field: `p${p.id}-status`, message: `Choose how “${p.title}” is going` });
    const refusal = updateRefusal(p, month, now);
    if (refusal) errors.push({ field: `p${p.id}-actionTaken`, message: refusal.message });
    const existing = db
      .select({ update: priorityUpdates })
      .from(priorityUpdates)
      .where(and(eq(priorityUpdates.priorityId, p.id), eq(priorityUpdates.month, month), isNull(priorityUpdates.withdrawnAt)))
      .get();
    if (existing) {
      const author = authorOf(existing.update.id);
      conflicts.push({ priorityId: p.id, kind: "published", by: author, at: existing.update.publishedAt, theirs: { ...existing.update }, version: e.draftVersion });
    }
  }
  if (errors.length || conflicts.length) return { ok: false, errors: [...errors, ...conflicts.map(conflictError)], conflicts };
  const published: number[] = [];
  let drafts = 0;
  db.transaction((tx) => {
    for (const e of entries) {
      const p = found.get(e.priorityId)!.priority;
      if (!e.input.actionTaken) {
        // Not finished: kept for the team as a draft (a draft changed meanwhile is left as the colleague saved it).
        if (!isBlank(e.input) && !writeDraft(tx, actor, e, month, now)) drafts++;
        continue;
      }
      const input: UpdateInput = { ...e.input, status: e.input.status! };
      const [row] = tx
        .insert(priorityUpdates)
        .values({ priorityId: p.id, month, ...input, publishedAt: now })
        .returning()
        .all();
      tx.delete(updateDrafts).where(and(eq(updateDrafts.priorityId, p.id), eq(updateDrafts.month, month))).run();
      recordAudit(tx, { actor, action: "update.publish", subjectType: "update", subjectId: row!.id, wardCode: p.wardCode, teamId, after: row, at: now });
      published.push(row!.id);
    }
  });
  return { ok: true, value: { published, drafts } };
}

/** Who published an update, from the audit log (the update row does not keep it). */
function authorOf(updateId: number): string {
  const row = getDb()
    .select({ name: users.name, label: auditEvents.actorLabel })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(and(eq(auditEvents.subjectType, "update"), eq(auditEvents.subjectId, String(updateId)), eq(auditEvents.action, "update.publish")))
    .get();
  return row?.name ?? row?.label ?? "A colleague";
}
