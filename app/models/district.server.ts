import { asc, eq } from "drizzle-orm";
import { districts } from "../../db/schema";
import { getDb } from "~/lib/db.server";

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
