import type { Db } from "../../app/lib/db.server";
import { districts, wards } from "../../db/schema";

/** The geography already loaded, which neighbourhood files are checked against. */
export function knownGeography(db: Db) {
  const districtRows = db.select({ code: districts.code, name: districts.name }).from(districts).all();
  const wardRows = db
    .select({
      code: wards.code,
      name: wards.name,
      districtCode: wards.districtCode,
      centroidLng: wards.centroidLng,
      centroidLat: wards.centroidLat,
    })
    .from(wards)
    .all();
  return {
    districts: districtRows,
    wards: wardRows,
    districtCodes: new Set(districtRows.map((d) => d.code)),
    wardCodes: new Set(wardRows.map((w) => w.code)),
  };
}
