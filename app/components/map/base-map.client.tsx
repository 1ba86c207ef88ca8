import L from "leaflet";
// Registers the "gestureHandling" map option: the page scrolls when a wheel or
// one finger passes over a map; Ctrl + wheel or two fingers move the map.
import "leaflet-gesture-handling";
import { useEffect, useState, type ReactNode } from "react";
import { MapContainer, TileLayer, useMap } from "react-leaflet";
import { toLatLng, type BBox } from "~/lib/geo";
import type { TileLayerConfig } from "./types";

/** Kent and Medway's wards, [minLng, minLat, maxLng, maxLat]: the view before boundaries arrive. */
const KENT_WARDS_BBOX: BBox = [0.03, 50.91, 1.45, 51.49];

export const boundsOf = ([minLng, minLat, maxLng, maxLat]: BBox) => L.latLngBounds(toLatLng([minLng, minLat]), toLatLng([maxLng, maxLat]));

const GESTURES = {
  gestureHandling: true,
  gestureHandlingOptions: {
    text: {
      touch: "Use two fingers to move the map",
      scroll: "Use Ctrl and scroll to zoom the map",
      scrollMac: "Use ⌘ and scroll to zoom the map",
    },
  },
} as object;

const BOUNDARY_ATTRIBUTION = "Boundaries: ONS, OGL v3. Contains OS data © Crown copyright and database right 2024";

/**
 * A map that is complete without a base map: boundaries on a plain background.
 * Tiles are drawn underneath only when the service is configured with them.
 */
export function BaseMap({
  label,
  describedBy,
  tiles,
  className,
  children,
}: {
  label: string;
  describedBy?: string;
  tiles: TileLayerConfig | null;
  className: string;
  children: ReactNode;
}) {
  return (
    <MapContainer
      bounds={boundsOf(KENT_WARDS_BBOX)}
      className={`map ${className}`}
      zoomSnap={0.25}
      zoomDelta={0.5}
      wheelPxPerZoomLevel={120}
      minZoom={7}
      maxZoom={18}
      {...GESTURES}
    >
      {tiles ? <TileLayer url={tiles.url} attribution={tiles.attribution} /> : null}
      <MapSetup label={label} describedBy={describedBy} />
      {children}
    </MapContainer>
  );
}

function MapSetup({ label, describedBy }: { label: string; describedBy?: string }) {
  const map = useMap();
  useEffect(() => {
    const container = map.getContainer();
    container.setAttribute("role", "region");
    container.setAttribute("aria-label", label);
    if (describedBy) container.setAttribute("aria-describedby", describedBy);
    map.attributionControl.addAttribution(BOUNDARY_ATTRIBUTION);
    // Leaflet is credited in words: its own credit is a link out of the page, easily hit
    // by a thumb in the map's corner, and on a staff form it would lose what was typed.
    map.attributionControl.setPrefix("Leaflet");
    // Leaflet only notices the window resizing; the page can also resize the map
    // (a legend wrapping, fonts arriving), which would leave part of it blank.
    const observer = new ResizeObserver(() => map.invalidateSize({ pan: false }));
    observer.observe(container);
    return () => {
      observer.disconnect();
      map.attributionControl.removeAttribution(BOUNDARY_ATTRIBUTION);
    };
  }, [map, label, describedBy]);
  return null;
}

/** Fetch a GeoJSON file once; the versioned address lets the browser keep it. */
export function useGeoJson<T>(url: string | null): { data: T | null; failed: boolean } {
  const [state, setState] = useState<{ url: string | null; data: T | null; failed: boolean }>({ url: null, data: null, failed: false });
  useEffect(() => {
    if (!url) return;
    const controller = new AbortController();
    fetch(url, { signal: controller.signal })
      .then((res) => (res.ok ? (res.json() as Promise<T>) : Promise.reject(new Error(`${res.status}`))))
      .then((data) => setState({ url, data, failed: false }))
      .catch(() => {
        if (!controller.signal.aborted) setState({ url, data: null, failed: true });
      });
    return () => controller.abort();
  }, [url]);
  return state.url === url ? { data: state.data, failed: state.failed } : { data: null, failed: false };
}

/**
 * Zoom to some bounds once, when they first become known. `exact` fits them
 * to the pixel rather than to the nearest zoom step, as a picture of the same
 * area shown in the map's place before it loaded is (preview-svg.ts).
 */
export function FitBounds({ bounds, padding = 20, maxZoom = 16, exact = false }: { bounds: L.LatLngBounds | null; padding?: number; maxZoom?: number; exact?: boolean }) {
  const map = useMap();
  // Keyed on the area, not the object: a new but equal bounds must not undo the person's own zooming.
  const key = bounds?.toBBoxString() ?? null;
  useEffect(() => {
    if (!bounds?.isValid()) return;
    const snap = map.options.zoomSnap;
    if (exact) map.options.zoomSnap = 0;
    map.fitBounds(bounds, { padding: [padding, padding], maxZoom, animate: false });
    map.options.zoomSnap = snap;
  }, [map, key]);
  return null;
}
