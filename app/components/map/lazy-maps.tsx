// The maps as pages use them. Leaflet is only fetched after the page has
// hydrated, and only by pages that render one of these: until then (and
// without JavaScript) a placeholder of the same size points to the text
// alternative that every map page has.
import { lazy, Suspense, type ReactNode } from "react";
import { ClientOnly } from "~/components/client-only";
import type { AreaMapProps, CountyMapProps, PartnerMapProps } from "./types";

const CountyMapClient = lazy(() => import("./county-map.client"));
const AreaMapClient = lazy(() => import("./area-map.client"));
const PartnerMapClient = lazy(() => import("./partner-map.client"));

function Placeholder({ size, children }: { size: "county" | "area"; children: ReactNode }) {
  return <div className={`map map--${size} map--placeholder`}>{children}</div>;
}

function Deferred({ size, alternative, children }: { size: "county" | "area"; alternative: string; children: () => ReactNode }) {
  const placeholder = (
    <Placeholder size={size}>
      <p>If the map does not appear here, {alternative}</p>
    </Placeholder>
  );
  return (
    <ClientOnly fallback={placeholder}>
      {() => <Suspense fallback={placeholder}>{children()}</Suspense>}
    </ClientOnly>
  );
}

export function CountyMap(props: CountyMapProps) {
  return (
    <Deferred size="county" alternative="every ward is listed in the table below it.">
      {() => <CountyMapClient {...props} />}
    </Deferred>
  );
}

export function AreaMap({ alternative, ...props }: AreaMapProps & { alternative: string }) {
  return (
    <Deferred size="area" alternative={alternative}>
      {() => <AreaMapClient {...props} />}
    </Deferred>
  );
}

export function PartnerMap(props: PartnerMapProps) {
  return (
    <Deferred size="county" alternative="what it shows is listed in the tables below it.">
      {() => <PartnerMapClient {...props} />}
    </Deferred>
  );
}
