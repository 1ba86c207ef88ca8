import { useNavigate } from "@remix-run/react";
import L from "leaflet";
import { useCallback, useEffect, useMemo } from "react";
import { useMap } from "react-leaflet";
import { partnerWardFill } from "~/lib/map/colours";
import type { PartnerLayer } from "~/lib/map/layers";
import { voicesFill } from "~/lib/map/voices";
import { BaseMap, FitBounds, useGeoJson } from "./base-map.client";
import { describeWard } from "./describe";
import { DistrictOutlines } from "./district-outlines.client";
import { TeamAreas } from "./team-areas.client";
import type { DistrictShapeCollection, PartnerMapProps, PartnerVenue, TeamAreaFeature, WardShapeCollection } from "./types";
import { WardShapes } from "./ward-shapes.client";

/** The partner agencies' map: the layers they have switched on, the same data as the downloads. */
export default function PartnerMap({ wards, selection, colours, venues, voices, urls, tiles }: PartnerMapProps) {
  const navigate = useNavigate();
  const on = (layer: PartnerLayer) => selection.layers.includes(layer);
  const wardsOn = on("wards");
  const voicesOn = on("responses");
  const prioritiesOn = on("priorities");
  const wantWards = wardsOn || on("priorities") || voicesOn;
  const shapes = useGeoJson<WardShapeCollection>(wantWards ? urls.wards : null);
  const districts = useGeoJson<DistrictShapeCollection>(on("districts") ? urls.districts : null);
  const teams = useGeoJson<{ features: TeamAreaFeature[] }>(on("teams") ? urls.teams : null);
  const byCode = useMemo(() => new Map(wards.map((w) => [w.code, w])), [wards]);
  const bounds = useMemo(() => (shapes.data ? L.geoJSON(shapes.data).getBounds() : null), [shapes.data]);

  // With the ward layer off, only the wards that have the chosen priority are drawn.
  const drawn = useMemo(() => {
    if (!shapes.data) return null;
    if (wardsOn) return shapes.data;
    const features = shapes.data.features.filter((f) => {
      const ward = byCode.get(f.properties.code);
      if (voicesOn && voices[f.properties.code]) return true;
      return ward && prioritiesOn && partnerWardFill(ward, { layers: ["priorities"], theme: selection.theme }, colours);
    });
    return { ...shapes.data, features };
  }, [shapes.data, wardsOn, voicesOn, prioritiesOn, selection.theme, byCode, colours, voices]);

  const styleKey = `${selection.layers.join(",")}|${selection.theme}`;
  const style = useCallback(
    (code: string) => {
      const ward = byCode.get(code);
      // The residents' layer, when on, shades the wards it has numbers for; the others keep the usual fill.
      const fill = (voicesOn ? voicesFill(voices[code], selection.theme) : null) ?? (ward ? partnerWardFill(ward, selection, colours) : null);
      return {
        fillColor: fill ?? "#ffffff",
        fillOpacity: fill ? 0.75 : 0.35,
        color: wardsOn ? "#505a5f" : "#ffffff",
        weight: wardsOn ? 0.8 : 0.5,
        opacity: 1,
      };
    },
    [byCode, selection, colours, wardsOn, voicesOn, voices],
  );
  const describe = useCallback(
    (code: string) => {
      const d = describeWard(byCode.get(code), code);
      const tally = voicesOn ? voices[code] : undefined;
      return tally ? { ...d, lines: [...d.lines, `Residents this month: ${tally.counts[selection.theme] ?? 0} of ${tally.respondents} named this theme`] } : d;
    },
    [byCode, voicesOn, voices, selection.theme],
  );
  const centre = useCallback((code: string) => byCode.get(code)?.centre ?? null, [byCode]);
  const open = useCallback((code: string) => navigate(`/wards/${code}`), [navigate]);
  const failed = shapes.failed || districts.failed || teams.failed;

  return (
    <>
      {failed ? (
        <p className="map-status" role="status">
          Some map layers could not be loaded. The tables below list what the map shows.
        </p>
      ) : null}
      <BaseMap label="Partner map of Kent and Medway" describedBy="map-help" tiles={tiles} className="map--county">
        {drawn ? <WardShapes shapes={drawn} styleKey={styleKey} style={style} describe={describe} centre={centre} onOpen={open} /> : null}
        {teams.data ? <TeamAreas areas={teams.data.features} colours={colours.teamColours} fill={!wantWards} /> : null}
        {districts.data ? <DistrictOutlines districts={districts.data} /> : null}
        {on("venues") ? <VenueDots venues={venues} /> : null}
        <FitBounds bounds={bounds} padding={10} />
      </BaseMap>
    </>
  );
}

const VENUE_PANE = "venueDots";

/**
 * Dot size by zoom: at the county view (zoom 7 to 8, a phone's whole screen)
 * 560 venues at full size would bury the map, so they start as specks and
 * grow to a comfortable target as the map zooms in.
 */
export const venueRadius = (zoom: number) => Math.round(Math.max(2, Math.min(6, 2 + (zoom - 8) * 1.5)) * 2) / 2;

/** Hundreds of venues: small dots with a tooltip, listed in full in the venue table for keyboard and screen reader users. */
function VenueDots({ venues }: { venues: PartnerVenue[] }) {
  const map = useMap();
  useEffect(() => {
    // Above every boundary layer, whichever arrives first.
    if (!map.getPane(VENUE_PANE)) {
      const pane = map.createPane(VENUE_PANE);
      pane.style.zIndex = "440";
      // Only the dots themselves take the pointer; elsewhere it reaches the wards below.
      pane.style.pointerEvents = "none";
    }
    const dots = venues.map((v) =>
      L.circleMarker([v.lat, v.lng], { pane: VENUE_PANE, radius: venueRadius(map.getZoom()), color: "#ffffff", weight: 1, fillColor: "#0b0c0c", fillOpacity: 1, className: "map-venue-dot" }).bindTooltip(
        () => {
          const el = document.createElement("div");
          const strong = document.createElement("strong");
          strong.textContent = v.title;
          const line = document.createElement("div");
          line.textContent = `${v.venue}, ${v.when}`;
          el.append(strong, line);
          return el;
        },
        { className: "map-tooltip", direction: "top" },
      ),
    );
    const group = L.layerGroup(dots).addTo(map);
    const resize = () => {
      const radius = venueRadius(map.getZoom());
      for (const dot of dots) dot.setRadius(radius);
    };
    map.on("zoomend", resize);
    return () => {
      map.off("zoomend", resize);
      group.remove();
    };
  }, [map, venues]);
  return null;
}
