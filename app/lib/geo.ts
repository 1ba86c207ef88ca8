import type { Feature, MultiPolygon, Polygon, Position } from "geojson";

// GeoJSON and turf use [lng, lat]; Leaflet uses [lat, lng]. Convert only here.
export type LngLat = [lng: number, lat: number];
export type LatLng = [lat: number, lng: number];

export const toLatLng = ([lng, lat]: LngLat | Position): LatLng => [lat as number, lng as number];
export const toLngLat = ([lat, lng]: LatLng): LngLat => [lng, lat];

export type BBox = [minLng: number, minLat: number, maxLng: number, maxLat: number];

export type AreaGeometry = Polygon | MultiPolygon;
export type AreaFeature<P> = Feature<AreaGeometry, P>;

export function bboxOf(geometry: AreaGeometry): BBox {
  let minLng = Infinity;
  let minLat = Infinity;
  let maxLng = -Infinity;
  let maxLat = -Infinity;
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (const [lng, lat] of ring) {
        if (lng! < minLng) minLng = lng!;
        if (lng! > maxLng) maxLng = lng!;
        if (lat! < minLat) minLat = lat!;
        if (lat! > maxLat) maxLat = lat!;
      }
    }
  }
  return [minLng, minLat, maxLng, maxLat];
}

/** Kent and Medway's bounding box, with a margin: anything outside is not ours. */
export const KENT_BBOX: BBox = [-0.2, 50.85, 1.6, 51.6];

export function isInBBox([lng, lat]: LngLat, [minLng, minLat, maxLng, maxLat]: BBox): boolean {
  return lng >= minLng && lng <= maxLng && lat >= minLat && lat <= maxLat;
}

/** Parse a coordinate from a query string, refusing anything that is not a plain finite number. */
export function parseCoordinate(value: unknown, min: number, max: number): number | null {
  if (typeof value !== "string" || value.length === 0 || value.length > 20) return null;
  if (!/^-?\d{1,3}(\.\d{1,12})?$/.test(value.trim())) return null;
  const n = Number(value);
  return Number.isFinite(n) && n >= min && n <= max ? n : null;
}
