import type { FieldError, Outcome } from "~/lib/vocabulary";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { officers, officerWards, teams, teamWards, wards } from "../../db/schema";
import { OFFICER_ROLES } from "~/lib/vocabulary";
import { getDb, prepared } from "~/lib/db.server";
import { assertPermission, assertTeamPermission, NotPermittedError, type Actor } from "~/lib/permissions";
import { recordAudit } from "./audit.server";

// Sergeants first, then PCs and beat officers, then PCSOs.
const roleOrder = sql`CASE ${officers.role} WHEN 'Inspector' THEN 0 WHEN 'Sergeant' THEN 1 WHEN 'PC' THEN 2 WHEN 'Beat Officer' THEN 3 ELSE 4 END`;

const officerColumns = {
  id: officers.id,
  slug: officers.slug,
  name: officers.name,
  role: officers.role,
  collarNumber: officers.collarNumber,
  bio: officers.bio,
  email: officers.email,
};

export type OfficerSummary = {
  id: number;
  slug: string;
  name: string;
  role: (typeof officers.$inferSelect)["role"];
  collarNumber: string | null;
  bio: string;
  email: string | null;
  wards: { code: string; name: string }[];
};

type WardLink = { officerId: number; code: string; name: string };

function withWards(rows: Omit<OfficerSummary, "wards">[], links: WardLink[]): OfficerSummary[] {
  return rows.map((r) => ({ ...r, wards: links.filter((l) => l.officerId === r.id).map(({ code, name }) => ({ code, name })) }));
}

const coverage = alias(officerWards, "coverage");
const wardLinkColumns = { officerId: officerWards.officerId, code: wards.code, name: wards.name };

const officersOfWard = prepared((db) =>
  db
    .select(officerColumns)
    .from(officers)
    .innerJoin(officerWards, eq(officerWards.officerId, officers.id))
    .where(and(eq(officerWards.wardCode, sql.placeholder("wardCode")), eq(officers.active, true)))
    .orderBy(roleOrder, asc(officers.name))
    .prepare(),
);

// Every ward covered by each officer who covers the given ward.
const wardsOfWardOfficers = prepared((db) =>
  db
    .select(wardLinkColumns)
    .from(coverage)
    .innerJoin(officerWards, eq(officerWards.officerId, coverage.officerId))
    .innerJoin(wards, eq(wards.code, officerWards.wardCode))
    .where(eq(coverage.wardCode, sql.placeholder("wardCode")))
    .orderBy(asc(wards.name))
    .prepare(),
);

const officersOfTeam = prepared((db) =>
  db
    .select(officerColumns)
    .from(officers)
    .where(and(eq(officers.teamId, sql.placeholder("teamId")), eq(officers.active, true)))
    .orderBy(roleOrder, asc(officers.name))
    .prepare(),
);

const wardsOfTeamOfficers = prepared((db) =>
  db
    .select(wardLinkColumns)
    .from(officerWards)
    .innerJoin(officers, eq(officers.id, officerWards.officerId))
    .innerJoin(wards, eq(wards.code, officerWards.wardCode))
    .where(eq(officers.teamId, sql.placeholder("teamId")))
    .orderBy(asc(wards.name))
    .prepare(),
);

/** The officers who cover a ward, with every ward each of them covers. */
export function listOfficersForWard(wardCode: string): OfficerSummary[] {
  return withWards(officersOfWard().all({ wardCode }), wardsOfWardOfficers().all({ wardCode }));
}

export function listOfficersForTeam(teamId: number): OfficerSummary[] {
  return withWards(officersOfTeam().all({ teamId }), wardsOfTeamOfficers().all({ teamId }));
}

export interface OfficerInput {
  name: string;
  role: (typeof OFFICER_ROLES)[number];
  collarNumber: string | null;
  bio: string;
  email: string | null;
  wardCodes: string[];
  active: boolean;
}


/** An officer with the wards they cover, for the staff pages (inactive officers too). */
export function findOfficer(id: number) {
  const db = getDb();
  const officer = db.select().from(officers).where(eq(officers.id, id)).get();
  if (!officer) return null;
  const covered = db.select({ wardCode: officerWards.wardCode }).from(officerWards).where(eq(officerWards.officerId, id)).all();
  return { ...officer, wardCodes: covered.map((c) => c.wardCode) };
}

export function listTeamOfficersForStaff(teamId: number) {
  return getDb()
    .select({ id: officers.id, name: officers.name, role: officers.role, collarNumber: officers.collarNumber, active: officers.active })
    .from(officers)
    .where(eq(officers.teamId, teamId))
    .orderBy(desc(officers.active), roleOrder, asc(officers.name))
    .all();
}

