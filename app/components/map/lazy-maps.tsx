// The maps as pages use them. Leaflet is only fetched after the page has
// hydrated, and only by pages that render one of these (the county map on /map,
// where the map is the page, comes with the page's own code: county-map.tsx).
// Without JavaScript there is no map, so nothing is drawn for one: no empty
// box, no skip link, no help text (see MapOnly for the words around a map).
import type { LinkDescriptor } from "@remix-run/node";
import gestureStyles from "leaflet-gesture-handling/dist/leaflet-gesture-handling.css";
import leafletStyles from "leaflet/dist/leaflet.css";
import { lazy, Suspense, useEffect, useId, useState, type ReactNode } from "react";
import { ClientOnly } from "~/components/client-only";
import type { AreaMapProps, LocationPickerProps, PartnerMapProps } from "./types";

const loadAreaMap = () => import("./area-map.client");
const loadPartnerMap = () => import("./partner-map.client");
const loadLocationPicker = () => import("./location-picker.client");
const AreaMapClient = lazy(loadAreaMap);
const PartnerMapClient = lazy(loadPartnerMap);
const LocationPickerClient = lazy(loadLocationPicker);

/** Text and controls that only make sense beside a map: shown only where a map can be. */
export function MapOnly({ children }: { children: () => ReactNode }) {
  return <ClientOnly>{children}</ClientOnly>;
}

/** How to use a map, for touch screens and for the keyboard; the stylesheet shows the one that fits the device. */
export function MapHelp({ id, opens = "the ward's page" }: { id?: string; opens?: string }) {
  return (
    <div className="map-help" id={id}>
      <p className="map-help__touch">Tap a ward to see its team and priorities, then open {opens}. Use two fingers to move the map.</p>
      <p className="map-help__pointer">
        Point at a ward to see its team and priorities; click to open {opens}. Hold Ctrl (⌘ on a Mac) to zoom with the mouse wheel.
      </p>
      <p className="map-help__keys">Keyboard: Tab to the wards, arrow keys to move between them, Enter to open {opens}, + and − to zoom.</p>
    </div>
  );
}

/**
 * Add Leaflet's stylesheets when a map is about to be drawn (in parallel with
 * its code), and say when they have arrived: a map drawn before them is a jumble.
 * They are not in the routes' `links`, so they never hold up a page's first paint.
 */
const LEAFLET_STYLESHEETS = [leafletStyles, gestureStyles];

/**
 * For a page whose map is drawn as soon as it has hydrated: fetch Leaflet's
 * stylesheets with the page (without holding up its first paint, and after
 * what the page needs first), so that adding them then costs no round trip.
 */
export const leafletStylePreloads: LinkDescriptor[] = LEAFLET_STYLESHEETS.map((href) => ({ rel: "preload", as: "style", href, fetchpriority: "low" }) as LinkDescriptor);

export function useLeafletStyles(load: () => Promise<unknown>): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    // The map's code downloads at the same time (import() fetches a module once).
    load().catch(() => undefined);
    const links = LEAFLET_STYLESHEETS.map((href) => {
      const found = document.head.querySelector<HTMLLinkElement>(`link[rel="stylesheet"][href="${href}"]`);
      if (found) return found;
      const link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = href;
      document.head.append(link);
      return link;
    });
    // Loaded, or failed (the map still works, unstyled, rather than never appearing).
    const settled = new Set(links.filter((l) => l.sheet));
    const check = () => settled.size === links.length && setReady(true);
    const listeners = links.map((l) => {
      const done = () => (settled.add(l), check());
      l.addEventListener("load", done);
      l.addEventListener("error", done);
      return () => (l.removeEventListener("load", done), l.removeEventListener("error", done));
    });
    check();
    return () => listeners.forEach((remove) => remove());
  }, [load]);
  return ready;
}

function Styled({ load, placeholder, children }: { load: () => Promise<unknown>; placeholder: ReactNode; children: () => ReactNode }) {
  return <>{useLeafletStyles(load) ? children() : placeholder}</>;
}

/**
 * A map with its "Skip the map" link, drawn once its code (`load`) and Leaflet's
 * stylesheets have arrived, with a box of the map's size until then.
 */
function Deferred({ size, label, load, children }: { size: "county" | "area"; label: string; load: () => Promise<unknown>; children: () => ReactNode }) {
  const after = `after-map-${useId().replace(/:/g, "")}`;
  const placeholder = <div className={`map map--${size} map--placeholder`} aria-hidden="true" />;
  return (
    <ClientOnly>
      {() => (
        <>
          <a href={`#${after}`} className="skip-map">
            Skip the map{label ? `: ${label}` : ""}
          </a>
          <Suspense fallback={placeholder}>
            <Styled load={load} placeholder={placeholder}>
              {children}
            </Styled>
          </Suspense>
          <span id={after} tabIndex={-1} className="map-after" />
        </>
      )}
    </ClientOnly>
  );
}

export function AreaMap(props: AreaMapProps) {
  return (
    <Deferred size="area" label="" load={loadAreaMap}>
      {() => <AreaMapClient {...props} />}
    </Deferred>
  );
}

export function PartnerMap(props: PartnerMapProps) {
  return (
    <Deferred size="county" label="go to the tables" load={loadPartnerMap}>
      {() => <PartnerMapClient {...props} />}
    </Deferred>
  );
}

/** The staff event form's map for placing the venue; without JavaScript the postcode alone places it. */
export function LocationPicker(props: LocationPickerProps) {
  return (
    <Deferred size="area" label="go to the date" load={loadLocationPicker}>
      {() => <LocationPickerClient {...props} />}
    </Deferred>
  );
}
