import { useNavigate } from "@remix-run/react";
import L from "leaflet";
import { useCallback, useMemo } from "react";
import { MAP_FILL_OPACITY, wardFill } from "~/lib/map/colours";
import { BaseMap, FitBounds, useGeoJson } from "./base-map.client";
import { DistrictOutlines } from "./district-outlines.client";
import type { CountyMapProps, DistrictShapeCollection, WardShapeCollection } from "./types";
import { describeWard } from "./describe";
import { WardShapes } from "./ward-shapes.client";

/** Every ward in Kent and Medway, coloured by the chosen rule, with the districts on top. */
export default function CountyMap({ wards, mode, colours, wardsUrl, districtsUrl, tiles }: CountyMapProps) {
  const navigate = useNavigate();
  const shapes = useGeoJson<WardShapeCollection>(wardsUrl);
  const districts = useGeoJson<DistrictShapeCollection>(districtsUrl);
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

  return (
    <>
      {shapes.failed || districts.failed ? (
        <p className="map-status" role="status">
          The map boundaries could not be loaded. Every ward is listed in the table below.
        </p>
      ) : null}
      <BaseMap label="Map of the wards of Kent and Medway" describedBy="map-help" tiles={tiles} className="map--county">
        {shapes.data ? <WardShapes shapes={shapes.data} styleKey={mode} style={style} describe={describe} centre={centre} onOpen={open} /> : null}
        {districts.data ? <DistrictOutlines districts={districts.data} /> : null}
        <FitBounds bounds={bounds} padding={10} />
      </BaseMap>
    </>
  );
}
