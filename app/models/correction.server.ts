// Putting mistakes right after publishing: withdraw an update posted by mistake,
// move one to the priority it was meant for, correct a closed priority's outcome,
// reopen a priority closed by mistake. Residents see a short dated note; the
// earlier wording stays in the update's versions and in the audit log.
import { and, eq, isNull } from "drizzle-orm";
import { priorities, priorityUpdates, priorityUpdateVersions } from "../../db/schema";
import { getDb } from "~/lib/db.server";
import { formatDate, formatMonth, ukDate } from "~/lib/format";
import { assertTeamPermission, NotPermittedError, type Actor } from "~/lib/permissions";
import type { FieldError, Outcome } from "~/lib/vocabulary";
import { recordAudit } from "./audit.server";
import { findPriority, findUpdate, staleMessage } from "./priority.server";

/** How long after closing a priority it can be reopened as a mistake; after that, agree it again at a PACT meeting. */
export const REOPEN_DAYS = 30;

const refuse = (field: string, message: string): { ok: false; errors: FieldError[] } => ({ ok: false, errors: [{ field, message }] });

type Tx = Parameters<Parameters<ReturnType<typeof getDb>["transaction"]>[0]>[0];

function keepVersion(tx: Tx, actor: Actor, before: typeof priorityUpdates.$inferSelect, now: Date) {
  tx.insert(priorityUpdateVersions)
    .values({ updateId: before.id, actionTaken: before.actionTaken, partners: before.partners, status: before.status, nextStep: before.nextStep, internalNote: before.internalNote, replacedAt: now, replacedBy: actor.id })
    .run();
}

function loadUpdate(actor: Actor | null, updateId: number) {
  const found = findUpdate(updateId);
  if (!found) throw new NotPermittedError("That update does not exist.");
  assertTeamPermission(actor, "edit:priorities", found.teamId);
  return found;
}

/** Take an update off the public page. Residents see only that the month's update was withdrawn, and when. */
export function withdrawUpdate(actor: Actor | null, updateId: number, input: { version?: number }, now = new Date()): Outcome<{ wardCode: string }> {
  const found = loadUpdate(actor, updateId);
  const before = found.update;
  if (before.withdrawnAt) return refuse("withdraw", `This update was already withdrawn on ${formatDate(before.withdrawnAt)}`);
  const stale = staleMessage("update", updateId, input.version, before, `“${before.actionTaken}”`);
  if (stale) return refuse("withdraw", stale);
  getDb().transaction((tx) => {
    keepVersion(tx, actor!, before, now);
    tx.update(priorityUpdates).set({ withdrawnAt: now, version: before.version + 1 }).where(eq(priorityUpdates.id, updateId)).run();
    recordAudit(tx, { actor, action: "update.withdraw", subjectType: "update", subjectId: updateId, wardCode: found.priority.wardCode, teamId: found.teamId, before, after: { ...before, withdrawnAt: now }, at: now });
  });
  return { ok: true, value: { wardCode: found.priority.wardCode } };
}

/** The team's other priorities an update could be moved to: same ward, agreed by the update's month, without one for that month. */
export function listMoveTargets(actor: Actor | null, updateId: number) {
  const found = loadUpdate(actor, updateId);
  const db = getDb();
  const taken = new Set(
    db
      .select({ priorityId: priorityUpdates.priorityId })
      .from(priorityUpdates)
      .where(and(eq(priorityUpdates.month, found.update.month), isNull(priorityUpdates.withdrawnAt)))
      .all()
      .map((r) => r.priorityId),
  );
  return db
    .select({ id: priorities.id, rank: priorities.rank, title: priorities.title, status: priorities.status, agreedOn: priorities.agreedOn })
    .from(priorities)
    .where(eq(priorities.wardCode, found.priority.wardCode))
    .all()
    .filter((p) => p.id !== found.priority.id && !taken.has(p.id) && p.agreedOn.slice(0, 7) <= found.update.month);
}

