import { Link } from "@remix-run/react";
import { formatDate, formatMonth } from "~/lib/format";
import { UPDATE_STATUS_LABELS } from "~/lib/labels";
import type { UPDATE_STATUSES } from "~/lib/vocabulary";

export interface PartnerDashboardData {
  month: string;
  area: { code: string; name: string }[];
  wards: { code: string; name: string; districtCode: string; teamName: string | null; active: number; updatedThisMonth: number }[];
  updates: { id: number; month: string; actionTaken: string; status: (typeof UPDATE_STATUSES)[number]; publishedAt: string; priorityTitle: string; wardCode: string; wardName: string }[];
}

/** A partner's home: their area's latest updates, then its wards by district with this month's progress. */
export function PartnerDashboard({ month, area, wards, updates }: PartnerDashboardData) {
  if (area.length === 0) {
    return (
      <div className="notice" data-testid="no-area">
        <p>Your account has no area yet. Ask a force administrator to set the districts your organisation works in; until then you see the partner map, but not staff-only notes.</p>
      </div>
    );
  }
  return (
    <>
      <p data-testid="partner-area">
        Your area: <strong>{area.map((d) => d.name).join(", ")}</strong>. You read staff-only notes in these districts' wards.
      </p>
      <h2>Latest updates in your area</h2>
      {updates.length === 0 ? (
        <p>No updates published yet.</p>
      ) : (
        <ul className="card-list" data-testid="partner-updates">
          {updates.map((u) => (
            <li key={u.id} className="card card--stacked">
              <h3>
                <Link to={`/staff/wards/${u.wardCode}`}>{u.wardName}</Link>: {u.priorityTitle}
              </h3>
              <p className="secondary small">
                {formatMonth(u.month)} update, published {formatDate(new Date(u.publishedAt))} · {UPDATE_STATUS_LABELS[u.status]}
              </p>
              <p>{u.actionTaken}</p>
            </li>
          ))}
        </ul>
      )}
      {area.map((d) => {
        const inDistrict = wards.filter((w) => w.districtCode === d.code);
        return (
          <section key={d.code} aria-labelledby={`district-${d.code}`} data-testid="partner-district">
            <h2 id={`district-${d.code}`}>
              {d.name}: {inDistrict.length} wards
            </h2>
            <div className="table-scroll">
              <table className="table--small">
                <caption className="visually-hidden">Wards in {d.name}, with this month's updates</caption>
                <thead>
                  <tr>
                    <th scope="col">Ward</th>
                    <th scope="col">Team</th>
                    <th scope="col">{formatMonth(month)} updates</th>
                  </tr>
                </thead>
                <tbody>
                  {inDistrict.map((w) => (
                    <tr key={w.code}>
                      <td>
                        <Link to={`/staff/wards/${w.code}`}>{w.name}</Link>
                      </td>
                      <td>{w.teamName ?? "No team"}</td>
                      <td>{w.active === 0 ? "No active priorities" : `${w.updatedThisMonth} of ${w.active}`}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        );
      })}
    </>
  );
}
