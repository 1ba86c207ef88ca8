// Data for the maps: simplified boundaries (built once per process from the
// full-precision ONS geometry, which stays untouched for point lookups), and
// what each ward's map shape is coloured and labelled with.
import { createHash } from "node:crypto";
import { and, asc, eq, gte, isNotNull, isNull, lte, max } from "drizzle-orm";
import { districts, events, priorities, priorityUpdates, teams, teamWards, wards } from "../../db/schema";
import { getDb, type Db } from "~/lib/db.server";
import type { AreaFeature, AreaGeometry, LngLat } from "~/lib/geo";
import { districtColours, groupNeighbours, teamColours, type MapWard, type Theme } from "~/lib/map-colours";
import { ukMonth } from "~/lib/format";
import type { ExportSource } from "~/lib/map-export";
import type { LayerSelection, PartnerLayer } from "~/lib/map-layers";
import { geometryVersion } from "~/lib/map-urls";
import { COUNTY_SIMPLIFICATION, simplifyAreas } from "~/lib/simplify-geometry";
import { partnerVoices } from "./response.server";

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
  const simplified = simplifyAreas(
    rows.map((r) => ({
      type: "Feature" as const,
      properties: { code: r.code, name: r.name, districtCode: r.districtCode },
      geometry: JSON.parse(r.geometry) as AreaGeometry,
    })),
    COUNTY_SIMPLIFICATION,
  );
  const wardIndex = new Map(rows.map((r, i) => [r.code, i]));
  const neighbours = new Map(rows.map((r, i) => [r.code, simplified.neighbours[i]!.map((j) => rows[j]!.code)]));

  // District outlines come from the ONS district polygons, not from merging
  // wards: the ward file mixes two generalisations, whose edges do not quite
  // meet, and a merge would draw those seams as district borders.
  const districtRows = db.select({ code: districts.code, name: districts.name, geometry: districts.geometry }).from(districts).orderBy(asc(districts.name)).all();
  const simplifiedDistricts = simplifyAreas(
    districtRows.map((d) => ({ type: "Feature" as const, properties: { code: d.code, name: d.name }, geometry: JSON.parse(d.geometry) as AreaGeometry })),
    COUNTY_SIMPLIFICATION,
  );
  const districtFeatures = simplifiedDistricts.features.map(
    (f): AreaFeature<DistrictShapeProperties> => ({ ...f, properties: { ...f.properties, label: labelPoint(rows.filter((r) => r.districtCode === f.properties.code)) } }),
  );

  const vintages = [...new Set(rows.map((r) => r.vintage))].sort();
  return {
    version: geometryVersion(vintages.join("+") || "none"),
    wards: simplified.features,
    wardIndex,
    neighbours,
    districts: districtFeatures,
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
 * Every ward with what the map shows about it: district, team, active
 * priorities and the month of its newest published update.
 */
export function listMapWards(now = new Date()): MapWard[] {
  const db = getDb();
  const rows = db
    .select({
      code: wards.code,
      name: wards.name,
      districtCode: districts.code,
      districtName: districts.name,
      teamSlug: teams.slug,
      teamName: teams.name,
      centroidLng: wards.centroidLng,
      centroidLat: wards.centroidLat,
    })
    .from(wards)
    .innerJoin(districts, eq(districts.code, wards.districtCode))
    .leftJoin(teamWards, eq(teamWards.wardCode, wards.code))
    .leftJoin(teams, eq(teams.id, teamWards.teamId))
    .orderBy(asc(districts.name), asc(wards.name))
    .all();
  const active = db
    .select({ wardCode: priorities.wardCode, rank: priorities.rank, theme: priorities.theme, title: priorities.title })
    .from(priorities)
    .where(eq(priorities.status, "active"))
    .orderBy(asc(priorities.wardCode), asc(priorities.rank))
    .all();
  const latest = db
    .select({ wardCode: priorities.wardCode, month: max(priorityUpdates.month) })
    .from(priorityUpdates)
    .innerJoin(priorities, eq(priorities.id, priorityUpdates.priorityId))
    .where(lte(priorityUpdates.publishedAt, now))
    .groupBy(priorities.wardCode)
    .all();

  const prioritiesByWard = new Map<string, MapWard["priorities"]>();
  for (const p of active) prioritiesByWard.set(p.wardCode, [...(prioritiesByWard.get(p.wardCode) ?? []), { rank: p.rank, theme: p.theme as Theme, title: p.title }]);
  const latestByWard = new Map(latest.map((l) => [l.wardCode, l.month]));

  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    districtCode: r.districtCode,
    districtName: r.districtName,
    teamSlug: r.teamSlug,
    teamName: r.teamName,
    latestUpdate: latestByWard.get(r.code) ?? null,
    priorities: prioritiesByWard.get(r.code) ?? [],
    centre: [Math.round(r.centroidLng * 1e5) / 1e5, Math.round(r.centroidLat * 1e5) / 1e5],
  }));
}