/** Move an update posted on the wrong priority to the right one (in the same ward). Residents see it there, marked corrected. */
export function moveUpdate(actor: Actor | null, updateId: number, input: { toPriorityId: number; version?: number }, now = new Date()): Outcome<{ wardCode: string }> {
  const found = loadUpdate(actor, updateId);
  const before = found.update;
  const stale = staleMessage("update", updateId, input.version, before, `“${before.actionTaken}”`);
  if (stale) return refuse("toPriorityId", stale);
  if (before.withdrawnAt) return refuse("toPriorityId", "A withdrawn update cannot be moved");
  const target = findPriority(input.toPriorityId);
  if (!target || target.priority.wardCode !== found.priority.wardCode) return refuse("toPriorityId", "Choose one of this ward's other priorities");
  if (!listMoveTargets(actor, updateId).some((p) => p.id === target.priority.id)) {
    return refuse("toPriorityId", `“${target.priority.title}” already has an update for ${formatMonth(before.month)}, or was agreed after it. Choose another priority`);
  }
  getDb().transaction((tx) => {
    keepVersion(tx, actor!, before, now);
    tx.update(priorityUpdates).set({ priorityId: target.priority.id, revisedAt: now, version: before.version + 1 }).where(eq(priorityUpdates.id, updateId)).run();
    recordAudit(tx, {
      actor,
      action: "update.move",
      subjectType: "update",
      subjectId: updateId,
      wardCode: found.priority.wardCode,
      teamId: found.teamId,
      before: { ...before, priorityTitle: found.priority.title },
      after: { ...before, priorityId: target.priority.id, priorityTitle: target.priority.title, revisedAt: now },
      at: now,
    });
  });
  return { ok: true, value: { wardCode: found.priority.wardCode } };
}

function loadPriority(actor: Actor | null, priorityId: number) {
  const found = findPriority(priorityId);
  if (!found) throw new NotPermittedError("That priority does not exist.");
  assertTeamPermission(actor, "edit:priorities", found.teamId);
  return found;
}

/** Fix the outcome text of a closed priority. Residents see "corrected on …"; the earlier text stays in the audit log. */
export function correctOutcome(actor: Actor | null, priorityId: number, input: { outcome: string; version?: number }, now = new Date()): Outcome<null> {
  const found = loadPriority(actor, priorityId);
  const before = found.priority;
  if (before.status !== "closed") return refuse("outcome", "This priority is not closed, so it has no outcome to correct");
  const stale = staleMessage("priority", priorityId, input.version, before, `“${before.outcome ?? ""}”`);
  if (stale) return refuse("outcome", stale);
  if (input.outcome === before.outcome) return refuse("outcome", "The outcome is unchanged. Change it, or go back");
  const change = { outcome: input.outcome, correctedAt: now, version: before.version + 1 };
  getDb().transaction((tx) => {
    tx.update(priorities).set(change).where(eq(priorities.id, priorityId)).run();
    recordAudit(tx, { actor, action: "priority.correct-outcome", subjectType: "priority", subjectId: priorityId, wardCode: before.wardCode, teamId: found.teamId, before, after: { ...before, ...change }, at: now });
  });
  return { ok: true, value: null };
}

/** Whether a closed priority may still be reopened as a mistake, and until when. */
export function reopenDeadline(closedOn: string): string {
  const d = new Date(`${closedOn}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + REOPEN_DAYS);
  return d.toISOString().slice(0, 10);
}

/** Reopen a priority closed by mistake, in its old slot, within REOPEN_DAYS of closing. */
export function reopenPriority(actor: Actor | null, priorityId: number, input: { version?: number }, now = new Date()): Outcome<null> {
  const found = loadPriority(actor, priorityId);
  const before = found.priority;
  if (before.status !== "closed" || !before.closedOn) return refuse("reopen", "This priority is not closed");
  const stale = staleMessage("priority", priorityId, input.version, before, `“${before.title}”`);
  if (stale) return refuse("reopen", stale);
  if (ukDate(now) > reopenDeadline(before.closedOn)) {
    return refuse("reopen", `A priority can be reopened only within ${REOPEN_DAYS} days of closing (this one closed on ${formatDate(before.closedOn)}). To take it up again, agree it at the next PACT meeting`);
  }
  const db = getDb();
  const holder = db.select().from(priorities).where(and(eq(priorities.wardCode, before.wardCode), eq(priorities.rank, before.rank), eq(priorities.status, "active"))).get();
  if (holder) return refuse("reopen", `Slot ${before.rank} now holds “${holder.title}”. It can be reopened only while its slot is empty`);
  const change = { status: "active" as const, outcome: null, closedOn: null, correctedAt: now, version: before.version + 1 };
  db.transaction((tx) => {
    tx.update(priorities).set(change).where(eq(priorities.id, priorityId)).run();
    recordAudit(tx, { actor, action: "priority.reopen", subjectType: "priority", subjectId: priorityId, wardCode: before.wardCode, teamId: found.teamId, before, after: { ...before, ...change }, at: now });
  });
  return { ok: true, value: null };
}
