import { useNavigate } from "@remix-run/react";
import L from "leaflet";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useMapEvents } from "react-leaflet";
import { MAP_FILL_OPACITY, wardFill } from "~/lib/map/colours";
import { OVERVIEW_MAX_ZOOM } from "~/lib/map/urls";
import { BaseMap, FitBounds, useGeoJson } from "./base-map.client";
import { DistrictOutlines } from "./district-outlines.client";
import type { CountyMapProps, DistrictShapeCollection, WardShapeCollection } from "./types";
import { describeWard } from "./describe";
import { WardShapes } from "./ward-shapes.client";

/**
 * Every ward in Kent and Medway, coloured by the chosen rule, with the districts on top.
 * The light overview boundaries are drawn first; the finer ones are fetched only
 * when someone zooms in far enough to see the difference, and replace them in place.
 */
export default function CountyMap({ wards, mode, colours, overview, detail, tiles, onDrawn }: CountyMapProps) {
  const navigate = useNavigate();
  const [zoomedIn, setZoomedIn] = useState(false);
  const shapes = useGeoJson<WardShapeCollection>(overview.wards);
  const districtsOverview = useGeoJson<DistrictShapeCollection>(overview.districts);
  const fineShapes = useGeoJson<WardShapeCollection>(zoomedIn ? detail.wards : null);
  const fineDistricts = useGeoJson<DistrictShapeCollection>(zoomedIn ? detail.districts : null);
  const districts = fineDistricts.data ?? districtsOverview.data;
  const byCode = useMemo(() => new Map(wards.map((w) => [w.code, w])), [wards]);
  const bounds = useMemo(() => (shapes.data ? L.geoJSON(shapes.data).getBounds() : null), [shapes.data]);

  const style = useCallback(
    (code: string) => {
      const ward = byCode.get(code);
      return {
        fillColor: ward ? wardFill(mode, ward, colours) : "#ffffff",
        fillOpacity: MAP_FILL_OPACITY,
        color: "#ffffff",
        weight: 0.8,
        opacity: 1,
      };
    },
    [byCode, mode, colours],
  );
  const describe = useCallback((code: string) => describeWard(byCode.get(code), code), [byCode]);
  const centre = useCallback((code: string) => byCode.get(code)?.centre ?? null, [byCode]);
  const open = useCallback((code: string) => navigate(`/wards/${code}`), [navigate]);
  // After the shapes' own effects, so the wards are on the map by now.
  useEffect(() => {
    if (shapes.data || shapes.failed) onDrawn?.();
  }, [shapes.data, shapes.failed, onDrawn]);

  return (
    <>
      {shapes.failed || districtsOverview.failed ? (
        <p className="map-status" role="status">
          The map boundaries could not be loaded. Every ward is listed below.
        </p>
      ) : null}
      <BaseMap label="Map of the wards of Kent and Medway" describedBy="map-help" tiles={tiles} className="map--county">
        {shapes.data ? (
          <WardShapes shapes={shapes.data} refined={fineShapes.data} styleKey={mode} style={style} describe={describe} centre={centre} onOpen={open} />
        ) : null}
        {districts ? <DistrictOutlines districts={districts} /> : null}
        <FitBounds bounds={bounds} padding={10} exact />
        {zoomedIn ? null : <WhenZoomedPast zoom={OVERVIEW_MAX_ZOOM} then={() => setZoomedIn(true)} />}
      </BaseMap>
    </>
  );
}

function WhenZoomedPast({ zoom, then }: { zoom: number; then: () => void }) {
  const map = useMapEvents({ zoomend: () => map.getZoom() > zoom && then() });
  return null;
}
