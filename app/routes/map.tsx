import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { CountyMap, MapHelp, MapOnly } from "~/components/map/lazy-maps";
import { Legend } from "~/components/map/legend";
import { mapStylesheets } from "~/components/map/styles";
import { useSearchState } from "~/components/map/use-search-state";
import { WardList } from "~/components/map/ward-list";
import { ukMonth } from "~/lib/format";
import { COLOUR_MODE_LABELS, COLOUR_MODES, isColourMode, legendFor, type ColourMode } from "~/lib/map/colours";
import { mapTileLayer } from "~/lib/map/tiles.server";
import { districtsGeoJsonUrl, wardsGeoJsonUrl } from "~/lib/map/urls";
import { getBoundaryLayers } from "~/models/boundaries.server";
import { listMapWards, mapColours } from "~/models/map.server";

export const links: LinksFunction = () => mapStylesheets;

export async function loader() {
  const now = new Date();
  const wards = listMapWards(now);
  const { version } = getBoundaryLayers();
  return json({
    wards,
    colours: { currentMonth: ukMonth(now), ...mapColours(wards) },
    urls: { wards: wardsGeoJsonUrl(version), districts: districtsGeoJsonUrl(version) },
    tiles: mapTileLayer(),
  });
}

// Changing the colouring only changes the address (so it can be shared); the data is the same.
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentUrl, nextUrl, formMethod, defaultShouldRevalidate }) =>
  !formMethod && currentUrl.pathname === nextUrl.pathname ? false : defaultShouldRevalidate;

export const meta: MetaFunction = () => [
  { title: "Map of wards – Kent Neighbourhood Policing" },
  { name: "description", content: "A map of the 279 wards of Kent and Medway, coloured by district, neighbourhood team, or their PACT priorities." },
];

const LEGEND_TITLES: Record<ColourMode, string> = {
  district: "Key: districts",
  team: "Key: neighbourhood teams (neighbouring teams always have different colours)",
  freshness: "Key: when the ward's priorities were last updated",
  theme: "Key: the ward's top priority",
};

export default function MapPage() {
  const { wards, colours, urls, tiles } = useLoaderData<typeof loader>();
  const [mode, choose] = useSearchState<ColourMode>(
    (params) => {
      const requested = params.get("colour");
      return isColourMode(requested) ? requested : "district";
    },
    (colour) => `?colour=${colour}`,
  );

  return (
    <>
      {/* Start fetching the boundaries with the page, not after the map code has loaded and run. */}
      <link rel="preload" href={urls.wards} as="fetch" crossOrigin="anonymous" />
      <link rel="preload" href={urls.districts} as="fetch" crossOrigin="anonymous" />
      <h1>Map of wards in Kent and Medway</h1>
      <p className="lead">All 279 wards, the 13 districts and the neighbourhood teams that police them.</p>

      <MapOnly>
        {() => (
          <>
            <Form method="get" className="map-controls" onChange={(e) => e.target instanceof HTMLInputElement && choose(e.target.value as ColourMode)}>
              <fieldset>
                <legend>Colour the wards by</legend>
                <div className="radios">
                  {COLOUR_MODES.map((m) => (
                    <label key={m}>
                      <input type="radio" name="colour" value={m} checked={mode === m} onChange={() => undefined} />
                      {COLOUR_MODE_LABELS[m]}
                    </label>
                  ))}
                </div>
              </fieldset>
            </Form>
            <MapHelp id="map-help" />
            <CountyMap wards={wards} mode={mode} colours={colours} wardsUrl={urls.wards} districtsUrl={urls.districts} tiles={tiles} />
            <p className="visually-hidden" role="status">
              Wards coloured by {COLOUR_MODE_LABELS[mode].toLowerCase()}.
            </p>
            <Legend title={LEGEND_TITLES[mode]} entries={legendFor(mode, wards, colours)} />
          </>
        )}
      </MapOnly>

      <h2 id="all-wards">All {wards.length} wards</h2>
      <p>Every ward by district, with its neighbourhood team, top priority and latest update. Open a district to see its wards.</p>
      <WardList wards={wards} currentMonth={colours.currentMonth} />
    </>
  );
}
