import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import type { FormEvent } from "react";
import { useHydrated } from "~/components/client-only";
import { PartnerMap } from "~/components/map/lazy-maps";
import { mapStylesheets } from "~/components/map/styles";
import { useSearchState } from "~/components/map/use-search-state";
import { WardTable } from "~/components/map/ward-table";
import { VoicesLegendItems, VoicesTable } from "~/components/map/voices-layer";
import { formatEventTime, ukMonth } from "~/lib/format";
import { EVENT_TYPE_LABELS, THEME_LABELS } from "~/lib/labels";
import { THEME_RANK_COLOURS, themeRank, type Theme } from "~/lib/map-colours";
import { layerSearch, parseLayerSelection, PARTNER_LAYER_LABELS, PARTNER_LAYERS, type LayerSelection, type PartnerLayer } from "~/lib/map-layers";
import { mapTileLayer } from "~/lib/map-tiles.server";
import { requirePermission } from "~/lib/permissions.server";
import { districtsGeoJsonUrl, teamAreasGeoJsonUrl, wardsGeoJsonUrl } from "~/lib/map-urls";
import { getBoundaryLayers, listMapWards, listUpcomingVenues, mapColours, teamAreasVersion } from "~/models/map.server";
import { partnerVoices } from "~/models/response.server";

export const links: LinksFunction = () => mapStylesheets;

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
      <div className="notice">
        <p>This page is public while staff and partner accounts are being set up. It shows the same sample data as the rest of the site.</p>
      </div>

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
            Update map
          </button>
        )}
      </Form>

      <p className="map-help" id="map-help">
        Point at a ward, or press Tab to reach the wards and then the arrow keys to move between them, to see its team and priorities. Click or
        press Enter to open the ward's page. <a href="#shown">Skip the map and go to the tables of what it shows</a>.
      </p>

      <PartnerMap wards={wards} selection={selection} colours={colours} venues={venues} voices={voices} urls={urls} tiles={tiles} />

      <div className="legend" data-testid="legend">
        <h2>Key</h2>
        {selection.layers.length === 0 ? <p>No layers are switched on.</p> : null}
        <ul>
          {on("wards") ? (
            <li>
              <span className="swatch" style={{ background: "#fff", borderColor: "#505a5f" }} aria-hidden="true" />
              Ward boundary ({wards.length} wards)
            </li>
          ) : null}
          {on("districts") ? (
            <li>
              <span className="swatch swatch--solid-line" aria-hidden="true" />
              District boundary (13 districts)
            </li>
          ) : null}
          {on("teams") ? (
            <li>
              <span className="swatch swatch--line" aria-hidden="true" />
              Neighbourhood team boundary ({new Set(wards.map((w) => w.teamSlug).filter(Boolean)).size} teams)
              {on("priorities") ? null : "; neighbouring teams are shaded in different colours"}
            </li>
          ) : null}
          {on("priorities")
            ? THEME_RANK_COLOURS.map((colour, i) => (
                <li key={colour}>
                  <span className="swatch" style={{ background: colour }} aria-hidden="true" />
                  {THEME_LABELS[selection.theme]} is priority {i + 1} ({withTheme.filter((x) => x.rank === i + 1).length} wards)
                </li>
              ))
            : null}
          {on("responses") ? <VoicesLegendItems voices={voices} wardCount={wards.length} theme={selection.theme} /> : null}
          {on("venues") ? (
            <li>
              <span className="swatch swatch--dot" aria-hidden="true" />
              Upcoming surgery or meeting venue ({venues.length})
            </li>
          ) : null}
        </ul>
      </div>

      <h2>Download what the map shows</h2>
      <p>
        The layers switched on above. Boundaries are the ones drawn on the map: ONS boundaries simplified for the web, to within a few metres at
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

      <h2 id="shown">What the map shows</h2>
      {on("priorities") ? (
        <>
          <h3>Wards where {THEME_LABELS[selection.theme].toLowerCase()} is a priority</h3>
          {withTheme.length === 0 ? (
            <p>No ward has this as an active priority.</p>
          ) : (
            <div className="table-scroll">
              <table className="ward-table" data-testid="theme-table">
                <caption className="visually-hidden">Wards where {THEME_LABELS[selection.theme].toLowerCase()} is an active priority</caption>
                <thead>
                  <tr>
                    <th scope="col">Ward</th>
                    <th scope="col">District</th>
                    <th scope="col">Rank</th>
                    <th scope="col">Priority</th>
                  </tr>
                </thead>
                <tbody>
                  {withTheme.map(({ ward, rank }) => (
                    <tr key={ward.code}>
                      <th scope="row">
                        <Link to={`/wards/${ward.code}`}>{ward.name}</Link>
                      </th>
                      <td>{ward.districtName}</td>
                      <td>{rank}</td>
                      <td>{ward.priorities.find((p) => p.rank === rank)?.title}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      ) : null}
      {on("responses") ? (
        <>
          <h3>What residents asked for this month: {THEME_LABELS[selection.theme].toLowerCase()}</h3>
          <VoicesTable wards={wards} voices={voices} theme={selection.theme} themeLabel={THEME_LABELS[selection.theme]} />
        </>
      ) : null}
      {on("venues") ? (
        <>
          <h3>Upcoming surgeries and meetings</h3>
          <div className="table-scroll">
            <table className="ward-table" data-testid="venue-table">
              <caption className="visually-hidden">Upcoming surgeries and meetings with a venue</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">What</th>
                  <th scope="col">Venue</th>
                  <th scope="col">Team</th>
                </tr>
              </thead>
              <tbody>
                {venues.map((v) => (
                  <tr key={v.id}>
                    <td>{v.when}</td>
                    <td>{v.wardCode ? <Link to={`/wards/${v.wardCode}`}>{v.title}</Link> : v.title}</td>
                    <td>{v.venue}</td>
                    <td>{v.teamName}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      <h3>All {wards.length} wards</h3>
      <WardTable wards={wards} currentMonth={colours.currentMonth} caption={`All ${wards.length} wards in Kent and Medway`} />
    </>
  );
}
