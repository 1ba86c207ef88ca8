// Web-sized boundaries from the full-precision ONS polygons. Neighbouring wards
// share one copy of each boundary line (a TopoJSON arc), so simplifying the line
// moves both sides together and no gap or overlap opens between them. Districts
// and team areas are merged from the same arcs, so their outlines sit exactly on
// the ward edges drawn beneath them.
import type { Feature, MultiPolygon, Position } from "geojson";
import { merge, feature as toFeature, neighbors } from "topojson-client";
import { topology } from "topojson-server";
import { presimplify } from "topojson-simplify";
import { area, featureCollection, union } from "@turf/turf";
import type { GeometryCollection, Topology } from "topojson-specification";
import { bboxOf, type AreaFeature, type AreaGeometry } from "../geo";

export interface SimplifyOptions {
  /**
   * Visvalingam effective area, in square metres, below which a boundary vertex
   * is dropped: a bump of that area is flattened.
   */
  minAreaM2: number;
  /** Decimal places kept: 5 is about 1 m in Kent. */
  decimals: number;
}

/**
 * The county layer, fine enough to zoom in on: at zoom 12 (a few wards across a
 * phone) a screen pixel covers about 1,400 m², so 2,000 m² bumps barely show.
 */
export const COUNTY_SIMPLIFICATION: SimplifyOptions = { minAreaM2: 2_000, decimals: 5 };

/**
 * The whole-county view a map opens on, drawn first: a screen pixel there
 * covers about 20,000 m² on a wide screen (zoom 9.5) and 80,000 m² on a phone
 * (zoom 8), so bumps under 20,000 m² and 4 decimal places (about 10 m) cannot
 * be seen. A map swaps in COUNTY_SIMPLIFICATION when zoomed in past OVERVIEW_MAX_ZOOM
 * (app/lib/map/urls.ts).
 */
export const COUNTY_OVERVIEW: SimplifyOptions = { minAreaM2: 20_000, decimals: 4 };

const METRES_PER_DEGREE = 111_320;

/**
 * Triangle area in m² on a local flat projection. Plain degree² would weigh a
 * degree of longitude (about 70 km at 51°N) the same as one of latitude (111 km).
 */
function triangleAreaM2(latitude: number) {
  const lngScale = Math.cos((latitude * Math.PI) / 180) * METRES_PER_DEGREE;
  return ([a, b, c]: [[number, number], [number, number], [number, number]]) =>
    Math.abs((a[0] - c[0]) * (b[1] - a[1]) - (a[0] - b[0]) * (c[1] - a[1])) * 0.5 * lngScale * METRES_PER_DEGREE;
}

function roundRing(ring: Position[], factor: number): Position[] | null {
  const out: Position[] = [];
  for (const [lng, lat] of ring) {
    const p = [Math.round(lng! * factor) / factor, Math.round(lat! * factor) / factor];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  const [first, last] = [out[0], out[out.length - 1]];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) out.push([first[0]!, first[1]!]);
  // A ring needs three distinct corners plus the closing point to enclose anything.
  return out.length >= 4 ? out : null;
}

/** Round to `decimals` places, dropping repeated points and rings that collapse to nothing. Null if nothing is left. */
export function roundGeometry(geometry: AreaGeometry, decimals: number): AreaGeometry | null {
  const factor = 10 ** decimals;
  const polygons = (geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates)
    .map((polygon) => {
      const [outer, ...holes] = polygon.map((ring) => roundRing(ring, factor));
      return outer ? [outer, ...holes.filter((h): h is Position[] => h !== null)] : null;
    })
    .filter((p): p is Position[][] => p !== null);
  if (polygons.length === 0) return null;
  return polygons.length === 1 ? { type: "Polygon", coordinates: polygons[0]! } : { type: "MultiPolygon", coordinates: polygons };
}

type AreaObject = GeometryCollection["geometries"][number];
type Presimplified = Topology<{ areas: GeometryCollection }>;

export interface SimplifiedAreas<P> {
  /** The input features in the same order, with simplified, rounded geometry. */
  features: AreaFeature<P>[];
  /** For each feature, the indexes of the features it shares a boundary with. */
  neighbours: number[][];
  /**
   * The union of some of the features (by index), on the same simplified
   * boundaries, without the slivers left where neighbours do not quite meet.
   */
  dissolve(indexes: number[]): AreaGeometry | null;
}

