import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { CountyMap } from "~/components/map/county-map";
import { leafletStylePreloads, MapHelp } from "~/components/map/lazy-maps";
import { Legend } from "~/components/map/legend";
import { useSearchState } from "~/components/map/use-search-state";
import { WardList } from "~/components/map/ward-list";
import { ukMonth } from "~/lib/format";
import { COLOUR_MODE_LABELS, COLOUR_MODES, isColourMode, legendFor, type ColourMode } from "~/lib/map/colours";
import { mapTileLayer } from "~/lib/map/tiles.server";
import { countyPreviewUrl, districtsGeoJsonUrl, wardsGeoJsonUrl } from "~/lib/map/urls";
import { getBoundaryLayers } from "~/models/boundaries.server";
import { listMapWards, mapColours } from "~/models/map.server";

export const links: LinksFunction = () => leafletStylePreloads;

export async function loader({ request }: LoaderFunctionArgs) {
  const now = new Date();
  const requested = new URL(request.url).searchParams.get("colour");
  const wards = listMapWards(now);
  const { version } = getBoundaryLayers();
  return json({
    wards,
    colours: { currentMonth: ukMonth(now), ...mapColours(wards) },
    boundaries: {
      overview: { wards: wardsGeoJsonUrl(version, { overview: true }), districts: districtsGeoJsonUrl(version, { overview: true }) },
      detail: { wards: wardsGeoJsonUrl(version), districts: districtsGeoJsonUrl(version) },
      preview: { district: countyPreviewUrl(version, "district"), plain: countyPreviewUrl(version, "plain") },
    },
    tiles: mapTileLayer(),
    mode: isColourMode(requested) ? requested : ("district" as ColourMode),
  });
}

/** The picture for the first colouring: the districts' own colours, or plain under any colouring the picture cannot know. */
const previewOf = (boundaries: { preview: { district: string; plain: string } }, mode: ColourMode) =>
  mode === "district" ? boundaries.preview.district : boundaries.preview.plain;

// Changing the colouring only changes the address (so it can be shared); the data is the same.
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentUrl, nextUrl, formMethod, defaultShouldRevalidate }) =>
  !formMethod && currentUrl.pathname === nextUrl.pathname ? false : defaultShouldRevalidate;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: "Map of wards – Kent Neighbourhood Policing" },
  { name: "description", content: "A map of the 279 wards of Kent and Medway, coloured by district, neighbourhood team, or their PACT priorities." },
  // With the page's first bytes: the map's picture first, then (not competing
  // with it or the page's code) the boundaries the interactive map draws first.
  ...(data
    ? [
        { tagName: "link" as const, rel: "preload", as: "image", href: previewOf(data.boundaries, data.mode), fetchpriority: "high" },
        ...[data.boundaries.overview.wards, data.boundaries.overview.districts].map((href) => ({
          tagName: "link" as const,
          rel: "preload",
          as: "fetch",
          href,
          crossOrigin: "anonymous",
          fetchpriority: "low",
        })),
      ]
    : []),
];

const LEGEND_TITLES: Record<ColourMode, string> = {
  district: "Key: districts",
  team: "Key: neighbourhood teams (neighbouring teams always have different colours)",
  freshness: "Key: when the ward's priorities were last updated",
  theme: "Key: the ward's top priority",
};

export default function MapPage() {
  const { wards, colours, boundaries, tiles, mode: initialMode } = useLoaderData<typeof loader>();
  const [mode, choose] = useSearchState<ColourMode>(
    (params) => {
      const requested = params.get("colour");
      return isColourMode(requested) ? requested : "district";
    },
    (colour) => `?colour=${colour}`,
  );

  return (
    <>
      <h1>Map of wards in Kent and Medway</h1>
      <p className="lead">All 279 wards, the 13 districts and the neighbourhood teams that police them.</p>

      {/* Drawn on the server, so nothing moves when the page hydrates; hidden, like
          every map, when scripts are off (see county-map.tsx). */}
      <div className="needs-script">
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
        <CountyMap
          wards={wards}
          mode={mode}
          colours={colours}
          overview={boundaries.overview}
          detail={boundaries.detail}
          preview={previewOf(boundaries, initialMode)}
          tiles={tiles}
        />
        <p className="visually-hidden" role="status">
          Wards coloured by {COLOUR_MODE_LABELS[mode].toLowerCase()}.
        </p>
        <Legend title={LEGEND_TITLES[mode]} entries={legendFor(mode, wards, colours)} />
      </div>

      <h2 id="all-wards">All {wards.length} wards</h2>
      <p>Every ward by district, with its neighbourhood team, top priority and latest update. Open a district to see its wards.</p>
      <WardList wards={wards} currentMonth={colours.currentMonth} />
    </>
  );
}
