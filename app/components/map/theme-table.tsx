import { Link } from "@remix-run/react";
import { THEME_LABELS } from "~/lib/labels";
import type { MapWard, Theme } from "~/lib/map/colours";

/** The wards where a theme is an active priority, by rank: the partner map's priority layer as a table. */
export function ThemeTable({ theme, wards }: { theme: Theme; wards: { ward: MapWard; rank: number }[] }) {
  const label = THEME_LABELS[theme].toLowerCase();
  return (
    <section aria-labelledby="theme-table-title">
      <h3 id="theme-table-title">Wards where {label} is a priority</h3>
      {wards.length === 0 ? (
        <p>No ward has this as an active priority.</p>
      ) : (
        <div className="table-scroll">
          <table className="ward-table" data-testid="theme-table" data-theme={theme}>
            <caption className="visually-hidden">Wards where {label} is an active priority</caption>
            <thead>
              <tr>
                <th scope="col">Ward</th>
                <th scope="col">District</th>
                <th scope="col">Rank</th>
                <th scope="col">Priority</th>
              </tr>
            </thead>
            <tbody>
              {wards.map(({ ward, rank }) => (
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
    </section>
  );
}
