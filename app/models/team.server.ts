import { asc, eq, sql } from "drizzle-orm";
import { districts, teams, teamWards } from "../../db/schema";
import { getDb, prepared } from "~/lib/db.server";

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
