// Towns, villages and other places (GeoNames) as a way to a ward: a place is a
// point, so it is answered with the wards around it, nearest first.
import { asc, eq, like, or, sql } from "drizzle-orm";
import { districts, places, wards } from "../../db/schema";
import { getDb } from "~/lib/db.server";
import { foldName } from "~/lib/place-names";
import { findWard, getWardIndex, type WardSummary } from "./ward.server";

/** How far from a place's point a ward may be and still be "around" it. */
export const AROUND_PLACE_METRES = 1500;
const MAX_WARDS_PER_PLACE = 6;
const MAX_PLACES = 5;

export interface PlaceAnswer {
  name: string;
  districtName: string;
  /** The ward containing the place's point first (0 m), then the others by distance. */
  wards: (WardSummary & { metres: number })[];
}

/** Places whose name is the one typed or starts with it ("westgate" finds Westgate on Sea), exact names first. */
export function searchPlaces(query: string): PlaceAnswer[] {
  const q = foldName(query);
  if (!q) return [];
  const rows = getDb()
    .select({ name: places.name, folded: places.folded, lat: places.lat, lng: places.lng, districtName: districts.name })
    .from(places)
    .innerJoin(wards, eq(wards.code, places.wardCode))
    .innerJoin(districts, eq(districts.code, wards.districtCode))
    .where(or(eq(places.folded, q), like(places.folded, `${q} %`)))
    .orderBy(sql`${places.folded} = ${q} DESC`, asc(places.name))
    .limit(MAX_PLACES)
    .all();
  const index = getWardIndex();
  return rows.map((p) => ({
    name: p.name,
    districtName: p.districtName,
    wards: index
      .around([p.lng, p.lat], AROUND_PLACE_METRES)
      .slice(0, MAX_WARDS_PER_PLACE)
      .flatMap(({ code, metres }) => {
        const ward = findWard(code);
        return ward ? [{ ...ward, metres }] : [];
      }),
  }));
}
