import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { isRouteErrorResponse, Link, useLoaderData, useRouteError } from "@remix-run/react";
import { EventList } from "~/components/event-list";
import { AreaMapSection } from "~/components/map/area-sections";
import { OfficerList } from "~/components/officer-list";
import { StayInformed } from "~/components/stay-informed";
import { webcalUrl } from "~/lib/calendar.server";
import { CSU_INBOX } from "~/lib/labels";
import { isSlug } from "~/lib/vocabulary";
import { mapTileLayer } from "~/lib/map/tiles.server";
import { teamWardsGeoJsonUrl } from "~/lib/map/urls";
import { teamAreasVersion } from "~/models/boundaries.server";
import { listUpcomingEventsForTeam } from "~/models/event.server";
import { listOfficersForTeam } from "~/models/officer.server";
import { findTeamBySlug } from "~/models/team.server";
import { listWardsOfTeam } from "~/models/ward.server";

export async function loader({ params }: LoaderFunctionArgs) {
  if (!isSlug(params.slug)) throw new Response("Team not found", { status: 404 });
  const team = findTeamBySlug(params.slug);
  if (!team) throw new Response("Team not found", { status: 404 });
  return json({
    team,
    wards: listWardsOfTeam(team.id),
    officers: listOfficersForTeam(team.id),
    events: listUpcomingEventsForTeam(team.id),
    mapTiles: mapTileLayer(),
    mapUrl: teamWardsGeoJsonUrl(team.slug, teamAreasVersion()),
    webcal: webcalUrl(`/teams/${team.slug}/events.ics`),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.team.name} – Kent Neighbourhood Policing` : "Team not found – Kent Neighbourhood Policing" },
];

export default function TeamPage() {
  const { team, wards, officers, events, mapTiles, mapUrl, webcal } = useLoaderData<typeof loader>();
  const contactEmail = team.email ?? team.csuEmail;
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <ol>
          <li>
            <Link to="/">Home</Link>
          </li>
          <li>
            <Link to={`/districts/${team.districtCode}`}>{team.districtName}</Link>
          </li>
          <li aria-current="page">{team.name}</li>
        </ol>
      </nav>
      <h1>
        <span className="caption">Neighbourhood team in {team.districtName}</span>
        {team.name}
      </h1>
      {team.description ? <p className="lead">{team.description}</p> : null}
      <p data-testid="team-contact">
        {team.email ? "Email the team" : `For anything that is not urgent, email the ${team.districtName} ${CSU_INBOX}`} at{" "}
        <a href={`mailto:${contactEmail}`}>{contactEmail}</a>. In an emergency call 999; otherwise call 101.
      </p>

      <h2>Wards covered</h2>
      <ul className="list" data-testid="team-wards">
        {wards.map((w) => (
          <li key={w.code}>
            <Link to={`/wards/${w.code}`}>{w.name}</Link>
          </li>
        ))}
      </ul>

      <AreaMapSection
        title={`Area covered by ${team.name}`}
        description={`The ${wards.length === 1 ? "ward" : `${wards.length} wards`} listed above, shaded, among the wards around them.`}
        wardCodes={wards.map((w) => w.code)}
        boundaryVintage={wards[0]?.boundaryVintage}
        geometryUrl={mapUrl}
        tiles={mapTiles}
      />

      <h2>Officers</h2>
      <OfficerList officers={officers} contactEmail={contactEmail} />

      <h2>Surgeries and meetings</h2>
      <EventList events={events} showWard />

      <StayInformed base={`/teams/${team.slug}`} what={`every ward of ${team.name}`} followLabel="Follow every ward of this team" webcal={webcal} />
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <div className="two-thirds">
        <h1>We cannot find that team</h1>
        <p>
          <Link to="/">Find your team by postcode</Link> or <Link to="/districts">browse the districts</Link>.
        </p>
      </div>
    );
  }
  throw error;
}
