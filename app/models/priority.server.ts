import type { FieldError, Outcome } from "~/lib/vocabulary";
import { and, asc, count, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { PRIORITY_THEMES, UPDATE_STATUSES } from "~/lib/vocabulary";
import { priorities, priorityUpdates, priorityUpdateVersions, teamWards, users, wards } from "../../db/schema";
import { previousMonth, ukDate } from "~/lib/dates";
import { getDb, prepared } from "~/lib/db.server";
import type { WardProgress } from "~/lib/due";
import { formatDate, formatMonth, formatSavedAt, ukMonth } from "~/lib/format";
import { assertPermission, assertTeamPermission, NotPermittedError, type Actor } from "~/lib/permissions";
import { lastChangeOf, recordAudit } from "./audit.server";
import { mayReadNotesIn } from "./partner-area.server";
import { findTeamIdOfWard, findWard } from "./ward.server";
import { recordWardChange } from "./ward-change.server";

export type PriorityWithHistory = ReturnType<typeof listPrioritiesForWard>[number];
export type Theme = (typeof PRIORITY_THEMES)[number];
export type UpdateStatus = (typeof UPDATE_STATUSES)[number];

/** A change refused for a reason the person can fix, with the field to fix. */
const refuse = (field: string, message: string): { ok: false; errors: FieldError[] } => ({ ok: false, errors: [{ field, message }] });

// What residents see of a monthly update: everything except the staff-only note.
const publicUpdateColumns = {
  id: priorityUpdates.id,
  priorityId: priorityUpdates.priorityId,
  month: priorityUpdates.month,
  actionTaken: priorityUpdates.actionTaken,
  partners: priorityUpdates.partners,
  status: priorityUpdates.status,
  nextStep: priorityUpdates.nextStep,
  publishedAt: priorityUpdates.publishedAt,
  revisedAt: priorityUpdates.revisedAt,
  withdrawnAt: priorityUpdates.withdrawnAt,
};

const prioritiesOfWard = prepared((db) =>
  db
    .select()
    .from(priorities)
    .where(eq(priorities.wardCode, sql.placeholder("wardCode")))
    .orderBy(asc(priorities.status), asc(priorities.rank), desc(priorities.closedOn))
    .prepare(),
);

const updatesOfWard = prepared((db) =>
  db
    .select(publicUpdateColumns)
    .from(priorityUpdates)
    .innerJoin(priorities, eq(priorities.id, priorityUpdates.priorityId))
    .where(eq(priorities.wardCode, sql.placeholder("wardCode")))
    .orderBy(desc(priorityUpdates.month))
    .prepare(),
);

/**
 * A ward's PACT priorities: the active ones by rank, then closed ones (newest
 * first), each with its monthly updates newest first and its last-updated date.
 */
export function listPrioritiesForWard(wardCode: string) {
  const rows = prioritiesOfWard().all({ wardCode });
  // A withdrawn update keeps its place and date, never its words.
  const updates = updatesOfWard()
    .all({ wardCode })
    .map((u) => (u.withdrawnAt ? { ...u, actionTaken: "", partners: "", nextStep: "" } : u));
  return rows.map((p) => {
    const history = updates.filter((u) => u.priorityId === p.id);
    const lastUpdated = history.filter((u) => !u.withdrawnAt).reduce<Date | null>((latest, u) => {
      const at = u.revisedAt && u.revisedAt > u.publishedAt ? u.revisedAt : u.publishedAt;
      return !latest || at > latest ? at : latest;
    }, null);
    return { ...p, updates: history, lastUpdated };
  });
}

/**
 * The same, with the staff-only notes and how many earlier wordings each update has. For
 * signed-in staff and partners; a partner gets the notes only in a ward of their area.
 */
export function listPrioritiesForStaff(actor: Actor | null, wardCode: string) {
  assertPermission(actor, "view:staff-notes");
  const ward = findWard(wardCode);
  const notesShown = !!ward && mayReadNotesIn(actor, ward.districtCode);
  const notes = getDb()
    .select({ id: priorityUpdates.id, internalNote: priorityUpdates.internalNote, versions: count(priorityUpdateVersions.id) })
    .from(priorityUpdates)
    .innerJoin(priorities, eq(priorities.id, priorityUpdates.priorityId))
    .leftJoin(priorityUpdateVersions, eq(priorityUpdateVersions.updateId, priorityUpdates.id))
    .where(eq(priorities.wardCode, wardCode))
    .groupBy(priorityUpdates.id)
    .all();
  const byId = new Map(notes.map((n) => [n.id, n]));
  return listPrioritiesForWard(wardCode).map((p) => ({
    ...p,
    updates: p.updates.map((u) => ({ ...u, internalNote: notesShown ? (byId.get(u.id)?.internalNote ?? "") : "", versions: byId.get(u.id)?.versions ?? 0 })),
  }));
}

/** A priority with the ward and team it belongs to, or null. */
export function findPriority(id: number) {
  return (
    getDb()
      .select({ priority: priorities, wardName: wards.name, teamId: teamWards.teamId })
      .from(priorities)
      .innerJoin(wards, eq(wards.code, priorities.wardCode))
      .leftJoin(teamWards, eq(teamWards.wardCode, priorities.wardCode))
      .where(eq(priorities.id, id))
      .get() ?? null
  );
}

export function findUpdate(id: number) {
  return (
    getDb()
      .select({ update: priorityUpdates, priority: priorities, wardName: wards.name, teamId: teamWards.teamId })
      .from(priorityUpdates)
      .innerJoin(priorities, eq(priorities.id, priorityUpdates.priorityId))
      .innerJoin(wards, eq(wards.code, priorities.wardCode))
      .leftJoin(teamWards, eq(teamWards.wardCode, priorities.wardCode))
      .where(eq(priorityUpdates.id, id))
      .get() ?? null
  );
}

/** Earlier wordings of an update, newest first, with who replaced each. */
export function listUpdateVersions(actor: Actor | null, updateId: number) {
  assertPermission(actor, "view:staff-notes");
  return getDb()
    .select({ version: priorityUpdateVersions, replacedByName: users.name })
    .from(priorityUpdateVersions)
    .leftJoin(users, eq(users.id, priorityUpdateVersions.replacedBy))
    .where(eq(priorityUpdateVersions.updateId, updateId))
    .orderBy(desc(priorityUpdateVersions.replacedAt), desc(priorityUpdateVersions.id))
    .all();
}

export interface NewPriority {
  theme: Theme;
  title: string;
  detail: string;
}

/** The priority a form showed in a slot (null: the slot was empty), so a change made meanwhile is caught. */
export type SlotSeen = { id: number; version: number } | null;

export type PactSlot = { rank: number; basedOn?: SlotSeen } & (
  | { action: "keep" }
  | { action: "empty" }
  | { action: "add"; priority: NewPriority }
  | { action: "replace"; outcome: string; priority: NewPriority }
);

/** How a slot changed since the form was loaded, in words, with both versions; null if it did not. */
function slotChange(rank: number, seen: SlotSeen, current: { id: number; version: number; title: string } | undefined): string | null {
  if (seen === null ? !current : current && current.id === seen.id && current.version === seen.version) return null;
  const was = seen ? findPriority(seen.id)?.priority : null;
  const change = seen ? lastChangeOf("priority", seen.id) : current ? lastChangeOf("priority", current.id) : null;
  const who = change ? `${change.name ?? change.label} changed it at ${formatSavedAt(change.at)}` : "It was changed";
  const before = was ? `“${was.title}”` : "empty";
  const now = current ? `“${current.title}”` : "empty";
  return `Slot ${rank} changed while you were filling in this form. ${who}. You saw: ${before}. Now: ${now}. Check slot ${rank} and save again; what you typed is kept`;
}

/**
 * After a PACT meeting: for each of the three slots, keep the priority, close it
 * with its outcome and agree a new one, or fill an empty slot. All or nothing.
 */
export function recordPactMeeting(actor: Actor | null, wardCode: string, input: { meetingDate: string; slots: PactSlot[] }, now = new Date()): Outcome<{ added: number[]; closed: number[] }> {
  const teamId = findTeamIdOfWard(wardCode);
  assertTeamPermission(actor, "edit:priorities", teamId);
  if (input.meetingDate > ukDate(now)) return refuse("meeting-day", "The date of the PACT meeting must be today or in the past");
  if (input.meetingDate < ukDate(new Date(now.getTime() - 366 * 24 * 3600 * 1000))) return refuse("meeting-day", "The date of the PACT meeting must be within the last 12 months");
  const db = getDb();
  const active = db.select().from(priorities).where(and(eq(priorities.wardCode, wardCode), eq(priorities.status, "active"))).all();
  const errors: FieldError[] = [];
  const ranks = new Set<number>();
  for (const slot of input.slots) {
    const current = active.find((p) => p.rank === slot.rank);
    if (slot.rank < 1 || slot.rank > 3 || ranks.has(slot.rank)) errors.push({ field: "form", message: "A ward has three priority slots, numbered 1 to 3" });
    ranks.add(slot.rank);
    const stale = slot.basedOn === undefined ? null : slotChange(slot.rank, slot.basedOn, current);
    if (stale) {
      errors.push({ field: `slot${slot.rank}-action`, message: stale });
      continue;
    }
    if ((slot.action === "keep" || slot.action === "replace") && !current) {
      errors.push({ field: `slot${slot.rank}-action`, message: `Slot ${slot.rank} has no active priority to keep or replace. Reload the page and try again` });
    }
    if (slot.action === "add" && current) {
      errors.push({
        field: `slot${slot.rank}-action`,
        message: `Slot ${slot.rank} already has an active priority (“${current.title}”). A ward can have at most three: close it or choose to replace it`,
      });
    }
    if (slot.action === "replace" && current && input.meetingDate < current.agreedOn) {
      errors.push({ field: "meeting-day", message: `The meeting date must be on or after ${formatDate(current.agreedOn)}, when the priority in slot ${slot.rank} was agreed` });
    }
  }
  if (errors.length) return { ok: false, errors };

  const added: number[] = [];
  const closed: number[] = [];
  db.transaction((tx) => {
    for (const slot of input.slots) {
      if (slot.action === "replace") {
        const current = active.find((p) => p.rank === slot.rank)!;
        const after = { ...current, status: "closed" as const, outcome: slot.outcome, closedOn: input.meetingDate };
        tx.update(priorities).set({ status: "closed", outcome: slot.outcome, closedOn: input.meetingDate, version: current.version + 1 }).where(eq(priorities.id, current.id)).run();
        recordAudit(tx, { actor, action: "priority.close", subjectType: "priority", subjectId: current.id, wardCode, teamId, before: current, after, at: now });
        recordWardChange(tx, { kind: "priority_closed", wardCode, teamId, subjectId: current.id, at: now, details: { title: current.title, outcome: slot.outcome, closedOn: input.meetingDate } });
        closed.push(current.id);
      }
    }
    for (const slot of input.slots) {
      if (slot.action === "add" || slot.action === "replace") {
        const values = { wardCode, rank: slot.rank, ...slot.priority, agreedOn: input.meetingDate, status: "active" as const };
        const [row] = tx.insert(priorities).values(values).returning().all();
        recordAudit(tx, { actor, action: "priority.create", subjectType: "priority", subjectId: row!.id, wardCode, teamId, after: row, at: now });
        recordWardChange(tx, { kind: "priority_agreed", wardCode, teamId, subjectId: row!.id, at: now, details: { title: row!.title, detail: row!.detail, agreedOn: row!.agreedOn } });
        added.push(row!.id);
      }
    }
    // A meeting that kept every priority is still on record.
    if (added.length === 0) recordAudit(tx, { actor, action: "ward.pact-meeting", subjectType: "ward", subjectId: wardCode, wardCode, teamId, after: { meetingDate: input.meetingDate, kept: input.slots.filter((s) => s.action === "keep").map((s) => s.rank) }, at: now });
    const n = tx.select({ n: count() }).from(priorities).where(and(eq(priorities.wardCode, wardCode), eq(priorities.status, "active"))).get()?.n ?? 0;
    if (n > 3) throw new Error(`ward ${wardCode} would have ${n} active priorities`);
  });
  return { ok: true, value: { added, closed } };
}

/**
 * A form based on an older version of a record: who changed it and when, and what it
 * says now, so the editor can compare before saving again. Null if nothing changed.
 */
export function staleMessage(subjectType: "priority" | "update" | "event", id: number, seen: number | undefined, current: { version: number }, now: string): string | null {
  if (seen === undefined || seen === current.version) return null;
  const change = lastChangeOf(subjectType, id);
  const who = change ? `${change.name ?? change.label} changed it at ${formatSavedAt(change.at)}` : "Someone changed it";
  return `This ${subjectType} was changed while you were on this page: ${who}. It now reads: ${now}. What you typed is kept below; check it and save again`;
}

/** Correct the wording of an active priority (not its slot or date). */
export function editPriority(actor: Actor | null, priorityId: number, { version, ...input }: NewPriority & { version?: number }, now = new Date()): Outcome<null> {
  const found = findPriority(priorityId);
  if (!found) throw new NotPermittedError("That priority does not exist.");
  assertTeamPermission(actor, "edit:priorities", found.teamId);
  const before = found.priority;
  const stale = staleMessage("priority", priorityId, version, before, `“${before.title}”${before.status === "closed" ? " (closed)" : ""}`);
  if (stale) return refuse("title", stale);
  if (before.status !== "active") return refuse("title", "This priority is closed. Its wording is part of the ward's history and cannot be changed");
  getDb().transaction((tx) => {
    tx.update(priorities).set({ ...input, version: before.version + 1 }).where(eq(priorities.id, priorityId)).run();
    recordAudit(tx, { actor, action: "priority.edit", subjectType: "priority", subjectId: priorityId, wardCode: before.wardCode, teamId: found.teamId, before, after: { ...before, ...input }, at: now });
  });
  return { ok: true, value: null };
}

/** Close an active priority with its outcome for residents; its slot is then free. */
export function closePriority(actor: Actor | null, priorityId: number, input: { outcome: string; closedOn: string; version?: number }, now = new Date()): Outcome<null> {
  const found = findPriority(priorityId);
  if (!found) throw new NotPermittedError("That priority does not exist.");
  assertTeamPermission(actor, "edit:priorities", found.teamId);
  const before = found.priority;
  if (before.status !== "active") {
    const change = lastChangeOf("priority", priorityId);
    return refuse("outcome", `This priority has already been closed${change ? ` by ${change.name ?? change.label} at ${formatSavedAt(change.at)}` : ""}, with the outcome: “${before.outcome ?? ""}”. Your outcome is kept below`);
  }
  const stale = staleMessage("priority", priorityId, input.version, before, `“${before.title}”`);
  if (stale) return refuse("outcome", stale);
  if (input.closedOn > ukDate(now)) return refuse("closedOn-day", "The date it was closed must be today or in the past");
  if (input.closedOn < before.agreedOn) return refuse("closedOn-day", `The date it was closed must be on or after ${formatDate(before.agreedOn)}, when it was agreed`);
  const change = { status: "closed" as const, outcome: input.outcome, closedOn: input.closedOn, version: before.version + 1 };
  getDb().transaction((tx) => {
    tx.update(priorities).set(change).where(eq(priorities.id, priorityId)).run();
    recordAudit(tx, { actor, action: "priority.close", subjectType: "priority", subjectId: priorityId, wardCode: before.wardCode, teamId: found.teamId, before, after: { ...before, ...change }, at: now });
    recordWardChange(tx, { kind: "priority_closed", wardCode: before.wardCode, teamId: found.teamId, subjectId: priorityId, at: now, details: { title: before.title, outcome: input.outcome, closedOn: input.closedOn } });
  });
  return { ok: true, value: null };
}

export interface UpdateInput {
  actionTaken: string;
  partners: string;
  status: UpdateStatus;
  nextStep: string;
  internalNote: string;
}

/** The months an update may be published for: this UK month, or last month if it is late. */
export function publishableMonths(now = new Date()): [string, string] {
  const month = ukMonth(now);
  return [month, previousMonth(month)];
}

/** The months an update could still be published for on this priority: never one that would be refused. */
export function openUpdateMonths(p: { id: number; agreedOn: string; status: string }, now = new Date()): string[] {
  if (p.status !== "active") return [];
  const taken = getDb()
    .select({ month: priorityUpdates.month })
    .from(priorityUpdates)
    .where(and(eq(priorityUpdates.priorityId, p.id), isNull(priorityUpdates.withdrawnAt)))
    .all()
    .map((u) => u.month);
  return publishableMonths(now).filter((m) => m >= p.agreedOn.slice(0, 7) && !taken.includes(m));
}

/** The next active priority of a ward still owed this month's update, to land on after saving. */
export function nextDueInWard(wardCode: string, now = new Date()): number | null {
  const month = ukMonth(now);
  const rows = getDb()
    .select({ id: priorities.id, updated: priorityUpdates.id })
    .from(priorities)
    .leftJoin(priorityUpdates, and(eq(priorityUpdates.priorityId, priorities.id), eq(priorityUpdates.month, month), isNull(priorityUpdates.withdrawnAt)))
    .where(and(eq(priorities.wardCode, wardCode), eq(priorities.status, "active")))
    .orderBy(asc(priorities.rank))
    .all();
  return rows.find((r) => r.updated === null)?.id ?? null;
}

/** Why a priority cannot have an update for this month, or null if it can. */
export function updateRefusal(p: { status: string; agreedOn: string }, month: string, now = new Date()): FieldError | null {
  if (p.status !== "active") return { field: "actionTaken", message: "This priority has been closed, so it cannot have a new monthly update" };
  const [thisMonth, lastMonth] = publishableMonths(now);
  if (month !== thisMonth && month !== lastMonth) {
    return { field: "month", message: `Choose ${formatMonth(thisMonth)} or, if the update is late, ${formatMonth(lastMonth)}` };
  }
  if (month < p.agreedOn.slice(0, 7)) {
    return { field: "month", message: `This priority was agreed on ${formatDate(p.agreedOn)}, so it cannot have an update for ${formatMonth(month)}` };
  }
  return null;
}

/** Publish the month's update on an active priority. One per priority per month. */
export function publishUpdate(actor: Actor | null, priorityId: number, input: UpdateInput & { month: string }, now = new Date()): Outcome<{ id: number }> {
  const found = findPriority(priorityId);
  if (!found) throw new NotPermittedError("That priority does not exist.");
  assertTeamPermission(actor, "edit:priorities", found.teamId);
  const p = found.priority;
  const refusal = updateRefusal(p, input.month, now);
  if (refusal) return { ok: false, errors: [refusal] };
  const db = getDb();
  const existing = db
    .select({ id: priorityUpdates.id })
    .from(priorityUpdates)
    .where(and(eq(priorityUpdates.priorityId, priorityId), eq(priorityUpdates.month, input.month), isNull(priorityUpdates.withdrawnAt)))
    .get();
  if (existing) return refuse("month", `There is already an update for ${formatMonth(input.month)}. Edit that update instead`);
  const id = db.transaction((tx) => {
    const [row] = tx
      .insert(priorityUpdates)
      .values({ priorityId, ...input, publishedAt: now })
      .returning()
      .all();
    recordAudit(tx, { actor, action: "update.publish", subjectType: "update", subjectId: row!.id, wardCode: p.wardCode, teamId: found.teamId, after: row, at: now });
    const details = { priorityTitle: p.title, month: row!.month, actionTaken: row!.actionTaken, status: row!.status, nextStep: row!.nextStep };
    recordWardChange(tx, { kind: "update_published", wardCode: p.wardCode, teamId: found.teamId, subjectId: row!.id, at: now, details });
    return row!.id;
  });
  return { ok: true, value: { id } };
}

/** Correct a published update. The wording it replaces is kept as a version. */
export function editUpdate(actor: Actor | null, updateId: number, { version, ...input }: UpdateInput & { version?: number }, now = new Date()): Outcome<null> {
  const found = findUpdate(updateId);
  if (!found) throw new NotPermittedError("That update does not exist.");
  assertTeamPermission(actor, "edit:priorities", found.teamId);
  const before = found.update;
  if (before.withdrawnAt) return refuse("actionTaken", `This update was withdrawn on ${formatDate(before.withdrawnAt)}, so it cannot be corrected`);
  const stale = staleMessage("update", updateId, version, before, `“${before.actionTaken}”`);
  if (stale) return refuse("actionTaken", stale);
  const unchanged = (Object.keys(input) as (keyof UpdateInput)[]).every((k) => input[k] === before[k]);
  if (unchanged) return refuse("actionTaken", "Nothing has changed. Change the update, or go back");
  getDb().transaction((tx) => {
    tx.insert(priorityUpdateVersions)
      .values({
        updateId,
        actionTaken: before.actionTaken,
        partners: before.partners,
        status: before.status,
        nextStep: before.nextStep,
        internalNote: before.internalNote,
        replacedAt: now,
        replacedBy: actor!.id,
      })
      .run();
    tx.update(priorityUpdates)
      .set({ ...input, revisedAt: now, version: before.version + 1 })
      .where(eq(priorityUpdates.id, updateId))
      .run();
    recordAudit(tx, {
      actor,
      action: "update.edit",
      subjectType: "update",
      subjectId: updateId,
      wardCode: found.priority.wardCode,
      teamId: found.teamId,
      before,
      after: { ...before, ...input, revisedAt: now },
      at: now,
    });
  });
  return { ok: true, value: null };
}

/** Per ward of the given teams: how many active priorities, and how many have this month's update. */
export function listWardProgress(teamIds: number[], month: string): WardProgress[] {
  if (teamIds.length === 0) return [];
  const db = getDb();
  return db
    .select({
      wardCode: wards.code,
      wardName: wards.name,
      teamId: teamWards.teamId,
      active: sql<number>`count(${priorities.id})`.mapWith(Number),
      updatedThisMonth: sql<number>`count(${priorityUpdates.id})`.mapWith(Number),
    })
    .from(teamWards)
    .innerJoin(wards, eq(wards.code, teamWards.wardCode))
    .leftJoin(priorities, and(eq(priorities.wardCode, wards.code), eq(priorities.status, "active")))
    .leftJoin(priorityUpdates, and(eq(priorityUpdates.priorityId, priorities.id), eq(priorityUpdates.month, month), isNull(priorityUpdates.withdrawnAt)))
    .where(inArray(teamWards.teamId, teamIds))
    .groupBy(wards.code)
    .orderBy(asc(wards.name))
    .all();
}

