import { and, asc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { officers, officerWards, wards } from "../../db/schema";
import { prepared } from "~/lib/db.server";

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
