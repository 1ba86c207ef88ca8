import { asc, eq, like, sql } from "drizzle-orm";
import { districts, teams, teamWards, wards } from "../../db/schema";
import { getDb, prepared, type Db } from "~/lib/db.server";
import type { AreaGeometry } from "~/lib/geo";
import { WardIndex } from "~/lib/ward-index";

const wardSummary = {
  code: wards.code,
  name: wards.name,
  districtCode: districts.code,
  districtName: districts.name,
  csuEmail: districts.csuEmail,
  teamId: teams.id,
  teamSlug: teams.slug,
  teamName: teams.name,
  teamEmail: teams.email,
  boundaryVintage: wards.boundaryVintage,
};

export type WardSummary = {
  code: string;
  name: string;
  districtCode: string;
  districtName: string;
  csuEmail: string;
  teamId: number | null;
  teamSlug: string | null;
  teamName: string | null;
  teamEmail: string | null;
  boundaryVintage: string;
};

function wardQuery(db: Db = getDb()) {
  return db
    .select(wardSummary)
    .from(wards)
    .innerJoin(districts, eq(districts.code, wards.districtCode))
    .leftJoin(teamWards, eq(teamWards.wardCode, wards.code))
    .leftJoin(teams, eq(teams.id, teamWards.teamId));
}

/** A ward with its district, CSU inbox and neighbourhood team. */
const findWardStatement = prepared((db) => wardQuery(db).where(eq(wards.code, sql.placeholder("code"))).prepare());

export function findWard(code: string): WardSummary | null {
  return findWardStatement().get({ code }) ?? null;
}

/** The team that polices a ward: the one way to find it. Null for a ward no team covers yet. */
export function findTeamIdOfWard(wardCode: string): number | null {
  return findWard(wardCode)?.teamId ?? null;
}

export function listWardsInDistrict(districtCode: string): WardSummary[] {
  return wardQuery().where(eq(wards.districtCode, districtCode)).orderBy(asc(wards.name)).all();
}

export function listWardsOfTeam(teamId: number): WardSummary[] {
  return wardQuery().where(eq(teamWards.teamId, teamId)).orderBy(asc(wards.name)).all();
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Wards whose name contains the words typed, best matches (name starts with it) first. */
export function searchWardsByName(query: string, limit = 20): WardSummary[] {
  const q = query.trim().replace(/\s+/g, " ");
  if (!q) return [];
  const pattern = `%${escapeLike(q)}%`;
  return wardQuery()
    .where(sql`${like(wards.name, pattern)} ESCAPE '\\'`)
    .orderBy(sql`CASE WHEN ${wards.name} LIKE ${`${escapeLike(q)}%`} ESCAPE '\\' THEN 0 ELSE 1 END`, asc(wards.name))
    .limit(limit)
    .all();
}

// Built on first use and kept for the life of the process: boundaries change
// only when the geography is re-imported, which is followed by a restart.
let wardIndex: WardIndex | undefined;

export function getWardIndex(): WardIndex {
  if (!wardIndex) {
    const rows = getDb().select({ code: wards.code, geometry: wards.geometry }).from(wards).all();
    wardIndex = new WardIndex(rows.map((r) => ({ code: r.code, geometry: JSON.parse(r.geometry) as AreaGeometry })));
  }
  return wardIndex;
}

