import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Select } from "~/components/form-fields";
import { formatMonth, ukMonth } from "~/lib/format";
import { hasPermission, ROLE_LABELS } from "~/lib/permissions";
import { useUser } from "~/lib/user";
import { requirePermission } from "~/lib/permissions.server";
import { hasEmptySlot, isDue } from "~/lib/due";
import { listWardProgress } from "~/models/priority.server";
import { PartnerDashboard } from "~/components/partner-dashboard";
import { partnerDashboard } from "~/models/partner-area.server";
import { listAllTeams } from "~/models/team.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "view:staff-area");
  const month = ukMonth(new Date());
  // A partner's home is their own area, not the force's due list.
  if (user.role === "partner") return json({ partner: { month, ...partnerDashboard(user, month) }, month, district: null, districts: [], teams: [], totalDue: 0 });
  // Editors see their own team; administrators and partners see every team, summarised by district.
  const all = listAllTeams().filter((t) => user.role !== "editor" || t.id === user.teamId);
  const progress = listWardProgress(
    all.map((t) => t.id),
    month,
  );
  const summaries = all.map((t) => {
    const wards = progress.filter((w) => w.teamId === t.id);
    return { ...t, due: wards.filter(isDue), emptySlots: wards.filter(hasEmptySlot), upToDate: wards.filter((w) => !isDue(w)).length };
  });
  const districtNames = new Map(all.map((t) => [t.districtCode, t.districtName]));
  const districts = [...districtNames].map(([code, name]) => {
    const teams = summaries.filter((t) => t.districtCode === code);
    return { code, name, teams: teams.length, wards: teams.reduce((n, t) => n + t.wardCount, 0), due: teams.reduce((n, t) => n + t.due.length, 0) };
  });
  const asked = new URL(request.url).searchParams.get("district");
  const district = asked && districtNames.has(asked) ? asked : null;
  // Someone with one team sees it in full; everyone else picks a district from the summary.
  const shown = user.role === "editor" ? summaries : summaries.filter((t) => t.districtCode === district);
  return json({ partner: null, month, district, districts: user.role === "editor" ? [] : districts, teams: shown, totalDue: summaries.reduce((n, t) => n + t.due.length, 0) });
}

export const meta: MetaFunction = () => [{ title: "Staff dashboard – Kent Neighbourhood Policing" }];

export default function StaffDashboard() {
  const { partner, month, teams, districts, district, totalDue } = useLoaderData<typeof loader>();
  const user = useUser();
  const editor = hasPermission(user, "edit:priorities");
  const heading = (
    <h1>
      <span className="caption">
        {ROLE_LABELS[user.role]}
        {user.organisation ? `, ${user.organisation}` : ""}
      </span>
      Staff dashboard
    </h1>
  );
  if (partner) {
    return (
      <>
        {heading}
        <p className="lead">
          You can see each ward's priorities, with their staff-only notes in your area, and the <Link to="/partners/map">partner map</Link>. Partner accounts cannot
          change anything.
        </p>
        <PartnerDashboard {...partner} />
      </>
    );
  }
  return (
    <>
      {heading}
      <h2>Monthly updates due for {formatMonth(month)}</h2>
      <p>
        Each active priority needs an update every calendar month. {totalDue === 0 ? "Every ward is up to date." : `${totalDue} ward${totalDue === 1 ? " is" : "s are"} missing this month's update.`}
      </p>
      {districts.length > 0 ? (
        <>
          <table className="table--small" data-testid="district-due">
            <caption className="visually-hidden">Wards missing this month's update, by district</caption>
            <thead>
              <tr>
                <th scope="col">District</th>
                <th scope="col">Teams</th>
                <th scope="col">Wards</th>
                <th scope="col">Missing the update</th>
              </tr>
            </thead>
            <tbody>
              {districts.map((d) => (
                <tr key={d.code} aria-current={d.code === district ? "true" : undefined}>
                  <td>
                    <Link to={`/staff?district=${d.code}#district-teams`}>{d.name}</Link>
                  </td>
                  <td>{d.teams}</td>
                  <td>{d.wards}</td>
                  <td>{d.due === 0 ? "None" : d.due}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Form method="get" className="inline-form">
            <Select name="district" label="Show the teams of a district" value={district ?? ""} options={[{ value: "", label: "Choose a district" }, ...districts.map((d) => ({ value: d.code, label: d.name }))]} />
            <button type="submit" className="button button--secondary">
              Show
            </button>
          </Form>
          {district ? <h2 id="district-teams" tabIndex={-1}>{districts.find((d) => d.code === district)?.name}: teams</h2> : null}
        </>
      ) : null}
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
