import L from "leaflet";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useMap, useMapEvents } from "react-leaflet";
import { toLatLng, type LngLat } from "~/lib/geo";
import { pinRefusal } from "~/lib/map/pin-place";
import { BaseMap, FitBounds, useGeoJson } from "./base-map.client";
import type { LocationPickerProps, WardShapeCollection } from "./types";

const CHOSEN = { fillColor: "#1d70b8", fillOpacity: 0.25, color: "#003078", weight: 3, opacity: 1 };
const OTHER = { fillColor: "#ffffff", fillOpacity: 0.5, color: "#6f777b", weight: 1, opacity: 1 };
// Six decimal places is about 10 cm: more than a venue needs, and short in the form.
const round = (n: number) => Math.round(n * 1e6) / 1e6;

function Outlines({ shapes, chosen }: { shapes: WardShapeCollection; chosen: string }) {
  const map = useMap();
  useEffect(() => {
    const layer = L.geoJSON(shapes, { style: (f) => (f?.properties.code === chosen ? CHOSEN : OTHER), interactive: false }).addTo(map);
    return () => {
      layer.remove();
    };
  }, [map, shapes, chosen]);
  return null;
}

function Pin({ at }: { at: LngLat | null }) {
  const map = useMap();
  useEffect(() => {
    if (!at) return;
    const dot = document.createElement("span");
    dot.className = "map-venue__dot";
    const marker = L.marker(toLatLng(at), { icon: L.divIcon({ className: "map-venue map-pin", html: dot, iconSize: [28, 28] }), keyboard: false, interactive: false }).addTo(map);
    return () => {
      marker.remove();
    };
  }, [map, at]);
  return null;
}

function Picking({ onPick, centreRef }: { onPick: (at: LngLat) => void; centreRef: React.MutableRefObject<(() => LngLat) | null> }) {
  const map = useMapEvents({ click: (e) => onPick([round(e.latlng.lng), round(e.latlng.lat)]) });
  centreRef.current = () => {
    const c = map.getCenter();
    return [round(c.lng), round(c.lat)];
  };
  return null;
}

/**
 * The venue's point on the team's ward map. A click or tap puts the pin there; the
 * map follows the ward chosen in the form, and typing the venue's postcode moves the
 * pin to it (the postcode stays the first way, and the only one without JavaScript).
 * The point goes with the form in two hidden fields.
 */
export default function LocationPicker({ geometryUrl, tiles, initial, postcodeField, wardField, error }: LocationPickerProps) {
  const shapes = useGeoJson<WardShapeCollection>(geometryUrl);
  const [pin, setPin] = useState<{ at: LngLat; from: "map" | "postcode" | "saved" } | null>(initial ? { at: initial, from: "saved" } : null);
  const [ward, setWard] = useState(() => (document.getElementById(wardField) as HTMLSelectElement | null)?.value ?? "");
  const [status, setStatus] = useState("");
  const centre = useRef<(() => LngLat) | null>(null);
  const root = useRef<HTMLDivElement>(null);

  // A sent form's answer replaces what the picker last said: no "put where you chose" beside a refusal.
  useEffect(() => {
    const form = root.current?.closest("form");
    const onSubmit = () => setStatus("");
    form?.addEventListener("submit", onSubmit);
    return () => form?.removeEventListener("submit", onSubmit);
  }, []);

  // Follow the form's ward and postcode fields.
  useEffect(() => {
    const select = document.getElementById(wardField) as HTMLSelectElement | null;
    const input = document.getElementById(postcodeField) as HTMLInputElement | null;
    const onWard = () => setWard(select?.value ?? "");
    let lookup: AbortController | null = null;
    const onPostcode = () => {
      const postcode = input?.value.trim() ?? "";
      lookup?.abort();
      if (!postcode) return;
      lookup = new AbortController();
      fetch(`/api/lookup?${new URLSearchParams({ postcode })}`, { signal: lookup.signal })
        .then((res) => (res.ok ? (res.json() as Promise<{ lat: number; lng: number }>) : Promise.reject(new Error(String(res.status)))))
        .then((found) => {
          setPin({ at: [found.lng, found.lat], from: "postcode" });
          setStatus(`The pin is at ${postcode.toUpperCase()}.`);
        })
        .catch((error: unknown) => {
          if (error instanceof DOMException && error.name === "AbortError") return;
          // An unknown postcode: no pin from the map, so the form's own check says what is wrong.
          setPin(null);
          setStatus("That postcode could not be found, so the pin has been removed.");
        });
    };
    select?.addEventListener("change", onWard);
    input?.addEventListener("change", onPostcode);
    return () => {
      select?.removeEventListener("change", onWard);
      input?.removeEventListener("change", onPostcode);
      lookup?.abort();
    };
  }, [postcodeField, wardField]);

  const pick = useCallback((at: LngLat) => {
    setPin({ at, from: "map" });
    setStatus("The pin has been put where you chose.");
  }, []);

  const bounds = useMemo(() => {
    const features = shapes.data?.features.filter((f) => (ward ? f.properties.code === ward : f.properties.role !== "neighbour")) ?? [];
    return features.length ? L.geoJSON({ type: "FeatureCollection", features } as WardShapeCollection).getBounds() : null;
  }, [shapes.data, ward]);

  // Said at once, and again whenever the ward changes under a pin, before the form is sent.
  const refusal = useMemo(() => (pin && shapes.data ? pinRefusal(pin.at, shapes.data, ward) : null), [pin, shapes.data, ward]);
  const said = refusal ?? (status || (pin ? (error ? "" : pin.from === "saved" ? "The pin is where the venue was saved." : "") : "No pin yet."));

  return (
    <div className="location-picker" data-testid="location-picker" ref={root}>
      <p className="hint" id="location-picker-hint">
        Or click or tap the map to put the pin on the venue. With a keyboard, move the map with the arrow keys, then use the button below the map.
      </p>
      {shapes.failed ? (
        <p className="map-status" role="status">
          The map could not be loaded. The postcode still places the venue.
        </p>
      ) : null}
      <BaseMap label="Venue location: click to place the pin" describedBy="location-picker-hint" tiles={tiles} className="map--area map--picker">
        {shapes.data ? <Outlines shapes={shapes.data} chosen={ward} /> : null}
        <FitBounds bounds={bounds} />
        <Picking onPick={pick} centreRef={centre} />
        <Pin at={pin?.at ?? null} />
      </BaseMap>
      {pin ? (
        <>
          <input type="hidden" name="pinLat" value={pin.at[1]} />
          <input type="hidden" name="pinLng" value={pin.at[0]} />
        </>
      ) : null}
      <div className="button-group">
        <button type="button" className="button button--secondary" onClick={() => centre.current && pick(centre.current())}>
          Put the pin at the centre of the map
        </button>
        {pin ? (
          <button type="button" className="button button--secondary" onClick={() => (setPin(null), setStatus("The pin has been removed."))}>
            Remove the pin
          </button>
        ) : null}
      </div>
      <p className={refusal ? "small pin-status--refused" : "small"} data-testid="pin-status" role="status">
        {refusal ? <span className="visually-hidden">Warning: </span> : null}
        {said}
        {pin ? <span data-testid="pin-at" data-lat={pin.at[1]} data-lng={pin.at[0]} /> : null}
      </p>
    </div>
  );
}


