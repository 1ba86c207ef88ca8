// The simplified boundaries the maps draw: built once per process from the
// full-precision ONS geometry (which stays untouched for point lookups), and
// the team areas merged from them.
import { createHash } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { districts, teams, teamWards, wards } from "../../db/schema";
import { getDb, type Db } from "~/lib/db.server";
import type { AreaFeature, AreaGeometry, LngLat } from "~/lib/geo";
import { districtColours, MAP_FILL_OPACITY, NO_DATA_COLOUR } from "~/lib/map/colours";
import { previewSvg } from "~/lib/map/preview-svg";
import { geometryVersion } from "~/lib/map/urls";
import { COUNTY_OVERVIEW, COUNTY_SIMPLIFICATION, simplifyAreaLevels, type SimplifiedAreas } from "~/lib/map/simplify-geometry";

export interface WardShapeProperties {
  code: string;
  name: string;
  districtCode: string;
}

export interface DistrictShapeProperties {
  code: string;
  name: string;
  /** A point inside the district, [lng, lat], for its label. */
  label: LngLat;
}

export interface BoundaryLayers {
  /** The version the boundary addresses carry, e.g. "WD24.1". */
  version: string;
  wards: AreaFeature<WardShapeProperties>[];
  wardIndex: ReadonlyMap<string, number>;
  /** Ward code → codes of the wards sharing a boundary with it. */
  neighbours: ReadonlyMap<string, readonly string[]>;
  districts: AreaFeature<DistrictShapeProperties>[];
  /** The same wards and districts, lighter: the whole-county view a map draws first. */
  overview: { wards: AreaFeature<WardShapeProperties>[]; districts: AreaFeature<DistrictShapeProperties>[] };
  /** The union of some wards on the same simplified boundaries. */
  mergeWards(codes: readonly string[]): AreaGeometry | null;
}

function buildBoundaryLayers(db: Db): BoundaryLayers {
  const rows = db
    .select({
      code: wards.code,
      name: wards.name,
      districtCode: wards.districtCode,
      districtName: districts.name,
      geometry: wards.geometry,
      centroidLng: wards.centroidLng,
      centroidLat: wards.centroidLat,
      vintage: wards.boundaryVintage,
    })
    .from(wards)
    .innerJoin(districts, eq(districts.code, wards.districtCode))
    .orderBy(asc(districts.name), asc(wards.name))
    .all();
  const [simplified, overviewWards] = simplifyAreaLevels(
    rows.map((r) => ({
      type: "Feature" as const,
      properties: { code: r.code, name: r.name, districtCode: r.districtCode },
      geometry: JSON.parse(r.geometry) as AreaGeometry,
    })),
    [COUNTY_SIMPLIFICATION, COUNTY_OVERVIEW],
  ) as [SimplifiedAreas<WardShapeProperties>, SimplifiedAreas<WardShapeProperties>];
  const wardIndex = new Map(rows.map((r, i) => [r.code, i]));
  const neighbours = new Map(rows.map((r, i) => [r.code, simplified.neighbours[i]!.map((j) => rows[j]!.code)]));

  // District outlines come from the ONS district polygons, not from merging
  // wards: the ward file mixes two generalisations, whose edges do not quite
  // meet, and a merge would draw those seams as district borders.
  const districtRows = db.select({ code: districts.code, name: districts.name, geometry: districts.geometry }).from(districts).orderBy(asc(districts.name)).all();
  const districtLevels = simplifyAreaLevels(
    districtRows.map((d) => ({ type: "Feature" as const, properties: { code: d.code, name: d.name }, geometry: JSON.parse(d.geometry) as AreaGeometry })),
    [COUNTY_SIMPLIFICATION, COUNTY_OVERVIEW],
  );
  const labels = new Map(districtRows.map((d) => [d.code, labelPoint(rows.filter((r) => r.districtCode === d.code))]));
  const [districtFeatures, overviewDistricts] = districtLevels.map((level) =>
    level.features.map((f): AreaFeature<DistrictShapeProperties> => ({ ...f, properties: { ...f.properties, label: labels.get(f.properties.code)! } })),
  ) as [AreaFeature<DistrictShapeProperties>[], AreaFeature<DistrictShapeProperties>[]];

  const vintages = [...new Set(rows.map((r) => r.vintage))].sort();
  return {
    version: geometryVersion(vintages.join("+") || "none"),
    wards: simplified.features,
    wardIndex,
    neighbours,
    districts: districtFeatures,
    overview: { wards: overviewWards.features, districts: overviewDistricts },
    mergeWards: (codes) => simplified.dissolve(codes.map((c) => wardIndex.get(c)).filter((i): i is number => i !== undefined)),
  };
}

/**
 * Where a district's name goes: the interior point of the ward nearest the
 * middle of the district's wards. Always inside the district, even for one
 * with islands (Swale) or a ragged coast.
 */
function labelPoint(members: { centroidLng: number; centroidLat: number }[]): LngLat {
  const lng = members.reduce((s, m) => s + m.centroidLng, 0) / members.length;
  const lat = members.reduce((s, m) => s + m.centroidLat, 0) / members.length;
  const k = Math.cos((lat * Math.PI) / 180);
  const nearest = members.reduce((best, m) =>
    ((m.centroidLng - lng) * k) ** 2 + (m.centroidLat - lat) ** 2 < ((best.centroidLng - lng) * k) ** 2 + (best.centroidLat - lat) ** 2 ? m : best,
  );
  const round = (x: number) => Math.round(x * 1e5) / 1e5;
  return [round(nearest.centroidLng), round(nearest.centroidLat)];
}

