import { useNavigate } from "@remix-run/react";
import L from "leaflet";
import { useCallback, useEffect, useMemo } from "react";
import { BaseMap, FitBounds, useGeoJson } from "./base-map.client";
import type { AreaMapProps, WardShapeCollection } from "./types";
import { VenueMarkers } from "./venue-markers.client";
import { WardShapes } from "./ward-shapes.client";

const HIGHLIGHT = { fillColor: "#1d70b8", fillOpacity: 0.35, color: "#003078", weight: 3, opacity: 1 };
const CONTEXT = { fillColor: "#ffffff", fillOpacity: 0.7, color: "#6f777b", weight: 1, opacity: 1 };

/**
 * The area a page is about (a ward, a district's wards, a team's wards) drawn
 * strongly, with the wards around it faint for context, and any venues.
 */
export default function AreaMap({ geometryUrl, highlight, label, venues = [], tiles, onLoaded }: AreaMapProps) {
  const navigate = useNavigate();
  const shapes = useGeoJson<WardShapeCollection>(geometryUrl);
  // Keyed on the codes, not the array, which callers build afresh on every render.
  const highlightKey = highlight.join(",");
  const highlighted = useMemo(() => new Set(highlightKey.split(",")), [highlightKey]);

  // Drawn last, so that no faint neighbour's edge is painted over the area's outline.
  const ordered = useMemo(
    () =>
      shapes.data && {
        ...shapes.data,
        features: [...shapes.data.features].sort((a, b) => Number(highlighted.has(a.properties.code)) - Number(highlighted.has(b.properties.code))),
      },
    [shapes.data, highlighted],
  );

  const bounds = useMemo(() => {
    const inArea = shapes.data?.features.filter((f) => highlighted.has(f.properties.code)) ?? [];
    return inArea.length ? L.geoJSON({ type: "FeatureCollection", features: inArea } as WardShapeCollection).getBounds() : null;
  }, [shapes.data, highlighted]);

  useEffect(() => {
    if (shapes.data && onLoaded) {
      onLoaded(shapes.data.features.map((f) => ({ code: f.properties.code, name: f.properties.name, highlighted: highlighted.has(f.properties.code) })));
    }
  }, [shapes.data, highlighted, onLoaded]);

  const style = useCallback((code: string) => (highlighted.has(code) ? HIGHLIGHT : CONTEXT), [highlighted]);
  const names = useMemo(() => new Map(shapes.data?.features.map((f) => [f.properties.code, f.properties.name]) ?? []), [shapes.data]);
  const describe = useCallback(
    (code: string) => ({ heading: names.get(code) ?? code, lines: [highlighted.has(code) ? "Shown on this page" : "Open this ward's page"] }),
    [names, highlighted],
  );
  const open = useCallback((code: string) => navigate(`/wards/${code}`), [navigate]);

  return (
    <>
      {shapes.failed ? (
        <p className="map-status" role="status">
          The map could not be loaded.
        </p>
      ) : null}
      <BaseMap label={label} tiles={tiles} className="map--area">
        {ordered ? (
          <WardShapes shapes={ordered} styleKey={highlightKey} style={style} describe={describe} onOpen={open} startAt={highlight[0]} />
        ) : null}
        <FitBounds bounds={bounds} />
        <VenueMarkers venues={venues} />
      </BaseMap>
    </>
  );
}
