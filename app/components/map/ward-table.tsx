import { Link } from "@remix-run/react";
import { freshnessLabel, freshnessOf, type MapWard } from "~/lib/map/colours";
import { formatMonth } from "~/lib/format";
import { THEME_LABELS } from "~/lib/labels";

/** The map's text alternative: every ward it draws, with what the map shows about it. */
export function WardTable({ wards, currentMonth, caption }: { wards: MapWard[]; currentMonth: string; caption: string }) {
  // A handful of distinct months across 279 rows: format each once.
  const months = new Map<string, string>();
  const month = (m: string) => months.get(m) ?? months.set(m, formatMonth(m)).get(m)!;
  return (
    <div className="table-scroll">
      <table className="ward-table" data-testid="ward-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Ward</th>
            <th scope="col">District</th>
            <th scope="col">Neighbourhood team</th>
            <th scope="col">Priorities</th>
            <th scope="col">Last update</th>
          </tr>
        </thead>
        <tbody>
          {wards.map((w) => {
            const freshness = freshnessOf(w.latestUpdate, currentMonth);
            return (
              <tr key={w.code}>
                <th scope="row">
                  <Link to={`/wards/${w.code}`}>{w.name}</Link>
                </th>
                <td>{w.districtName}</td>
                <td>{w.teamSlug ? <Link to={`/teams/${w.teamSlug}`}>{w.teamName}</Link> : "Not assigned"}</td>
                <td>
                  {w.priorities.length ? (
                    <ol>
                      {w.priorities.map((p) => (
                        <li key={p.rank}>
                          {THEME_LABELS[p.theme]}: {p.title}
                        </li>
                      ))}
                    </ol>
                  ) : (
                    "None active"
                  )}
                </td>
                <td>
                  {w.latestUpdate ? month(w.latestUpdate) : "None"}
                  {freshness !== "none" ? <span className="visually-hidden">. {freshnessLabel(freshness, currentMonth)}</span> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