/** The fill colours for districts (alphabetical) and teams (neighbouring teams differ). */
export function mapColours(mapWards: MapWard[]): { districtColours: Record<string, string>; teamColours: Record<string, string> } {
  const districtCodes = [...new Map(mapWards.map((w) => [w.districtCode, w.districtName]))].sort((a, b) => a[1].localeCompare(b[1])).map(([code]) => code);
  const teamOf = new Map(mapWards.map((w) => [w.code, w.teamSlug]));
  const slugs = [...new Set(mapWards.map((w) => w.teamSlug).filter((s): s is string => !!s))].sort();
  const adjacency = groupNeighbours(getBoundaryLayers().neighbours, (code) => teamOf.get(code) ?? null);
  return { districtColours: districtColours(districtCodes), teamColours: teamColours(slugs, adjacency) };
}

export interface Venue {
  eventId: number;
  type: (typeof events.$inferSelect)["type"];
  title: string;
  venue: string;
  address: string;
  lat: number;
  lng: number;
  startsAt: Date;
  endsAt: Date;
  wardCode: string | null;
  wardName: string | null;
  teamSlug: string;
  teamName: string;
}

/** Upcoming, not cancelled, in-person surgeries and meetings that have a location. */
export function listUpcomingVenues(now = new Date()): Venue[] {
  return getDb()
    .select({
      eventId: events.id,
      type: events.type,
      title: events.title,
      venue: events.venue,
      address: events.address,
      lat: events.lat,
      lng: events.lng,
      startsAt: events.startsAt,
      endsAt: events.endsAt,
      wardCode: events.wardCode,
      wardName: wards.name,
      teamSlug: teams.slug,
      teamName: teams.name,
    })
    .from(events)
    .innerJoin(teams, eq(teams.id, events.teamId))
    .leftJoin(wards, eq(wards.code, events.wardCode))
    .where(and(gte(events.endsAt, now), isNull(events.cancelledAt), isNotNull(events.lat), isNotNull(events.lng)))
    .orderBy(asc(events.startsAt))
    .all()
    .map((v) => ({ ...v, lat: v.lat!, lng: v.lng! }));
}

/** Everything a partner download needs for the layers selected (and nothing for the others). */
export function partnerExportSource(selection: LayerSelection, origin: string, now = new Date()): ExportSource {
  const on = (layer: PartnerLayer) => selection.layers.includes(layer);
  const layers = getBoundaryLayers();
  const wardShapes = new Map(layers.wards.map((f) => [f.properties.code, f.geometry]));
  return {
    selection,
    origin,
    currentMonth: ukMonth(now),
    wards: listMapWards(now),
    wardShapes,
    districts: on("districts") ? layers.districts.map((d) => ({ ...d.properties, geometry: d.geometry })) : [],
    teamAreas: on("teams") ? getTeamAreas().features.map((t) => ({ ...t.properties, geometry: t.geometry })) : [],
    venues: on("venues") ? listUpcomingVenues(now) : [],
    voices: on("responses") ? partnerVoices(ukMonth(now)) : {},
  };
}