function wardsOutsideTeam(teamId: number, wardCodes: string[]): string[] {
  if (wardCodes.length === 0) return [];
  const covered = new Set(
    getDb()
      .select({ wardCode: teamWards.wardCode })
      .from(teamWards)
      .where(and(eq(teamWards.teamId, teamId), inArray(teamWards.wardCode, wardCodes)))
      .all()
      .map((r) => r.wardCode),
  );
  return wardCodes.filter((c) => !covered.has(c));
}

const snapshotOf = (id: number) => findOfficer(id);

/** Update an officer's public profile and the wards they cover (all within their team). */
export function editOfficer(actor: Actor | null, officerId: number, input: OfficerInput, now = new Date()): Outcome<null> {
  const before = findOfficer(officerId);
  if (!before) throw new NotPermittedError("That officer does not exist.");
  assertTeamPermission(actor, "edit:officers", before.teamId);
  if (wardsOutsideTeam(before.teamId, input.wardCodes).length) {
    return { ok: false, errors: [{ field: "wardCodes", message: "An officer can only cover wards of their own team" }] };
  }
  const { wardCodes, ...fields } = input;
  // Saving the form as it was changes nothing, so it writes nothing (and no empty audit entry).
  const sameWards = [...new Set(wardCodes)].sort().join() === [...before.wardCodes].sort().join();
  if (sameWards && (Object.keys(fields) as (keyof typeof fields)[]).every((k) => fields[k] === before[k])) {
    return { ok: false, errors: [{ field: "name", message: "Nothing has changed. Change the profile, or go back" }] };
  }
  getDb().transaction((tx) => {
    tx.update(officers).set(fields).where(eq(officers.id, officerId)).run();
    tx.delete(officerWards).where(eq(officerWards.officerId, officerId)).run();
    for (const wardCode of new Set(wardCodes)) tx.insert(officerWards).values({ officerId, wardCode }).run();
    recordAudit(tx, { actor, action: "officer.edit", subjectType: "officer", subjectId: officerId, teamId: before.teamId, before, after: { ...before, ...input }, at: now });
  });
  return { ok: true, value: null };
}

const slugify = (s: string) =>
  s
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 70);

/** Add an officer to a team (administrators: team membership is theirs to manage). */
export function createOfficer(actor: Actor | null, teamId: number, input: OfficerInput, now = new Date()): Outcome<{ id: number }> {
  assertPermission(actor, "manage:teams");
  if (wardsOutsideTeam(teamId, input.wardCodes).length) {
    return { ok: false, errors: [{ field: "wardCodes", message: "An officer can only cover wards of their own team" }] };
  }
  const db = getDb();
  const base = slugify(`${input.role} ${input.name}`) || "officer";
  let slug = base;
  for (let i = 2; db.select({ id: officers.id }).from(officers).where(eq(officers.slug, slug)).get(); i++) slug = `${base}-${i}`;
  const { wardCodes, ...fields } = input;
  const id = db.transaction((tx) => {
    const [row] = tx
      .insert(officers)
      .values({ ...fields, slug, teamId })
      .returning()
      .all();
    for (const wardCode of new Set(wardCodes)) tx.insert(officerWards).values({ officerId: row!.id, wardCode }).run();
    recordAudit(tx, { actor, action: "officer.create", subjectType: "officer", subjectId: row!.id, teamId, after: { ...row, wardCodes }, at: now });
    return row!.id;
  });
  return { ok: true, value: { id } };
}

/** Move an officer to another team. They stop covering their old team's wards. */
export function moveOfficer(actor: Actor | null, officerId: number, teamId: number, now = new Date()): Outcome<null> {
  assertPermission(actor, "manage:teams");
  const before = snapshotOf(officerId);
  if (!before) throw new NotPermittedError("That officer does not exist.");
  if (before.teamId === teamId) return { ok: true, value: null };
  // A team id from the form that names no team is the person's mistake, not a server error.
  if (!getDb().select({ id: teams.id }).from(teams).where(eq(teams.id, teamId)).get()) {
    return { ok: false, errors: [{ field: "teamId", message: "Choose a team from the list" }] };
  }
  getDb().transaction((tx) => {
    tx.update(officers).set({ teamId }).where(eq(officers.id, officerId)).run();
    tx.delete(officerWards).where(eq(officerWards.officerId, officerId)).run();
    recordAudit(tx, { actor, action: "officer.move", subjectType: "officer", subjectId: officerId, teamId, before, after: { ...before, teamId, wardCodes: [] }, at: now });
  });
  return { ok: true, value: null };
}
