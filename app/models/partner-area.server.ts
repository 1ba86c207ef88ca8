// A partner account's area: the districts its organisation works in. An administrator
// sets it; the partner's dashboard shows its wards, and staff-only notes are read by a
// partner only in wards inside it (docs/decisions/015-staff-notes-readership.md).
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { districts, priorities, priorityUpdates, teams, teamWards, userDistricts, users, wards } from "../../db/schema";
import { getDb } from "~/lib/db.server";
import { assertPermission, NotPermittedError, type Actor } from "~/lib/permissions";
import type { Outcome } from "~/lib/vocabulary";
import { recordAudit } from "./audit.server";

/** The district codes of an account's area, by name. */
export function areaOf(userId: string): { code: string; name: string }[] {
  return getDb()
    .select({ code: districts.code, name: districts.name })
    .from(userDistricts)
    .innerJoin(districts, eq(districts.code, userDistricts.districtCode))
    .where(eq(userDistricts.userId, userId))
    .orderBy(asc(districts.name))
    .all();
}

/**
 * May this person read the staff-only notes of a ward in this district? Administrators
 * and editors everywhere; a partner inside their area only (none until it is set).
 */
export function mayReadNotesIn(actor: Pick<Actor, "id" | "role"> | null, districtCode: string): boolean {
  if (!actor) return false;
  if (actor.role !== "partner") return actor.role === "admin" || actor.role === "editor";
  return !!getDb()
    .select({ code: userDistricts.districtCode })
    .from(userDistricts)
    .where(and(eq(userDistricts.userId, actor.id), eq(userDistricts.districtCode, districtCode)))
    .get();
}

export function listDistrictChoices() {
  return getDb().select({ code: districts.code, name: districts.name }).from(districts).orderBy(asc(districts.name)).all();
}

/** Set a partner's area. Only administrators; only partner accounts have one. */
export function setPartnerArea(actor: Actor | null, userId: string, codes: string[], now = new Date()): Outcome<null> {
  assertPermission(actor, "manage:staff");
  const account = getDb().select({ id: users.id, role: users.role }).from(users).where(eq(users.id, userId)).get();
  if (!account) throw new NotPermittedError("That account does not exist.");
  if (account.role !== "partner") return { ok: false, errors: [{ field: "districts", message: "Only partner accounts have an area" }] };
  const wanted = [...new Set(codes)].sort();
  const known = new Set(listDistrictChoices().map((d) => d.code));
  if (wanted.some((c) => !known.has(c))) return { ok: false, errors: [{ field: "districts", message: "Choose districts from the list" }] };
  const before = areaOf(userId).map((d) => d.code);
  if (before.join() === wanted.join()) return { ok: true, value: null };
  getDb().transaction((tx) => {
    tx.delete(userDistricts).where(eq(userDistricts.userId, userId)).run();
    if (wanted.length) tx.insert(userDistricts).values(wanted.map((districtCode) => ({ userId, districtCode }))).run();
    recordAudit(tx, { actor, action: "user.area", subjectType: "user", subjectId: userId, before: { districts: before }, after: { districts: wanted }, at: now });
  });
  return { ok: true, value: null };
}

/** A partner's dashboard: the wards of their area with this month's progress, and the latest updates published there. */
export function partnerDashboard(actor: Actor | null, month: string, recent = 10) {
  assertPermission(actor, "view:staff-area");
  const area = areaOf(actor.id);
  const codes = area.map((d) => d.code);
  if (codes.length === 0) return { area, wards: [], updates: [] };
  const db = getDb();
  const areaWards = db
    .select({
      code: wards.code,
      name: wards.name,
      districtCode: wards.districtCode,
      teamName: teams.name,
      active: sql<number>`count(distinct ${priorities.id})`.mapWith(Number),
      updatedThisMonth: sql<number>`count(distinct ${priorityUpdates.priorityId})`.mapWith(Number),
    })
    .from(wards)
    .leftJoin(teamWards, eq(teamWards.wardCode, wards.code))
    .leftJoin(teams, eq(teams.id, teamWards.teamId))
    .leftJoin(priorities, and(eq(priorities.wardCode, wards.code), eq(priorities.status, "active")))
    .leftJoin(priorityUpdates, and(eq(priorityUpdates.priorityId, priorities.id), eq(priorityUpdates.month, month), isNull(priorityUpdates.withdrawnAt)))
    .where(inArray(wards.districtCode, codes))
    .groupBy(wards.code)
    .orderBy(asc(wards.name))
    .all();
  const updates = db
    .select({
      id: priorityUpdates.id,
      month: priorityUpdates.month,
      actionTaken: priorityUpdates.actionTaken,
      status: priorityUpdates.status,
      publishedAt: priorityUpdates.publishedAt,
      priorityTitle: priorities.title,
      wardCode: wards.code,
      wardName: wards.name,
    })
    .from(priorityUpdates)
    .innerJoin(priorities, eq(priorities.id, priorityUpdates.priorityId))
    .innerJoin(wards, eq(wards.code, priorities.wardCode))
    .where(and(inArray(wards.districtCode, codes), isNull(priorityUpdates.withdrawnAt)))
    .orderBy(desc(priorityUpdates.publishedAt), desc(priorityUpdates.id))
    .limit(recent)
    .all();
  return { area, wards: areaWards, updates };
}
