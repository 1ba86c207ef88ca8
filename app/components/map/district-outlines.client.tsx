import L from "leaflet";
import { useEffect } from "react";
import { useMap } from "react-leaflet";
import { toLatLng } from "~/lib/geo";
import type { DistrictShapeCollection } from "./types";

const OUTLINE_PANE = "districtOutlines";

/**
 * District boundaries drawn over the wards, with their names. They are not
 * interactive and hidden from screen readers: the page lists the same districts.
 */
export function DistrictOutlines({ districts, labels = true }: { districts: DistrictShapeCollection; labels?: boolean }) {
  const map = useMap();
  useEffect(() => {
    if (!map.getPane(OUTLINE_PANE)) {
      const pane = map.createPane(OUTLINE_PANE);
      pane.style.zIndex = "430";
      pane.style.pointerEvents = "none";
    }
    // A white casing under a dark line keeps the border visible on any fill.
    const casing = L.geoJSON(districts, { pane: OUTLINE_PANE, interactive: false, style: { color: "#ffffff", weight: 5, opacity: 0.9, fill: false } });
    const line = L.geoJSON(districts, { pane: OUTLINE_PANE, interactive: false, style: { color: "#0b0c0c", weight: 2, opacity: 1, fill: false, className: "map-district" } });
    const names = districts.features.map((f) => {
      const text = document.createElement("span");
      text.textContent = f.properties.name;
      return L.marker(toLatLng(f.properties.label), {
        icon: L.divIcon({ className: "map-label", html: text, iconSize: [0, 0] }),
        interactive: false,
        keyboard: false,
      });
    });
    const group = L.layerGroup([casing, line, ...(labels ? names : [])]).addTo(map);
    for (const m of names) m.getElement()?.setAttribute("aria-hidden", "true");

    // Names that would overlap one already placed, or run past the map's edge,
    // wait until zooming in makes room for them. The larger districts go first.
    const bySize = names
      .map((m, i) => ({ m, size: L.geoJSON(districts.features[i]!).getBounds() }))
      .map(({ m, size }) => ({ m, area: (size.getEast() - size.getWest()) * (size.getNorth() - size.getSouth()) }))
      .sort((a, b) => b.area - a.area)
      .map(({ m }) => m);
    const declutter = () => {
      if (!labels) return;
      const box = map.getContainer().getBoundingClientRect();
      const placed: DOMRect[] = [];
      for (const m of bySize) {
        const text = m.getElement()?.firstElementChild as HTMLElement | null | undefined;
        if (!text) continue;
        text.classList.remove("map-label--hidden");
        const r = text.getBoundingClientRect();
        const inside = r.left >= box.left + 2 && r.right <= box.right - 2 && r.top >= box.top + 2 && r.bottom <= box.bottom - 2;
        const overlaps = placed.some((p) => r.left < p.right + 4 && r.right > p.left - 4 && r.top < p.bottom + 2 && r.bottom > p.top - 2);
        if (inside && !overlaps) placed.push(r);
        else text.classList.add("map-label--hidden");
      }
    };
    declutter();
    map.on("zoomend moveend resize", declutter);
    return () => {
      map.off("zoomend moveend resize", declutter);
      group.remove();
    };
  }, [map, districts, labels]);
  return null;
}