/** Keep each arc's points whose weight reaches that arc's threshold (topojson-simplify's rule, per arc). */
function simplifyArcs(pre: Presimplified, thresholds: number[]): Presimplified {
  const arcs = pre.arcs.map((arc, i) => (arc as number[][]).filter((p) => p[2]! >= thresholds[i]!).map((p) => [p[0]!, p[1]!] as [number, number]));
  return { ...pre, arcs };
}

/** The arcs (by index) that make up an object's rings. */
function arcsOf(object: AreaObject): number[] {
  const out: number[] = [];
  const walk = (value: unknown) => {
    if (typeof value === "number") out.push(value < 0 ? ~value : value);
    else if (Array.isArray(value)) value.forEach(walk);
  };
  walk((object as { arcs?: unknown }).arcs);
  return out;
}

/**
 * How many pairs of a geometry's edges cross or touch, other than neighbours
 * along a ring. A sweep along longitude keeps this near-linear: turf's `kinks`
 * compares every edge with every other, which takes seconds on the coastline.
 */
export function selfIntersections(geometry: AreaGeometry): number {
  type Edge = { ring: number; index: number; last: number; ax: number; ay: number; bx: number; by: number; minX: number; maxX: number };
  const edges: Edge[] = [];
  rings(geometry).forEach((ring, r) => {
    for (let i = 0; i < ring.length - 1; i++) {
      const [ax, ay] = ring[i] as [number, number];
      const [bx, by] = ring[i + 1] as [number, number];
      edges.push({ ring: r, index: i, last: ring.length - 2, ax, ay, bx, by, minX: Math.min(ax, bx), maxX: Math.max(ax, bx) });
    }
  });
  edges.sort((p, q) => p.minX - q.minX);
  const orient = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number) => Math.sign((bx - ax) * (cy - ay) - (by - ay) * (cx - ax));
  const onSegment = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number) =>
    Math.min(ax, bx) <= cx && cx <= Math.max(ax, bx) && Math.min(ay, by) <= cy && cy <= Math.max(ay, by);
  let count = 0;
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i]!;
    for (let j = i + 1; j < edges.length && edges[j]!.minX <= e.maxX; j++) {
      const f = edges[j]!;
      if (Math.max(e.ay, e.by) < Math.min(f.ay, f.by) || Math.max(f.ay, f.by) < Math.min(e.ay, e.by)) continue;
      if (e.ring === f.ring) {
        const gap = Math.abs(e.index - f.index);
        if (gap === 1 || gap === e.last) continue; // consecutive edges share a corner
      }
      const o1 = orient(e.ax, e.ay, e.bx, e.by, f.ax, f.ay);
      const o2 = orient(e.ax, e.ay, e.bx, e.by, f.bx, f.by);
      const o3 = orient(f.ax, f.ay, f.bx, f.by, e.ax, e.ay);
      const o4 = orient(f.ax, f.ay, f.bx, f.by, e.bx, e.by);
      if (
        (o1 !== o2 && o3 !== o4) ||
        (o1 === 0 && onSegment(e.ax, e.ay, e.bx, e.by, f.ax, f.ay)) ||
        (o2 === 0 && onSegment(e.ax, e.ay, e.bx, e.by, f.bx, f.by)) ||
        (o3 === 0 && onSegment(f.ax, f.ay, f.bx, f.by, e.ax, e.ay)) ||
        (o4 === 0 && onSegment(f.ax, f.ay, f.bx, f.by, e.bx, e.by))
      ) {
        count++;
      }
    }
  }
  return count;
}

/**
 * Simplify a set of areas that tile the ground (wards) as one topology.
 *
 * Every feature is kept: if simplification would leave one empty (a tiny
 * island ward), it keeps its rounded original shape. Where flattening a
 * boundary would make it cross itself (narrow inlets and estuary channels),
 * that feature's boundaries are simplified less, on both sides at once, until
 * it introduces no self-intersection the source did not have.
 */
export function simplifyAreas<P>(features: AreaFeature<P>[], options: SimplifyOptions): SimplifiedAreas<P> {
  return simplifyAreaLevels(features, [options])[0]!;
}

/**
 * The same areas at several levels of detail (a light one for the first view
 * of a map, a finer one for zooming in), from one topology built once.
 */
