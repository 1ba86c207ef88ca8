import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import type { FormEvent } from "react";
import { useHydrated } from "~/components/client-only";
import { MapHelp, MapOnly, PartnerMap } from "~/components/map/lazy-maps";
import { useSearchState } from "~/components/map/use-search-state";
import { PartnerLegend } from "~/components/map/partner-legend";
import { ThemeTable } from "~/components/map/theme-table";
import { VenueTable } from "~/components/map/venue-table";
import { WardTable } from "~/components/map/ward-table";
import { VoicesTable } from "~/components/map/voices-layer";
import { formatEventTime, ukMonth } from "~/lib/format";
import { EVENT_TYPE_LABELS, THEME_LABELS } from "~/lib/labels";
import { themeRank, type Theme } from "~/lib/map/colours";
import { layerSearch, parseLayerSelection, PARTNER_LAYER_LABELS, PARTNER_LAYERS, type LayerSelection, type PartnerLayer } from "~/lib/map/layers";
import { mapTileLayer } from "~/lib/map/tiles.server";
import { requirePermission } from "~/lib/permissions.server";
import { districtsGeoJsonUrl, teamAreasGeoJsonUrl, wardsGeoJsonUrl } from "~/lib/map/urls";
import { getBoundaryLayers, teamAreasVersion } from "~/models/boundaries.server";
import { listMapWards, listUpcomingVenues, mapColours } from "~/models/map.server";
import { partnerVoices } from "~/models/response.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "view:partner-map");
  const now = new Date();
  const wards = listMapWards(now);
  const { version } = getBoundaryLayers();
  return json({
    wards,
    colours: { currentMonth: ukMonth(now), ...mapColours(wards) },
    venues: listUpcomingVenues(now).map((v) => ({
      id: v.eventId,
      type: v.type,
      typeLabel: EVENT_TYPE_LABELS[v.type],
      title: v.title,
      venue: v.venue,
      when: formatEventTime(v.startsAt, v.endsAt),
      lat: v.lat,
      lng: v.lng,
      wardCode: v.wardCode,
      teamName: v.teamName,
    })),
    voices: partnerVoices(ukMonth(now)),
    urls: { wards: wardsGeoJsonUrl(version), districts: districtsGeoJsonUrl(version), teams: teamAreasGeoJsonUrl(teamAreasVersion()) },
    tiles: mapTileLayer(),
  });
}

// Switching layers changes only the address (for sharing and downloads); the data is already here.
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentUrl, nextUrl, formMethod, defaultShouldRevalidate }) =>
  !formMethod && currentUrl.pathname === nextUrl.pathname ? false : defaultShouldRevalidate;

export const meta: MetaFunction = () => [{ title: "Partner map – Kent Neighbourhood Policing" }];

function selectionFromForm(form: HTMLFormElement): LayerSelection {
  const data = new FormData(form);
  const params = new URLSearchParams();
  for (const layer of data.getAll("layer")) params.append("layer", String(layer));
  params.set("layers", "");
  params.set("theme", String(data.get("theme") ?? ""));
  return parseLayerSelection(params);
}

export default function PartnerMapPage() {
  const { wards, colours, venues, voices, urls, tiles } = useLoaderData<typeof loader>();
  const hydrated = useHydrated();
  const [selection, select] = useSearchState(parseLayerSelection, layerSearch);
  const on = (layer: PartnerLayer) => selection.layers.includes(layer);
  const search = layerSearch(selection);
  const onChange = (e: FormEvent<HTMLFormElement>) => {
    if (hydrated) select(selectionFromForm(e.currentTarget));
  };
  const withTheme = wards
    .map((w) => ({ ward: w, rank: themeRank(w, selection.theme) }))
    .filter((x): x is { ward: (typeof wards)[number]; rank: number } => x.rank !== null)
    .sort((a, b) => a.rank - b.rank || a.ward.name.localeCompare(b.ward.name));

  return (
    <>
      <h1>
        <span className="caption">For partner agencies</span>
        Partner map
      </h1>
      <p className="lead">Plan joint work by area: switch on the layers you need, then download exactly what the map shows.</p>

      <Form method="get" className="map-controls" onChange={onChange} data-testid="layer-controls">
        <input type="hidden" name="layers" value="" />
        <fieldset>
          <legend>Layers</legend>
          <div className="checkboxes">
            {PARTNER_LAYERS.map((layer) => (
              <label key={layer}>
                <input type="checkbox" name="layer" value={layer} checked={on(layer)} onChange={() => undefined} />
                {PARTNER_LAYER_LABELS[layer]}
              </label>
            ))}
          </div>
        </fieldset>
        <div>
          <label htmlFor="theme">Priority theme</label>
          <select id="theme" name="theme" className="select" value={selection.theme} onChange={() => undefined}>
            {(Object.keys(THEME_LABELS) as Theme[]).map((t) => (
              <option key={t} value={t}>
                {THEME_LABELS[t]}
              </option>
            ))}
          </select>
        </div>
        {hydrated ? null : (
          <button type="submit" className="button button--secondary">
            Show
          </button>
        )}
      </Form>

      <MapOnly>
        {() => (
          <>
            <MapHelp id="map-help" />
            <PartnerMap wards={wards} selection={selection} colours={colours} venues={venues} voices={voices} urls={urls} tiles={tiles} />
          </>
        )}
      </MapOnly>

      <MapOnly>{() => <PartnerLegend selection={selection} wards={wards} themedRanks={withTheme.map((x) => x.rank)} venueCount={venues.length} voices={voices} />}</MapOnly>

      <h2>Download the layers shown</h2>
      <p>
        The layers switched on above. Boundaries are the ones the map draws: ONS boundaries simplified for the web, to within a few metres at
        the scale of the county. <Link to="/about-data">About the data</Link>.
      </p>
      <ul className="downloads">
        <li>
          <a href={`/partners/map.geojson${search}`} download className="button button--secondary" data-testid="download-geojson">
            Download GeoJSON
          </a>
        </li>
        <li>
          <a href={`/partners/map.csv${search}`} download className="button button--secondary" data-testid="download-csv">
            Download CSV
          </a>
        </li>
      </ul>

      <h2 id="shown">The layers shown, as tables</h2>
      {/* Keyed by theme: a new theme is a new table, never the last one's rows patched in place. */}
      {on("priorities") ? <ThemeTable key={selection.theme} theme={selection.theme} wards={withTheme} /> : null}
      {on("venues") ? <VenueTable venues={venues} /> : null}
      {on("responses") ? (
        <>
          <h3>What residents asked for this month: {THEME_LABELS[selection.theme].toLowerCase()}</h3>
          <VoicesTable wards={wards} voices={voices} theme={selection.theme} themeLabel={THEME_LABELS[selection.theme]} />
        </>
      ) : null}
      <h3>All {wards.length} wards</h3>
      <WardTable wards={wards} currentMonth={colours.currentMonth} caption={`All ${wards.length} wards in Kent and Medway`} />
    </>
  );
}
