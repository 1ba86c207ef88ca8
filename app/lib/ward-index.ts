import Flatbush from "flatbush";
import { booleanPointInPolygon, pointToPolygonDistance } from "@turf/turf";
import type { AreaGeometry, LngLat } from "./geo";
import { bboxOf } from "./geo";

export interface IndexedWard {
  code: string;
  geometry: AreaGeometry;
}

/** Degrees of latitude per metre; a longitude degree in Kent (~51°N) is about 0.63 of that. */
const METRES_PER_DEGREE_LAT = 111_320;

/**
 * Point-to-ward lookup: an R-tree over ward bounding boxes narrows the
 * candidates, then an exact point-in-polygon test decides.
 */
export class WardIndex {
  private readonly tree: Flatbush;
  private readonly wards: IndexedWard[];

  constructor(wards: IndexedWard[]) {
    this.wards = wards;
    this.tree = new Flatbush(Math.max(wards.length, 1));
    for (const ward of wards) this.tree.add(...bboxOf(ward.geometry));
    if (wards.length === 0) this.tree.add(0, 0, 0, 0);
    this.tree.finish();
  }

  get size(): number {
    return this.wards.length;
  }

  /** The ward whose polygon contains the point, or null. */
  containing([lng, lat]: LngLat): string | null {
    for (const i of this.tree.search(lng, lat, lng, lat)) {
      const ward = this.wards[i];
      if (ward && booleanPointInPolygon([lng, lat], ward.geometry)) return ward.code;
    }
    return null;
  }

  /**
   * The nearest ward within maxMetres of a point that lies in no ward
   * (a pier, beach or the tidal estuary beyond the coastline clip).
   */
  nearest([lng, lat]: LngLat, maxMetres: number): { code: string; metres: number } | null {
    const dLat = maxMetres / METRES_PER_DEGREE_LAT;
    const dLng = dLat / Math.cos((lat * Math.PI) / 180);
    let best: { code: string; metres: number } | null = null;
    for (const i of this.tree.search(lng - dLng, lat - dLat, lng + dLng, lat + dLat)) {
      const ward = this.wards[i];
      if (!ward) continue;
      const metres = Math.max(0, pointToPolygonDistance([lng, lat], ward.geometry, { units: "meters" }));
      if (metres <= maxMetres && (!best || metres < best.metres)) best = { code: ward.code, metres };
    }
    return best;
  }

  /** Every ward within maxMetres of a point, nearest first (0 m: the point is inside it). */
  around([lng, lat]: LngLat, maxMetres: number): { code: string; metres: number }[] {
    const dLat = maxMetres / METRES_PER_DEGREE_LAT;
    const dLng = dLat / Math.cos((lat * Math.PI) / 180);
    const found: { code: string; metres: number }[] = [];
    for (const i of this.tree.search(lng - dLng, lat - dLat, lng + dLng, lat + dLat)) {
      const ward = this.wards[i];
      if (!ward) continue;
      const metres = Math.max(0, pointToPolygonDistance([lng, lat], ward.geometry, { units: "meters" }));
      if (metres <= maxMetres) found.push({ code: ward.code, metres: Math.round(metres) });
    }
    return found.sort((a, b) => a.metres - b.metres || a.code.localeCompare(b.code));
  }
}
