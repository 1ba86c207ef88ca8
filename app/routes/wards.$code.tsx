import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { isRouteErrorResponse, Link, useLoaderData, useParams, useRouteError } from "@remix-run/react";
import { ContactPolice } from "~/components/contact-police";
import { EventList } from "~/components/event-list";
import { WardMapSection } from "~/components/map/area-sections";
import { OfficerList } from "~/components/officer-list";
import { PriorityCard } from "~/components/priority-timeline";
import { WardAtAGlance } from "~/components/ward-at-a-glance";
import { ukMonth } from "~/lib/format";
import { CSU_INBOX } from "~/lib/labels";
import { ResponseSection, WardResults } from "~/components/ward-voices";
import { feedLink, StayInformed } from "~/components/stay-informed";
import { webcalUrl } from "~/lib/calendar.server";
import { normaliseGssCode } from "~/lib/vocabulary";
import { mapTileLayer } from "~/lib/map/tiles.server";
import { listUpcomingEventsForWard } from "~/models/event.server";
import { listOfficersForWard } from "~/models/officer.server";
import { listPrioritiesForWard } from "~/models/priority.server";
import { findTeamBySlug } from "~/models/team.server";
import { wardVoices } from "~/models/response.server";
import { findWard } from "~/models/ward.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const code = normaliseGssCode(params.code);
  if (!code) throw new Response("Not a ward code", { status: 404 });
  if (code !== params.code) throw redirect(`/wards/${code}`, 301);
  const ward = findWard(code);
  if (!ward) throw new Response("Ward not found", { status: 404 });
  const team = ward.teamSlug ? findTeamBySlug(ward.teamSlug) : null;
  const priorities = listPrioritiesForWard(code);
  return json({
    ward,
    officers: listOfficersForWard(code),
    events: listUpcomingEventsForWard(code, team?.id ?? null),
    active: priorities.filter((p) => p.status === "active"),
    closed: priorities.filter((p) => p.status === "closed"),
    mapTiles: mapTileLayer(),
    currentMonth: ukMonth(new Date()),
    voices: wardVoices(code),
    webcal: webcalUrl(`/wards/${code}/events.ics`),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [
        { title: `${data.ward.name} ward, ${data.ward.districtName} – Kent Neighbourhood Policing` },
        { name: "description", content: `Neighbourhood officers, PACT priorities and surgeries for ${data.ward.name} in ${data.ward.districtName}.` },
        feedLink(`/wards/${data.ward.code}/updates.atom`, `${data.ward.name}: PACT priorities and updates`),
      ]
    : [{ title: "Ward not found – Kent Neighbourhood Policing" }];

export default function WardPage() {
  const { ward, officers, events, active, closed, mapTiles, currentMonth, voices, webcal } = useLoaderData<typeof loader>();
  const contactEmail = ward.teamEmail ?? ward.csuEmail;
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <ol>
          <li>
            <Link to="/">Home</Link>
          </li>
          <li>
            <Link to={`/districts/${ward.districtCode}`}>{ward.districtName}</Link>
          </li>
          <li aria-current="page">{ward.name}</li>
        </ol>
      </nav>
      <h1>
        <span className="caption">Ward in {ward.districtName}</span>
        {ward.name}
      </h1>

      <WardAtAGlance ward={ward} events={events} priorities={active} currentMonth={currentMonth} />

      <section aria-labelledby="officers-title">
        <h2 id="officers-title">Your officers</h2>
        <OfficerList officers={officers} contactEmail={contactEmail} currentWard={ward.code} />
      </section>

      <section aria-labelledby="events-title">
        <h2 id="events-title">Meet your team</h2>
        <p>Come to a surgery or PACT meeting to raise a local issue or help choose the ward's priorities.</p>
        <EventList events={events} />
      </section>

      <section aria-labelledby="priorities-title">
        <h2 id="priorities-title">Our priorities for {ward.name}</h2>
        <p>
          These are the top three issues agreed with residents and partners at the ward's PACT (Partners and Communities Together) meeting, with the
          team's latest update on each; earlier months are a click away.
        </p>
        {active.length === 0 ? <p>No priorities have been agreed for this ward yet.</p> : active.map((p) => <PriorityCard key={p.id} priority={p} />)}
      </section>

      {closed.length > 0 ? (
        <section aria-labelledby="closed-title">
          <h2 id="closed-title">You said, we did: earlier priorities</h2>
          {closed.map((p) => (
            <PriorityCard key={p.id} priority={p} />
          ))}
        </section>
      ) : null}

      <WardResults voices={voices} />
      <ResponseSection wardCode={ward.code} />
      <StayInformed base={`/wards/${ward.code}`} what={`${ward.name} ward`} followLabel="Follow this ward" webcal={webcal} feed />

      <WardMapSection ward={ward} events={events} tiles={mapTiles} />

      <section aria-labelledby="csu-title">
        <h2 id="csu-title">Get in touch with your local team</h2>
        <p>
          For anything that is not urgent, email the {ward.districtName} {CSU_INBOX} at{" "}
          <a href={`mailto:${ward.csuEmail}`} className="break-anywhere">
            {ward.csuEmail}
          </a>
          . Do not use email to report a crime: call 101 or report online.
        </p>
      </section>

      <ContactPolice />
      <p className="small secondary">
        Ward boundary: ONS {ward.boundaryVintage} (code {ward.code}).
      </p>
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const params = useParams();
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <div className="two-thirds">
        <h1>We cannot find that ward</h1>
        <p>
          There is no Kent or Medway ward with the code <code>{(params.code ?? "").slice(0, 20)}</code>. Ward codes look like E05015608.
        </p>
        <p>
          <Link to="/">Find your ward by postcode</Link> or <Link to="/districts">browse the districts</Link>.
        </p>
      </div>
    );
  }
  throw error;
}
