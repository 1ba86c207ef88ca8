// What a partner downloads from /partners/map: the layers they have switched
// on, as GeoJSON (with the simplified boundaries drawn on the map) or as CSV
// (one row per feature, with a point to place it).
import type { Feature, FeatureCollection, Geometry } from "geojson";
import type { AreaGeometry, LngLat } from "../geo";
import { freshnessLabel, freshnessOf, themeRank, type MapWard } from "./colours";
import type { LayerSelection } from "./layers";
import { EVENT_TYPE_LABELS, THEME_LABELS } from "../labels";
import { VOICE_EXPORT_COLUMNS, voiceColumns, type VoicesByWard } from "./voices";
import { csvCell } from "../csv";

export { csvCell };

export interface ExportSource {
  selection: LayerSelection;
  currentMonth: string;
  /** The site's origin, for the links in each row. */
  origin: string;
  wards: MapWard[];
  wardShapes: ReadonlyMap<string, AreaGeometry>;
  districts: { code: string; name: string; label: LngLat; geometry: AreaGeometry }[];
  teamAreas: { slug: string; name: string; districtCode: string; wards: number; geometry: AreaGeometry }[];
  /** Residents' responses this month, only for wards with 5 or more. */
  voices: VoicesByWard;
  venues: {
    eventId: number;
    type: keyof typeof EVENT_TYPE_LABELS;
    title: string;
    venue: string;
    address: string;
    lat: number;
    lng: number;
    startsAt: Date;
    wardCode: string | null;
    wardName: string | null;
    teamName: string;
  }[];
}

export const EXPORT_COLUMNS = [
  "layer",
  "code",
  "name",
  "district",
  "team",
  "priority_rank",
  "theme",
  "detail",
  "last_update",
  "event_type",
  "starts_at",
  "lat",
  "lng",
  "url",
  ...VOICE_EXPORT_COLUMNS,
] as const;

type Row = Record<(typeof EXPORT_COLUMNS)[number], string | number | null>;

interface ExportItem {
  row: Row;
  geometry: Geometry;
}

const blank: Row = Object.fromEntries(EXPORT_COLUMNS.map((c) => [c, null])) as Row;

function items(source: ExportSource): ExportItem[] {
  const { selection, wards, origin, currentMonth } = source;
  const on = (layer: string) => (selection.layers as string[]).includes(layer);
  const districtNames = new Map(wards.map((w) => [w.districtCode, w.districtName]));
  const point = ([lng, lat]: LngLat): Geometry => ({ type: "Point", coordinates: [lng, lat] });
  const out: ExportItem[] = [];

  if (on("districts")) {
    for (const d of source.districts) {
      out.push({
        row: { ...blank, layer: "district", code: d.code, name: d.name, district: d.name, lng: d.label[0], lat: d.label[1], url: `${origin}/districts/${d.code}` },
        geometry: d.geometry,
      });
    }
  }
  if (on("teams")) {
    for (const t of source.teamAreas) {
      out.push({
        row: { ...blank, layer: "team_area", code: t.slug, name: t.name, district: districtNames.get(t.districtCode) ?? t.districtCode, team: t.name, detail: `${t.wards} wards`, url: `${origin}/teams/${t.slug}` },
        geometry: t.geometry,
      });
    }
  }
  for (const w of wards) {
    const geometry = source.wardShapes.get(w.code);
    if (!geometry) continue;
    const base: Row = {
      ...blank,
      code: w.code,
      name: w.name,
      district: w.districtName,
      team: w.teamName,
      last_update: w.latestUpdate ? `${w.latestUpdate} (${freshnessLabel(freshnessOf(w.latestUpdate, currentMonth), currentMonth)})` : null,
      lng: w.centre[0],
      lat: w.centre[1],
      url: `${origin}/wards/${w.code}`,
    };
    if (on("wards")) {
      const detail = [...w.priorities].sort((a, b) => a.rank - b.rank).map((p) => `${p.rank}. ${p.title}`).join(" | ");
      out.push({ row: { ...base, layer: "ward", detail: detail || null }, geometry });
    }
    if (on("priorities")) {
      const rank = themeRank(w, selection.theme);
      const priority = w.priorities.find((p) => p.rank === rank);
      if (rank && priority) {
        out.push({ row: { ...base, layer: "priority", priority_rank: rank, theme: THEME_LABELS[selection.theme], detail: priority.title }, geometry });
      }
    }
  }
  if (on("responses")) {
    for (const w of wards) {
      const geometry = source.wardShapes.get(w.code);
      if (geometry) out.push({ row: { ...blank, layer: "responses", code: w.code, name: w.name, district: w.districtName, team: w.teamName, lng: w.centre[0], lat: w.centre[1], url: `${origin}/wards/${w.code}`, ...voiceColumns(source.voices[w.code], currentMonth) }, geometry });
    }
  }
  if (on("venues")) {
    for (const v of source.venues) {
      out.push({
        row: {
          ...blank,
          layer: "venue",
          code: String(v.eventId),
          name: v.venue,
          team: v.teamName,
          detail: [v.title, v.address].filter(Boolean).join(", "),
          event_type: EVENT_TYPE_LABELS[v.type],
          starts_at: v.startsAt.toISOString(),
          lat: v.lat,
          lng: v.lng,
          url: v.wardCode ? `${origin}/wards/${v.wardCode}` : null,
        },
        geometry: point([v.lng, v.lat]),
      });
    }
  }
  return out;
}

export function exportGeoJson(source: ExportSource): FeatureCollection {
  return {
    type: "FeatureCollection",
    features: items(source).map(
      ({ row, geometry }): Feature => ({
        type: "Feature",
        properties: Object.fromEntries(Object.entries(row).filter(([k, v]) => v !== null && k !== "lat" && k !== "lng")),
        geometry,
      }),
    ),
  };
}

export function exportCsv(source: ExportSource): string {
  const lines = [EXPORT_COLUMNS.join(","), ...items(source).map(({ row }) => EXPORT_COLUMNS.map((c) => csvCell(row[c])).join(","))];
  return `${lines.join("\r\n")}\r\n`;
}
