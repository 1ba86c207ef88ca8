import { useNavigate } from "@remix-run/react";
import { memo, type MouseEvent } from "react";
import { freshnessLabel, freshnessOf, type MapWard } from "~/lib/map/colours";
import { formatMonth } from "~/lib/format";
import { THEME_LABELS } from "~/lib/labels";

/**
 * A click on one of the table's links, followed inside the app (as <Link> would)
 * unless the person asked for a new tab or window. One handler for the table's
 * 560 links: a <Link> each made the table the dearest part of rendering /map.
 */
function useFollowLinks() {
  const navigate = useNavigate();
  return (event: MouseEvent<HTMLElement>) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = event.target instanceof Element ? event.target.closest("a") : null;
    if (!link || link.target || link.origin !== window.location.origin) return;
    event.preventDefault();
    navigate(link.pathname + link.search);
  };
}

/** The map's text alternative: every ward it draws, with what the map shows about it. Redrawn only when the wards change, not the colouring. */
export const WardTable = memo(function WardTable({ wards, currentMonth, caption }: { wards: MapWard[]; currentMonth: string; caption: string }) {
  const followLinks = useFollowLinks();
  // A handful of distinct months across 279 rows: format each once.
  const months = new Map<string, string>();
  const month = (m: string) => months.get(m) ?? months.set(m, formatMonth(m)).get(m)!;
  return (
    // Only catches clicks on the links inside, which keyboards already activate: nothing here needs a key handler.
    <div className="table-scroll" onClick={followLinks}>
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
                  <a href={`/wards/${w.code}`}>{w.name}</a>
                </th>
                <td>{w.districtName}</td>
                <td>{w.teamSlug ? <a href={`/teams/${w.teamSlug}`}>{w.teamName}</a> : "Not assigned"}</td>
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
});
