import type { FieldError, Outcome } from "~/lib/vocabulary";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { districts, officers, officerWards, teams, teamWards, wards } from "../../db/schema";
import { getDb, prepared } from "~/lib/db.server";
import { assertPermission, NotPermittedError, type Actor } from "~/lib/permissions";
import { recordAudit } from "./audit.server";

const teamColumns = {
  id: teams.id,
  slug: teams.slug,
  name: teams.name,
  email: teams.email,
  description: teams.description,
  districtCode: districts.code,
  districtName: districts.name,
  csuEmail: districts.csuEmail,
};

const findTeamStatement = prepared((db) =>
  db
    .select(teamColumns)
    .from(teams)
    .innerJoin(districts, eq(districts.code, teams.districtCode))
    .where(eq(teams.slug, sql.placeholder("slug")))
    .prepare(),
);

export function findTeamBySlug(slug: string) {
  return findTeamStatement().get({ slug }) ?? null;
}

export function listTeamsInDistrict(districtCode: string) {
  return getDb()
    .select({ ...teamColumns, wardCount: sql<number>`count(${teamWards.wardCode})`.mapWith(Number) })
    .from(teams)
    .innerJoin(districts, eq(districts.code, teams.districtCode))
    .leftJoin(teamWards, eq(teamWards.teamId, teams.id))
    .where(eq(teams.districtCode, districtCode))
    .groupBy(teams.id)
    .orderBy(asc(teams.name))
    .all();
}


export interface TeamInput {
  name: string;
  slug: string;
  districtCode: string;
  email: string | null;
  description: string;
}

export function findTeamById(id: number) {
  return (
    getDb()
      .select(teamColumns)
      .from(teams)
      .innerJoin(districts, eq(districts.code, teams.districtCode))
      .where(eq(teams.id, id))
      .get() ?? null
  );
}

/** Every team with its district and how many wards it covers, by district then name. */
export function listAllTeams() {
  return getDb()
    .select({ ...teamColumns, wardCount: sql<number>`count(${teamWards.wardCode})`.mapWith(Number) })
    .from(teams)
    .innerJoin(districts, eq(districts.code, teams.districtCode))
    .leftJoin(teamWards, eq(teamWards.teamId, teams.id))
    .groupBy(teams.id)
    .orderBy(asc(districts.name), asc(teams.name))
    .all();
}

function slugTaken(slug: string, exceptId?: number): boolean {
  const row = getDb().select({ id: teams.id }).from(teams).where(eq(teams.slug, slug)).get();
  return !!row && row.id !== exceptId;
}

export function createTeam(actor: Actor | null, input: TeamInput, now = new Date()): Outcome<{ id: number }> {
  assertPermission(actor, "manage:teams");
  if (slugTaken(input.slug)) return { ok: false, errors: [{ field: "slug", message: "Another team already has that web address. Choose a different one" }] };
  const id = getDb().transaction((tx) => {
    const [row] = tx.insert(teams).values(input).returning().all();
    recordAudit(tx, { actor, action: "team.create", subjectType: "team", subjectId: row!.id, teamId: row!.id, after: row, at: now });
    return row!.id;
  });
  return { ok: true, value: { id } };
}

export function editTeam(actor: Actor | null, teamId: number, input: TeamInput, now = new Date()): Outcome<null> {
  assertPermission(actor, "manage:teams");
  const before = getDb().select().from(teams).where(eq(teams.id, teamId)).get();
  if (!before) throw new NotPermittedError("That team does not exist.");
  if (slugTaken(input.slug, teamId)) return { ok: false, errors: [{ field: "slug", message: "Another team already has that web address. Choose a different one" }] };
  getDb().transaction((tx) => {
    tx.update(teams).set(input).where(eq(teams.id, teamId)).run();
    recordAudit(tx, { actor, action: "team.edit", subjectType: "team", subjectId: teamId, teamId, before, after: { ...before, ...input }, at: now });
  });
  return { ok: true, value: null };
}

/**
 * Set the wards a team covers. A ward taken from another team moves here (each
 * ward has one team), and officers stop covering wards their team has lost.
 */
export function setTeamWards(actor: Actor | null, teamId: number, wardCodes: string[], now = new Date()): Outcome<{ added: string[]; removed: string[] }> {
  assertPermission(actor, "manage:teams");
  const db = getDb();
  if (!db.select({ id: teams.id }).from(teams).where(eq(teams.id, teamId)).get()) throw new NotPermittedError("That team does not exist.");
  const wanted = [...new Set(wardCodes)];
  const known = wanted.length ? db.select({ code: wards.code }).from(wards).where(inArray(wards.code, wanted)).all().map((w) => w.code) : [];
  if (known.length !== wanted.length) return { ok: false, errors: [{ field: "wardCodes", message: "Choose wards from the list" }] };
  const current = db.select({ wardCode: teamWards.wardCode }).from(teamWards).where(eq(teamWards.teamId, teamId)).all().map((r) => r.wardCode);
  const added = wanted.filter((c) => !current.includes(c));
  const removed = current.filter((c) => !wanted.includes(c));
  if (added.length === 0 && removed.length === 0) return { ok: true, value: { added, removed } };
  db.transaction((tx) => {
    const previousTeams = added.length ? tx.select().from(teamWards).where(inArray(teamWards.wardCode, added)).all() : [];
    const affected = [...added, ...removed];
    // Officers keep only the wards their own team covers once this is done.
    const links = tx
      .select({ officerId: officerWards.officerId, wardCode: officerWards.wardCode, teamId: officers.teamId })
      .from(officerWards)
      .innerJoin(officers, eq(officers.id, officerWards.officerId))
      .where(inArray(officerWards.wardCode, affected))
      .all();
    if (added.length) tx.delete(teamWards).where(inArray(teamWards.wardCode, added)).run();
    if (removed.length) tx.delete(teamWards).where(and(eq(teamWards.teamId, teamId), inArray(teamWards.wardCode, removed))).run();
    for (const wardCode of added) tx.insert(teamWards).values({ teamId, wardCode }).run();
    for (const l of links) {
      const stillCovers = added.includes(l.wardCode) ? l.teamId === teamId : false;
      if (!stillCovers) tx.delete(officerWards).where(and(eq(officerWards.officerId, l.officerId), eq(officerWards.wardCode, l.wardCode))).run();
    }
    recordAudit(tx, {
      actor,
      action: "team.wards",
      subjectType: "team",
      subjectId: teamId,
      teamId,
      before: { wardCodes: current, movedFrom: previousTeams },
      after: { wardCodes: wanted, officerLinksRemoved: links.filter((l) => !(added.includes(l.wardCode) && l.teamId === teamId)) },
      at: now,
    });
  });
  return { ok: true, value: { added, removed } };
}
