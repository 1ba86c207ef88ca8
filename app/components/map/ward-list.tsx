// The county map's text alternative: every ward, grouped by district, each
// group a disclosure so a phone is not handed 279 rows at once. Complete
// without JavaScript; with it, a filter box narrows the list as you type.
// Plain links, not <Link>: 558 router links cost a phone seconds to hydrate.
import { useMemo, useState } from "react";
import { ClientOnly } from "~/components/client-only";
import { formatMonth } from "~/lib/format";
import { THEME_LABELS } from "~/lib/labels";
import { freshnessLabel, freshnessOf, type MapWard } from "~/lib/map/colours";
import { foldName } from "~/lib/place-names";

interface District {
  code: string;
  name: string;
  wards: (MapWard & { folded: string })[];
}

export function WardList({ wards, currentMonth }: { wards: MapWard[]; currentMonth: string }) {
  const [filter, setFilter] = useState("");
  const districts = useMemo(() => {
    const byCode = new Map<string, District>();
    for (const w of wards) {
      const d = byCode.get(w.districtCode) ?? { code: w.districtCode, name: w.districtName, wards: [] };
      d.wards.push({ ...w, folded: foldName(`${w.name} ${w.teamName ?? ""} ${w.districtName}`) });
      byCode.set(w.districtCode, d);
    }
    return [...byCode.values()];
  }, [wards]);
  const q = foldName(filter);
  const matches = (w: { folded: string }) => !q || w.folded.includes(q);
  const shown = q ? districts.reduce((n, d) => n + d.wards.filter(matches).length, 0) : wards.length;

  return (
    <div data-testid="ward-list">
      <ClientOnly>
        {() => (
          <div className="form-group ward-filter">
            <label className="label" htmlFor="ward-filter">
              Filter the wards
            </label>
            <p className="hint" id="ward-filter-hint">
              By ward, team or district name, for example Maidstone
            </p>
            <input
              id="ward-filter"
              className="input"
              type="search"
              value={filter}
              aria-describedby="ward-filter-hint ward-filter-count"
              onChange={(e) => setFilter(e.target.value)}
            />
            <p id="ward-filter-count" role="status" className="secondary small">
              {q ? (shown === 1 ? "1 ward matches" : `${shown} wards match`) : ""}
            </p>
          </div>
        )}
      </ClientOnly>
      {districts.map((d) => {
        const visible = d.wards.filter(matches);
        if (visible.length === 0) return null;
        return (
          <details key={d.code} className="ward-group" open={q ? true : undefined} data-district={d.code}>
            <summary>
              {d.name} <span className="secondary">({q ? `${visible.length} of ${d.wards.length}` : d.wards.length} wards)</span>
            </summary>
            <ul className="ward-list">
              {visible.map((w) => {
                const top = w.priorities[0];
                const freshness = freshnessOf(w.latestUpdate, currentMonth);
                return (
                  <li key={w.code}>
                    <a href={`/wards/${w.code}`} className="ward-list__name">
                      {w.name}
                    </a>
                    <span className="ward-list__meta">
                      {w.teamSlug ? <a href={`/teams/${w.teamSlug}`}>{w.teamName}</a> : "No team assigned"}
                      {top ? ` · ${THEME_LABELS[top.theme]}: ${top.title}` : " · No active priorities"}
                      {" · "}
                      {w.latestUpdate ? `last update ${formatMonth(w.latestUpdate)}` : "no updates"}
                      {freshness !== "none" ? <span className="visually-hidden"> ({freshnessLabel(freshness, currentMonth)})</span> : null}
                    </span>
                  </li>
                );
              })}
            </ul>
          </details>
        );
      })}
    </div>
  );
}
