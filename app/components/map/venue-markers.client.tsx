import L from "leaflet";
import { useEffect } from "react";
import { useMap } from "react-leaflet";
import { toLatLng } from "~/lib/geo";
import type { VenueMarker } from "./types";

function popupContent(venue: VenueMarker): HTMLElement {
  const root = document.createElement("div");
  const title = document.createElement("strong");
  title.textContent = venue.venue;
  const list = document.createElement("ul");
  for (const e of venue.events) {
    const li = document.createElement("li");
    li.textContent = `${e.type}: ${e.when}`;
    list.append(li);
  }
  root.append(title, list);
  return root;
}

/**
 * Where the ward's surgeries and meetings are held. Each marker is a button in
 * the tab order; Enter or a click shows what is on there and when.
 */
export function VenueMarkers({ venues }: { venues: VenueMarker[] }) {
  const map = useMap();
  useEffect(() => {
    const markers = venues.map((v) => {
      const icon = document.createElement("span");
      icon.className = "map-venue__dot";
      const name = document.createElement("span");
      name.className = "visually-hidden";
      name.textContent = `Venue: ${v.venue}`;
      icon.append(name);
      return L.marker(toLatLng(v.position), {
        // At least 24 × 24 px, the smallest target WCAG 2.2 allows.
        icon: L.divIcon({ className: "map-venue", html: icon, iconSize: [28, 28] }),
        riseOnHover: true,
      }).bindPopup(popupContent(v));
    });
    const group = L.layerGroup(markers).addTo(map);
    return () => {
      group.remove();
    };
  }, [map, venues]);
  return null;
}
