import { and, asc, eq, sql } from "drizzle-orm";
import { officers, officerWards, wards } from "../../db/schema";
import { getDb } from "~/lib/db.server";

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

function withWards(rows: Omit<OfficerSummary, "wards">[]): OfficerSummary[] {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const links = getDb()
    .select({ officerId: officerWards.officerId, code: wards.code, name: wards.name })
    .from(officerWards)
    .innerJoin(wards, eq(wards.code, officerWards.wardCode))
    .where(sql`${officerWards.officerId} IN (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`)
    .orderBy(asc(wards.name))
    .all();
  return rows.map((r) => ({ ...r, wards: links.filter((l) => l.officerId === r.id).map(({ code, name }) => ({ code, name })) }));
}

/** The officers who cover a ward, with every ward each of them covers. */
export function listOfficersForWard(wardCode: string): OfficerSummary[] {
  const rows = getDb()
    .select(officerColumns)
    .from(officers)
    .innerJoin(officerWards, eq(officerWards.officerId, officers.id))
    .where(and(eq(officerWards.wardCode, wardCode), eq(officers.active, true)))
    .orderBy(roleOrder, asc(officers.name))
    .all();
  return withWards(rows);
}

export function listOfficersForTeam(teamId: number): OfficerSummary[] {
  const rows = getDb()
    .select(officerColumns)
    .from(officers)
    .where(and(eq(officers.teamId, teamId), eq(officers.active, true)))
    .orderBy(roleOrder, asc(officers.name))
    .all();
  return withWards(rows);
}
