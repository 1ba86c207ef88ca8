import L from "leaflet";
import { useEffect } from "react";
import { useMap } from "react-leaflet";
import type { TeamAreaFeature } from "./types";

// Above the wards, below the district outlines.
const TEAM_PANE = "teamAreas";

/** Neighbourhood team boundaries; filled with the team's colour when no ward layer does that. */
export function TeamAreas({ areas, colours, fill }: { areas: TeamAreaFeature[]; colours: Record<string, string>; fill: boolean }) {
  const map = useMap();
  useEffect(() => {
    if (!map.getPane(TEAM_PANE)) {
      const pane = map.createPane(TEAM_PANE);
      pane.style.zIndex = "420";
      pane.style.pointerEvents = "none";
    }
    const layer = L.geoJSON({ type: "FeatureCollection", features: areas } as GeoJSON.FeatureCollection, {
      interactive: false,
      pane: TEAM_PANE,
      style: (f) => ({
        color: "#0b0c0c",
        weight: 2.5,
        dashArray: "6 4",
        opacity: 1,
        fill,
        fillColor: colours[(f?.properties as { slug: string }).slug] ?? "#ffffff",
        fillOpacity: 0.6,
        className: "map-team",
      }),
    }).addTo(map);
    return () => {
      layer.remove();
    };
  }, [map, areas, colours, fill]);
  return null;
}
