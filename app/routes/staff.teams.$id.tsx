import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatEventTime, formatMonth, ukMonth } from "~/lib/format";
import { EVENT_TYPE_LABELS } from "~/lib/labels";
import { canForTeam, hasPermission } from "~/lib/permissions";
import { idParam, requirePermission } from "~/lib/permissions.server";
import { listTeamEventsForStaff } from "~/models/event.server";
import { listTeamOfficersForStaff } from "~/models/officer.server";
import { isDue } from "~/lib/due";
import { listWardProgress } from "~/models/priority.server";
import { findTeamById } from "~/models/team.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "view:staff-area");
  const team = findTeamById(idParam(params.id));
  if (!team) throw new Response("Team not found", { status: 404 });
  const month = ukMonth(new Date());
  return json({
    team,
    month,
    wards: listWardProgress([team.id], month),
    officers: listTeamOfficersForStaff(team.id),
    events: listTeamEventsForStaff(team.id),
    canEditEvents: canForTeam(user, "edit:events", team.id),
    canEditPriorities: canForTeam(user, "edit:priorities", team.id),
    canEditOfficers: canForTeam(user, "edit:officers", team.id),
    canManage: hasPermission(user, "manage:teams"),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.team.name ?? "Team"} (staff) – Kent Neighbourhood Policing` }];

export default function StaffTeamPage() {
  const { team, month, wards, officers, events, canEditEvents, canEditPriorities, canEditOfficers, canManage } = useLoaderData<typeof loader>();
  const dueCount = wards.reduce((n, w) => n + Math.max(0, w.active - w.updatedThisMonth), 0);
  return (
    <>
      <h1>
        <span className="caption">{team.districtName}</span>
        {team.name}
      </h1>
      <p>
        <Link to={`/teams/${team.slug}`}>See the team's public page</Link>
        {canManage ? (
          <>
            {" · "}
            <Link to={`/admin/teams/${team.id}`}>Change the team's details, wards and officers</Link>
          </>
        ) : null}
      </p>

      {canEditPriorities && dueCount > 0 ? (
        <p>
          <Link to={`/staff/teams/${team.id}/month`} className="button">
            Write the {formatMonth(month)} updates ({dueCount} due)
          </Link>
        </p>
      ) : null}
      <h2>Wards</h2>
      <table className="table--small">
        <thead>
          <tr>
            <th scope="col">Ward</th>
            <th scope="col">Active priorities</th>
            <th scope="col">{formatMonth(month)} update</th>
          </tr>
        </thead>
        <tbody>
          {wards.map((w) => (
            <tr key={w.wardCode}>
              <td>
                <Link to={`/staff/wards/${w.wardCode}`}>{w.wardName}</Link>
              </td>
              <td>{w.active} of 3</td>
              <td>{isDue(w) ? <strong className="tag tag--yellow">Due ({w.updatedThisMonth} of {w.active} done)</strong> : <strong className="tag">Done</strong>}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Officers</h2>
      <table className="table--small" data-testid="team-officers">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            {canEditOfficers ? <th scope="col"><span className="visually-hidden">Actions</span></th> : null}
          </tr>
        </thead>
        <tbody>
          {officers.map((o) => (
            <tr key={o.id}>
              <td>{o.name}</td>
              <td>
                {o.role}
                {o.collarNumber ? ` ${o.collarNumber}` : ""}
              </td>
              <td>{o.active ? "Listed" : "Not listed publicly"}</td>
              {canEditOfficers ? (
                <td>
                  <Link to={`/staff/officers/${o.id}/edit`}>
                    Edit<span className="visually-hidden"> {o.name}</span>
                  </Link>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Surgeries and meetings</h2>
      {canEditEvents ? (
        <p>
          <Link to={`/staff/teams/${team.id}/events/new`} className="button">
            Add a surgery or meeting
          </Link>
        </p>
      ) : null}
      {events.length === 0 ? <p>Nothing is planned.</p> : null}
      {events.map((e) => (
        <article key={e.id} className={`event${e.cancelledAt ? " event--cancelled" : ""}`} data-testid="staff-event">
          <p>
            <strong className="tag tag--blue">{EVENT_TYPE_LABELS[e.type]}</strong> {e.cancelledAt ? <strong className="tag tag--red">Cancelled</strong> : null}
          </p>
          <h3>{e.title}</h3>
          <p>{formatEventTime(e.startsAt, e.endsAt)}</p>
          <p>
            {e.venue}
            {e.address ? `, ${e.address}` : ""} · {e.wardName ?? "Whole team area"}
          </p>
          {canEditEvents ? (
            <ul className="actions">
              <li>
                <Link to={`/staff/teams/${team.id}/events/new?copy=${e.id}`}>
                  Copy<span className="visually-hidden"> {e.title}</span>
                </Link>
              </li>
              {e.cancelledAt ? null : (
                <>
              <li>
                <Link to={`/staff/events/${e.id}/edit`}>
                  Change<span className="visually-hidden"> {e.title}</span>
                </Link>
              </li>
              <li>
                <Link to={`/staff/events/${e.id}/cancel`}>
                  Cancel<span className="visually-hidden"> {e.title}</span>
                </Link>
              </li>
                </>
              )}
            </ul>
          ) : null}
        </article>
      ))}
    </>
  );
}
