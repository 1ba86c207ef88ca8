// What each ward's map shape is coloured and labelled with, the venues on the
// partner map, and what a partner download holds.
import { and, asc, eq, gt, gte, isNotNull, isNull, lte, max, min } from "drizzle-orm";
import { districts, events, priorities, priorityUpdates, teams, teamWards, wards } from "../../db/schema";
import { contentChangesAt, nextUkMonthStarts } from "~/lib/content-expiry.server";
import { getDb } from "~/lib/db.server";
import { districtColours, groupNeighbours, teamColours, type MapWard, type Theme } from "~/lib/map/colours";
import { ukMonth } from "~/lib/format";
import type { ExportSource } from "~/lib/map/export";
import type { LayerSelection, PartnerLayer } from "~/lib/map/layers";
import { getBoundaryLayers, getTeamAreas } from "./boundaries.server";
import { partnerVoices } from "./response.server";

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

  // Colours by freshness are relative to this month, and an update scheduled for later appears when it is published.
  contentChangesAt(nextUkMonthStarts(now));
  contentChangesAt(db.select({ at: min(priorityUpdates.publishedAt) }).from(priorityUpdates).where(gt(priorityUpdates.publishedAt, now)).get()?.at);

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