// Built on first use and kept for the life of the process, like the ward
// index: boundaries change only on re-import, which is followed by a restart.
let boundaryCache: { db: Db; layers: BoundaryLayers } | undefined;

export function getBoundaryLayers(): BoundaryLayers {
  const db = getDb();
  if (boundaryCache?.db !== db) boundaryCache = { db, layers: buildBoundaryLayers(db) };
  return boundaryCache.layers;
}

export interface TeamAreaProperties {
  slug: string;
  name: string;
  districtCode: string;
  wards: number;
}

export interface TeamAreas {
  /** A fingerprint of which ward is in which team: the team areas' address version. */
  version: string;
  features: AreaFeature<TeamAreaProperties>[];
}

function teamAssignment(db: Db) {
  return db
    .select({ slug: teams.slug, name: teams.name, districtCode: teams.districtCode, wardCode: teamWards.wardCode })
    .from(teamWards)
    .innerJoin(teams, eq(teams.id, teamWards.teamId))
    .orderBy(asc(teams.slug), asc(teamWards.wardCode))
    .all();
}

type Assignment = ReturnType<typeof teamAssignment>;

const fingerprint = (rows: Assignment) =>
  createHash("sha256")
    .update(rows.map((r) => `${r.slug}\t${r.name}\t${r.wardCode}`).join("\n"))
    .digest("base64url")
    .slice(0, 12);

/** The version of the current team areas, without building them. */
export function teamAreasVersion(): string {
  return `${getBoundaryLayers().version}.${fingerprint(teamAssignment(getDb()))}`;
}

// Wards can move between teams while the app runs, so team areas are rebuilt
// whenever the assignment's fingerprint changes.
let teamAreaCache: TeamAreas | undefined;

export function getTeamAreas(): TeamAreas {
  const rows = teamAssignment(getDb());
  const layers = getBoundaryLayers();
  const version = `${layers.version}.${fingerprint(rows)}`;
  if (teamAreaCache?.version === version) return teamAreaCache;
  const byTeam = new Map<string, Assignment>();
  for (const r of rows) byTeam.set(r.slug, [...(byTeam.get(r.slug) ?? []), r]);
  const features = [...byTeam].flatMap(([slug, members]): AreaFeature<TeamAreaProperties>[] => {
    const geometry = layers.mergeWards(members.map((m) => m.wardCode));
    const first = members[0]!;
    return geometry ? [{ type: "Feature", properties: { slug, name: first.name, districtCode: first.districtCode, wards: members.length }, geometry }] : [];
  });
  teamAreaCache = { version, features };
  return teamAreaCache;
}

/**
 * Some wards (role "ward") followed by the wards bordering them (role
 * "neighbour"), on the county's simplified boundaries: what a team's or a
 * district's page draws, without the other 250-odd wards.
 */
function wardsWithNeighbours(codes: Iterable<string>): AreaFeature<WardShapeProperties & { role: "ward" | "neighbour" }>[] {
  const layers = getBoundaryLayers();
  const own = new Set(codes);
  const around = new Set([...own].flatMap((c) => layers.neighbours.get(c) ?? []).filter((c) => !own.has(c)));
  const shape = (code: string, role: "ward" | "neighbour") => {
    const i = layers.wardIndex.get(code);
    const f = i === undefined ? undefined : layers.wards[i];
    return f ? [{ ...f, properties: { ...f.properties, role } }] : [];
  };
  return [...[...own].flatMap((c) => shape(c, "ward")), ...[...around].sort().flatMap((c) => shape(c, "neighbour"))];
}

/** A team's wards and those bordering them (wardsWithNeighbours). Null for an unknown team. */
export function teamWardShapes(slug: string): AreaFeature<WardShapeProperties & { role: "ward" | "neighbour" }>[] | null {
  const rows = teamAssignment(getDb()).filter((r) => r.slug === slug);
  return rows.length === 0 ? null : wardsWithNeighbours(rows.map((r) => r.wardCode));
}

/** A district's wards and those bordering them, in the districts around it (wardsWithNeighbours). Null for an unknown district. */
export function districtWardShapes(districtCode: string): AreaFeature<WardShapeProperties & { role: "ward" | "neighbour" }>[] | null {
  const own = getBoundaryLayers().wards.filter((w) => w.properties.districtCode === districtCode);
  return own.length === 0 ? null : wardsWithNeighbours(own.map((w) => w.properties.code));
}

export type PreviewColouring = "district" | "plain";

// One picture per colouring, for the current boundaries.
let previewCache: { version: string; svg: Record<PreviewColouring, string> } | undefined;

/**
 * The county map as a picture (lib/map/preview-svg.ts), on the overview
 * boundaries: wards in their district's colour, as /map first shows them, or
 * all in the one plain fill under any other colouring.
 */
export function countyPreviewSvg(colouring: PreviewColouring): { version: string; svg: string } {
  const layers = getBoundaryLayers();
  if (previewCache?.version !== layers.version) {
    const byName = [...layers.overview.districts].sort((a, b) => a.properties.name.localeCompare(b.properties.name));
    const colours = districtColours(byName.map((d) => d.properties.code));
    const draw = (fill: (districtCode: string) => string, edge: string) =>
      previewSvg({
        wards: layers.overview.wards.map((w) => ({ geometry: w.geometry, fill: fill(w.properties.districtCode) })),
        districts: layers.overview.districts.map((d) => d.geometry),
        fillOpacity: MAP_FILL_OPACITY,
        edge,
      });
    previewCache = {
      version: layers.version,
      svg: { district: draw((code) => colours[code] ?? NO_DATA_COLOUR, "#ffffff"), plain: draw(() => "#ffffff", "#8c9196") },
    };
  }
  return { version: previewCache.version, svg: previewCache.svg[colouring] };
}
