import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { isRouteErrorResponse, Link, useLoaderData, useRouteError } from "@remix-run/react";
import { AreaMapSection } from "~/components/map/area-sections";
import { feedLink } from "~/components/stay-informed";
import { normaliseGssCode } from "~/lib/vocabulary";
import { mapTileLayer } from "~/lib/map/tiles.server";
import { districtWardsGeoJsonUrl } from "~/lib/map/urls";
import { getBoundaryLayers } from "~/models/boundaries.server";
import { findDistrict } from "~/models/district.server";
import { listTeamsInDistrict } from "~/models/team.server";
import { listWardsInDistrict } from "~/models/ward.server";
import { CSU_INBOX } from "~/lib/labels";

export async function loader({ params }: LoaderFunctionArgs) {
  const code = normaliseGssCode(params.code);
  if (!code) throw new Response("Not a district code", { status: 404 });
  if (code !== params.code) throw redirect(`/districts/${code}`, 301);
  const district = findDistrict(code);
  if (!district) throw new Response("District not found", { status: 404 });
  return json({
    district,
    teams: listTeamsInDistrict(code),
    wards: listWardsInDistrict(code),
    mapTiles: mapTileLayer(),
    mapUrl: districtWardsGeoJsonUrl(code, getBoundaryLayers().version),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.district.name} – Kent Neighbourhood Policing` : "District not found – Kent Neighbourhood Policing" },
  ...(data ? [feedLink(`/districts/${data.district.code}/updates.atom`, `${data.district.name}: PACT priorities and updates`)] : []),
];

export default function DistrictPage() {
  const { district, teams, wards, mapTiles, mapUrl } = useLoaderData<typeof loader>();
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <ol>
          <li>
            <Link to="/">Home</Link>
          </li>
          <li>
            <Link to="/districts">Districts</Link>
          </li>
          <li aria-current="page">{district.name}</li>
        </ol>
      </nav>
      <h1>
        <span className="caption">District</span>
        {district.name}
      </h1>
      <dl className="summary-list">
        <div>
          <dt>{CSU_INBOX}</dt>
          <dd>
            <a href={`mailto:${district.csuEmail}`} data-testid="csu-email">
              {district.csuEmail}
            </a>
          </dd>
        </div>
        <div>
          <dt>Wards</dt>
          <dd>{wards.length}</dd>
        </div>
        <div>
          <dt>Neighbourhood teams</dt>
          <dd>{teams.length}</dd>
        </div>
      </dl>

      <AreaMapSection
        title={`Map of ${district.name}`}
        description={`The ${wards.length} wards of ${district.name}, shaded, among the wards around them.`}
        wardCodes={wards.map((w) => w.code)}
        boundaryVintage={wards[0]?.boundaryVintage}
        geometryUrl={mapUrl}
        tiles={mapTiles}
      />

      <h2>Neighbourhood teams</h2>
      <ul className="list">
        {teams.map((t) => (
          <li key={t.slug}>
            <Link to={`/teams/${t.slug}`}>{t.name}</Link> <span className="secondary">({t.wardCount} wards)</span>
          </li>
        ))}
      </ul>

      <h2>Wards</h2>
      <table>
        <caption className="visually-hidden">Wards in {district.name} and their neighbourhood teams</caption>
        <thead>
          <tr>
            <th scope="col">Ward</th>
            <th scope="col">Neighbourhood team</th>
          </tr>
        </thead>
        <tbody>
          {wards.map((w) => (
            <tr key={w.code}>
              <td>
                <Link to={`/wards/${w.code}`}>{w.name}</Link>
              </td>
              <td>{w.teamSlug ? <Link to={`/teams/${w.teamSlug}`}>{w.teamName}</Link> : "Not assigned"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <a href={`/districts/${district.code}/updates.atom`}>News feed (Atom) of updates for every ward in {district.name}</a>
      </p>
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <div className="two-thirds">
        <h1>We cannot find that district</h1>
        <p>District codes look like E07000110 (Maidstone).</p>
        <p>
          <Link to="/districts">See all 13 districts in Kent and Medway</Link>
        </p>
      </div>
    );
  }
  throw error;
}
