// The county map on /map, where the map is what the page is for.
//
// Its code (Leaflet included) is a static import, so it is part of the page's
// own bundle: fetched with the page, in parallel, rather than after the page has
// hydrated. The server build gets an empty module for the .client file.
//
// Until Leaflet has drawn the wards, a picture of the same view stands in its
// place (/api/wards.svg, preview-svg.ts): it comes with the page's HTML, so a
// phone on a slow connection sees the county's wards seconds before the map's
// code has arrived and run. It is the ward shapes only, hidden from screen
// readers (the list of wards below is the text alternative), and hidden with
// everything else about the map when scripts are off (.needs-script).
import { useCallback, useId, useState } from "react";
import { useHydrated } from "~/components/client-only";
import CountyMapClient from "./county-map.client";
import { useLeafletStyles } from "./lazy-maps";
import type { CountyMapProps } from "./types";

const loaded = () => Promise.resolve();

export function CountyMap({ preview, ...props }: CountyMapProps & { preview: string }) {
  const after = `after-map-${useId().replace(/:/g, "")}`;
  const hydrated = useHydrated();
  const styled = useLeafletStyles(loaded);
  const [drawn, setDrawn] = useState(false);
  const onDrawn = useCallback(() => setDrawn(true), []);
  const live = hydrated && styled;
  return (
    <>
      <a href={`#${after}`} className="skip-map">
        Skip the map: go to the list of wards
      </a>
      <div className="county-map">
        {live ? <CountyMapClient {...props} onDrawn={onDrawn} /> : null}
        {drawn ? null : (
          <div className={`map map--county map--preview${live ? " map--preview-over" : ""}`} aria-hidden="true" data-testid="map-preview">
            <img src={preview} alt="" {...{ fetchpriority: "high", elementtiming: "county-map-preview" }} />
          </div>
        )}
      </div>
      <span id={after} tabIndex={-1} className="map-after" />
    </>
  );
}
