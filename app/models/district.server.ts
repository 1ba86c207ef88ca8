import { asc, eq } from "drizzle-orm";
import { districts } from "../../db/schema";
import { getDb } from "~/lib/db.server";
import { foldName } from "~/lib/place-names";

export function listDistricts() {
  return getDb()
    .select({ code: districts.code, name: districts.name, csuEmail: districts.csuEmail })
    .from(districts)
    .orderBy(asc(districts.name))
    .all();
}

export function findDistrict(code: string) {
  return (
    getDb()
      .select({ code: districts.code, name: districts.name, csuEmail: districts.csuEmail })
      .from(districts)
      .where(eq(districts.code, code))
      .get() ?? null
  );
}

/** The district a typed name is (folded as for every name search), or null. */
export function findDistrictByName(query: string) {
  const q = foldName(query);
  if (!q) return null;
  return listDistricts().find((d) => foldName(d.name) === q) ?? null;
}