export function simplifyAreaLevels<P>(features: AreaFeature<P>[], levels: readonly SimplifyOptions[]): SimplifiedAreas<P>[] {
  const source = { type: "FeatureCollection" as const, features };
  const topo = topology({ areas: source }) as Presimplified;
  const meanLat = features.length ? features.reduce((s, f) => s + centreLat(f.geometry), 0) / features.length : 0;
  const pre = presimplify(topo, triangleAreaM2(meanLat)) as Presimplified;
  const objects = pre.objects.areas.geometries as AreaObject[];
  // Counting a source ward's self-intersections is slow (every segment against
  // every other), so it is done only for wards whose simplified shape has some.
  const sourceKinks = new Map<number, number>();
  const sourceKinksOf = (i: number) => sourceKinks.get(i) ?? sourceKinks.set(i, selfIntersections(features[i]!.geometry)).get(i)!;
  const arcs = objects.map(arcsOf);
  return levels.map((options) => simplifyLevel(features, options, pre, objects, arcs, sourceKinksOf));
}

function simplifyLevel<P>(
  features: AreaFeature<P>[],
  options: SimplifyOptions,
  pre: Presimplified,
  objects: AreaObject[],
  arcs: number[][],
  sourceKinksOf: (i: number) => number,
): SimplifiedAreas<P> {
  const thresholds: number[] = pre.arcs.map(() => options.minAreaM2);

  const build = (simplified: Presimplified, i: number): AreaGeometry => {
    const geometry = (toFeature(simplified, objects[i]!) as Feature<AreaGeometry | null>).geometry;
    return (geometry && roundGeometry(geometry, options.decimals)) ?? roundGeometry(features[i]!.geometry, options.decimals) ?? features[i]!.geometry;
  };

  let simplified = simplifyArcs(pre, thresholds);
  let geometries = features.map((_, i) => build(simplified, i));
  // Only features whose arcs changed need checking again.
  let toCheck = features.map((_, i) => i);
  for (let round = 0; round < 12 && toCheck.length > 0; round++) {
    const crossing = toCheck.filter((i) => {
      const count = selfIntersections(geometries[i]!);
      return count > 0 && count > sourceKinksOf(i);
    });
    if (crossing.length === 0) break;
    // Quarter the threshold each round; after a few rounds it is zero (the source line).
    const changed = new Set(crossing.flatMap((i) => arcs[i]!));
    for (const a of changed) thresholds[a] = thresholds[a]! < 1 ? 0 : thresholds[a]! / 4;
    simplified = simplifyArcs(pre, thresholds);
    toCheck = features.map((_, i) => i).filter((i) => arcs[i]!.some((a) => changed.has(a)));
    for (const i of toCheck) geometries[i] = build(simplified, i);
  }
  // Rounding alone can make a narrow creek cross itself, whatever the threshold:
  // such a ward keeps one more decimal place (a gap of under a metre or so with its neighbours).
  const finer = { ...options, decimals: options.decimals + 1 };
  for (const i of toCheck) {
    if (selfIntersections(geometries[i]!) <= sourceKinksOf(i)) continue;
    const geometry = (toFeature(simplified, objects[i]!) as Feature<AreaGeometry | null>).geometry;
    geometries[i] = (geometry && roundGeometry(geometry, finer.decimals)) ?? geometries[i]!;
  }

  let neighbours: number[][] | undefined;
  return {
    features: features.map((f, i) => ({ type: "Feature", properties: f.properties, geometry: geometries[i]! })),
    // Worked out on first use: a level drawn only as a picture never needs it.
    get neighbours() {
      return (neighbours ??= withNearNeighbours(neighbors(objects as never), geometries));
    },
    dissolve(indexes) {
      const parts = indexes.map((i) => objects[i]).filter((o): o is AreaObject => !!o);
      if (parts.length === 0) return null;
      const merged = roundGeometry(merge(simplified, parts as never) as MultiPolygon, options.decimals);
      // Merging by shared boundaries is exact and fast, but where two neighbours
      // come from differently generalised sources their edges are not shared, and
      // the merge keeps both. A polygon union removes those; it is slower, so it
      // is only used when the quick merge shows the symptoms.
      if (merged && merged.type === "Polygon" && merged.coordinates.length === 1 && selfIntersections(merged) === 0) return merged;
      try {
        const unioned = union(featureCollection(indexes.map((i) => ({ type: "Feature" as const, properties: {}, geometry: geometries[i]! }))));
        return unioned ? withoutSlivers(unioned.geometry, options) : merged;
      } catch {
        return merged;
      }
    },
  };
}

