import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatMonth, ukMonth } from "~/lib/format";
import { hasPermission, ROLE_LABELS } from "~/lib/permissions";
import { useUser } from "~/lib/user";
import { requirePermission } from "~/lib/permissions.server";
import { hasEmptySlot, isDue } from "~/lib/due";
import { listWardProgress } from "~/models/priority.server";
import { listAllTeams } from "~/models/team.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "view:staff-area");
  const month = ukMonth(new Date());
  // Editors see their own team; administrators and partners see every team.
  const teams = listAllTeams().filter((t) => user.role !== "editor" || t.id === user.teamId);
  const progress = listWardProgress(
    teams.map((t) => t.id),
    month,
  );
  return json({
    month,
    teams: teams.map((t) => {
      const wards = progress.filter((w) => w.teamId === t.id);
      return { ...t, due: wards.filter(isDue), emptySlots: wards.filter(hasEmptySlot), upToDate: wards.filter((w) => !isDue(w)).length };
    }),
  });
}

export const meta: MetaFunction = () => [{ title: "Staff dashboard – Kent Neighbourhood Policing" }];

export default function StaffDashboard() {
  const { month, teams } = useLoaderData<typeof loader>();
  const user = useUser();
  const totalDue = teams.reduce((n, t) => n + t.due.length, 0);
  const editor = hasPermission(user, "edit:priorities");
  return (
    <>
      <h1>
        <span className="caption">
          {ROLE_LABELS[user.role]}
          {user.organisation ? `, ${user.organisation}` : ""}
        </span>
        Staff dashboard
      </h1>
      {user.role === "partner" ? (
        <p className="lead">
          You can see staff-only notes on each ward's priorities and the <Link to="/partners/map">partner map</Link>. Partner accounts cannot change anything.
        </p>
      ) : null}
      <h2>Monthly updates due for {formatMonth(month)}</h2>
      <p>
        Each active priority needs an update every calendar month. {totalDue === 0 ? "Every ward is up to date." : `${totalDue} ward${totalDue === 1 ? " is" : "s are"} missing this month's update.`}
      </p>
      {teams.map((t) => (
        <section key={t.id} className="card card--stacked" aria-labelledby={`team-${t.id}`} data-testid="team-due">
          <h3 id={`team-${t.id}`}>
            <Link to={`/staff/teams/${t.id}`}>{t.name}</Link> <span className="secondary small">({t.districtName})</span>
          </h3>
          {t.due.length === 0 ? (
            <p>All {t.wardCount} wards have this month's update.</p>
          ) : (
            <>
              <p>
                {t.due.length} of {t.wardCount} wards missing this month's update
                {editor ? (
                  <>
                    {" "}
                    (<Link to={`/staff/teams/${t.id}/month`}>write them on one page</Link>)
                  </>
                ) : null}
                :
              </p>
              <ul className="list" data-testid="due-wards">
                {t.due.map((w) => (
                  <li key={w.wardCode}>
                    <Link to={`/staff/wards/${w.wardCode}`}>{w.wardName}</Link>{" "}
                    <span className="secondary small">
                      ({w.updatedThisMonth} of {w.active} priorit{w.active === 1 ? "y" : "ies"} updated)
                    </span>
                  </li>
                ))}
              </ul>
            </>
          )}
          {t.emptySlots.length > 0 && editor ? (
            <p className="small">
              Fewer than three priorities:{" "}
              {t.emptySlots.map((w, i) => (
                <span key={w.wardCode}>
                  {i > 0 ? ", " : ""}
                  <Link to={`/staff/wards/${w.wardCode}`}>{w.wardName}</Link>
                </span>
              ))}
            </p>
          ) : null}
        </section>
      ))}
    </>
  );
}
