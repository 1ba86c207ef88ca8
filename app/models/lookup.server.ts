import { and, eq, isNotNull, sql } from "drizzle-orm";
import { postcodes } from "../../db/schema";
import { prepared } from "~/lib/db.server";
import { KENT_BBOX, isInBBox, type LngLat } from "~/lib/geo";
import type { FoundWard, LookupResult } from "~/lib/lookup";
import { parsePostcode } from "~/lib/postcode";
import { findWard, getWardIndex, type WardSummary } from "./ward.server";

/** How far off the coast or estuary a point may be and still get the nearest Kent ward. */
export const NEAREST_WARD_METRES = 100;

function found(wardCode: string, postcode: string | null, [lng, lat]: LngLat, match: "pip" | "nearest"): FoundWard | null {
  const ward = findWard(wardCode);
  if (!ward) return null;
  return {
    status: "found",
    postcode,
    lat,
    lng,
    match,
    ward: { code: ward.code, name: ward.name },
    district: { code: ward.districtCode, name: ward.districtName },
    team: ward.teamSlug && ward.teamName ? { slug: ward.teamSlug, name: ward.teamName } : null,
    csuEmail: ward.csuEmail,
  };
}

// Written out rather than through drizzle: the lookup API's one query per request.
const postcodeRow = prepared((db) =>
  db.$client.prepare<[string], Pick<typeof postcodes.$inferSelect, "postcode" | "lat" | "lng" | "wardCode" | "wardMatch">>(
    "SELECT postcode, lat, lng, ward_code AS wardCode, ward_match AS wardMatch FROM postcodes WHERE postcode = ?",
  ),
);

const kentPostcodeInOutcode = prepared((db) =>
  db
    .select({ postcode: postcodes.postcode })
    .from(postcodes)
    .where(and(eq(postcodes.outcode, sql.placeholder("outcode")), isNotNull(postcodes.wardCode)))
    .limit(1)
    .prepare(),
);

/** From whatever a person typed to their ward, or the reason there is none. */
export function lookupPostcode(input: unknown): LookupResult {
  const parsed = parsePostcode(input);
  if (parsed.kind !== "valid") return { status: parsed.kind };
  const row = postcodeRow().get(parsed.postcode);
  if (row?.wardCode) return found(row.wardCode, row.postcode, [row.lng, row.lat], row.wardMatch ?? "pip") ?? { status: "unknown", postcode: parsed.postcode };
  if (row) return { status: "outside", postcode: parsed.postcode };
  // Not in the data. If no postcode in its district (e.g. SW1A, TN34, DA7) is in
  // Kent, it is someone else's area; otherwise it is a Kent postcode we lack.
  const kentOutcode = kentPostcodeInOutcode().get({ outcode: parsed.outcode });
  return kentOutcode ? { status: "unknown", postcode: parsed.postcode } : { status: "outside", postcode: parsed.postcode };
}

/** From a point (for "use my location") to the ward containing it, or the nearest within 100 m. */
export function lookupPoint(lat: number | null, lng: number | null): LookupResult {
  if (lat == null || lng == null) return { status: "invalid" };
  const point: LngLat = [lng, lat];
  if (!isInBBox(point, KENT_BBOX)) return { status: "outside", postcode: null };
  const index = getWardIndex();
  const inside = index.containing(point);
  if (inside) return found(inside, null, point, "pip") ?? { status: "outside", postcode: null };
  const nearest = index.nearest(point, NEAREST_WARD_METRES);
  if (nearest) return found(nearest.code, null, point, "nearest") ?? { status: "outside", postcode: null };
  return { status: "outside", postcode: null };
}

const wardsOfOutcode = prepared((db) =>
  db
    .select({ wardCode: postcodes.wardCode, postcodes: sql<number>`count(*)` })
    .from(postcodes)
    .where(and(eq(postcodes.outcode, sql.placeholder("outcode")), isNotNull(postcodes.wardCode)))
    .groupBy(postcodes.wardCode)
    .orderBy(sql`count(*) DESC`, postcodes.wardCode)
    .prepare(),
);

/**
 * The Kent wards a postcode district ("ME15") covers, the ward holding most of
 * its postcodes first; empty when none of it is in Kent.
 */
export function listWardsInOutcode(outcode: string): (WardSummary & { postcodes: number })[] {
  return wardsOfOutcode()
    .all({ outcode })
    .flatMap((r) => {
      const ward = r.wardCode ? findWard(r.wardCode) : null;
      return ward ? [{ ...ward, postcodes: r.postcodes }] : [];
    });
}
