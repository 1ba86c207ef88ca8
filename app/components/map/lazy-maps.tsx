// The maps as pages use them. Leaflet is only fetched after the page has
// hydrated, and only by pages that render one of these. Without JavaScript
// there is no map, so nothing is drawn for one: no empty box, no skip link,
// no help text (see MapOnly for the words around a map).
import { lazy, Suspense, useId, type ReactNode } from "react";
import { ClientOnly } from "~/components/client-only";
import type { AreaMapProps, CountyMapProps, PartnerMapProps } from "./types";

const CountyMapClient = lazy(() => import("./county-map.client"));
const AreaMapClient = lazy(() => import("./area-map.client"));
const PartnerMapClient = lazy(() => import("./partner-map.client"));

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

function Deferred({ size, label, children }: { size: "county" | "area"; label: string; children: () => ReactNode }) {
  const after = `after-map-${useId().replace(/:/g, "")}`;
  const placeholder = <div className={`map map--${size} map--placeholder`} aria-hidden="true" />;
  return (
    <ClientOnly>
      {() => (
        <>
          <a href={`#${after}`} className="skip-map">
            Skip the map{label ? `: ${label}` : ""}
          </a>
          <Suspense fallback={placeholder}>{children()}</Suspense>
          <span id={after} tabIndex={-1} className="map-after" />
        </>
      )}
    </ClientOnly>
  );
}

export function CountyMap(props: CountyMapProps) {
  return (
    <Deferred size="county" label="go to the list of wards">
      {() => <CountyMapClient {...props} />}
    </Deferred>
  );
}

export function AreaMap(props: AreaMapProps) {
  return (
    <Deferred size="area" label="">
      {() => <AreaMapClient {...props} />}
    </Deferred>
  );
}

export function PartnerMap(props: PartnerMapProps) {
  return (
    <Deferred size="county" label="go to the tables">
      {() => <PartnerMapClient {...props} />}
    </Deferred>
  );
}