/** Boundaries closer than this are treated as shared: the gap between two sources' versions of one line. */
const SEAM_METRES = 25;
/** …along at least this many vertices, so that wards meeting only at a corner are not neighbours. */
const SEAM_VERTICES = 3;

function rings(geometry: AreaGeometry): Position[][] {
  return geometry.type === "Polygon" ? geometry.coordinates : geometry.coordinates.flat();
}

/**
 * Add the neighbours that share no boundary line in the topology because each
 * side's line came from a different source: those whose boundaries run within
 * SEAM_METRES of each other for several vertices.
 */
function withNearNeighbours(neighbours: number[][], geometries: AreaGeometry[]): number[][] {
  const lat = geometries.length ? centreLat(geometries[0]!) : 0;
  const kx = Math.cos((lat * Math.PI) / 180) * METRES_PER_DEGREE;
  const ky = METRES_PER_DEGREE;
  const pad = SEAM_METRES / ky / Math.cos((lat * Math.PI) / 180);
  const boxes = geometries.map((g) => bboxOf(g));
  const segmentsOf = geometries.map((g) => rings(g).flatMap((ring) => ring.slice(1).map((p, k) => [ring[k]!, p] as const)));
  const near = (from: number, to: number) => {
    let count = 0;
    // Only the other ward's edges that come anywhere near this ward can count.
    const [minLng, minLat, maxLng, maxLat] = boxes[from]!;
    const nearby = segmentsOf[to]!.filter(
      ([a, b]) => Math.max(a[0]!, b[0]!) >= minLng - pad && Math.min(a[0]!, b[0]!) <= maxLng + pad && Math.max(a[1]!, b[1]!) >= minLat - pad && Math.min(a[1]!, b[1]!) <= maxLat + pad,
    );
    for (const ring of rings(geometries[from]!)) {
      for (const [lng, lat] of ring) {
        if (lng! < boxes[to]![0] - pad || lng! > boxes[to]![2] + pad || lat! < boxes[to]![1] - pad || lat! > boxes[to]![3] + pad) continue;
        for (const [a, b] of nearby) {
          if (distanceToSegment(lng!, lat!, a, b, kx, ky) <= SEAM_METRES) {
            if (++count >= SEAM_VERTICES) return true;
            break;
          }
        }
      }
    }
    return false;
  };
  const out = neighbours.map((n) => new Set(n));
  for (let i = 0; i < geometries.length; i++) {
    for (let j = i + 1; j < geometries.length; j++) {
      if (out[i]!.has(j)) continue;
      const [a, b] = [boxes[i]!, boxes[j]!];
      if (a[0] > b[2] + pad || b[0] > a[2] + pad || a[1] > b[3] + pad || b[1] > a[3] + pad) continue;
      if (near(i, j)) {
        out[i]!.add(j);
        out[j]!.add(i);
      }
    }
  }
  return out.map((set) => [...set].sort((x, y) => x - y));
}

function distanceToSegment(lng: number, lat: number, a: Position, b: Position, kx: number, ky: number): number {
  const [px, py] = [(lng - a[0]!) * kx, (lat - a[1]!) * ky];
  const [dx, dy] = [(b[0]! - a[0]!) * kx, (b[1]! - a[1]!) * ky];
  const len = dx * dx + dy * dy;
  const t = len === 0 ? 0 : Math.max(0, Math.min(1, (px * dx + py * dy) / len));
  return Math.hypot(px - t * dx, py - t * dy);
}

/** Holes smaller than this in a dissolved area are gaps between neighbours' edges, not real enclaves (the smallest ward is far larger). */
const SLIVER_M2 = 10_000;

function withoutSlivers(geometry: AreaGeometry, options: SimplifyOptions): AreaGeometry | null {
  const polygons = (geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates).map(([outer, ...holes]) => [
    outer!,
    ...holes.filter((h) => area({ type: "Polygon", coordinates: [h] }) >= SLIVER_M2),
  ]);
  return roundGeometry(polygons.length === 1 ? { type: "Polygon", coordinates: polygons[0]! } : { type: "MultiPolygon", coordinates: polygons }, options.decimals);
}

function centreLat(geometry: AreaGeometry): number {
  const first = geometry.type === "Polygon" ? geometry.coordinates[0] : geometry.coordinates[0]?.[0];
  return (first?.[0]?.[1] as number | undefined) ?? 0;
}
