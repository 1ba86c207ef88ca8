import { asc, eq, sql } from "drizzle-orm";
import { districts, teams, teamWards, wards } from "../../db/schema";
import { getDb, prepared, type Db } from "~/lib/db.server";
import type { AreaGeometry } from "~/lib/geo";
import { foldName } from "~/lib/place-names";
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

// The same join as wardQuery, written out: every lookup and ward page asks for one
// ward, and drizzle's row mapping cost more than SQLite's work.
const findWardStatement = prepared((db) =>
  db.$client.prepare<[string], WardSummary>(
    `SELECT w.code, w.name, d.code AS districtCode, d.name AS districtName, d.csu_email AS csuEmail,
            t.id AS teamId, t.slug AS teamSlug, t.name AS teamName, t.email AS teamEmail, w.boundary_vintage AS boundaryVintage
       FROM wards w JOIN districts d ON d.code = w.district_code
       LEFT JOIN team_wards tw ON tw.ward_code = w.code LEFT JOIN teams t ON t.id = tw.team_id
      WHERE w.code = ?`,
  ),
);

/** A ward with its district, CSU inbox and neighbourhood team. */
export function findWard(code: string): WardSummary | null {
  return findWardStatement().get(code) ?? null;
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

// The 279 ward names, folded once per database: matching in memory lets
// "st peters" find "St Peter's" and "westgate on sea" find "Westgate-on-Sea".
let foldedNames: { db: Db; wards: { code: string; folded: string }[] } | undefined;

function foldedWardNames(): { code: string; folded: string }[] {
  const db = getDb();
  if (foldedNames?.db !== db) {
    const rows = db.select({ code: wards.code, name: wards.name }).from(wards).orderBy(asc(wards.name)).all();
    foldedNames = { db, wards: rows.map((r) => ({ code: r.code, folded: foldName(r.name) })) };
  }
  return foldedNames.wards;
}

/**
 * Wards whose name contains the words typed, whatever the case, accents,
 * apostrophes or hyphens: the name itself first, then names starting with it.
 */
export function searchWardsByName(query: string, limit = 20): WardSummary[] {
  const q = foldName(query);
  if (!q) return [];
  const rank = (folded: string) => (folded === q ? 0 : folded.startsWith(q) ? 1 : ` ${folded} `.includes(` ${q} `) ? 2 : 3);
  return foldedWardNames()
    .filter((w) => w.folded.includes(q))
    .sort((a, b) => rank(a.folded) - rank(b.folded))
    .slice(0, limit)
    .flatMap((w) => findWard(w.code) ?? []);
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

