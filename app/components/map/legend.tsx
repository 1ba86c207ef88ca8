import type { LegendEntry } from "~/lib/map/colours";

/** What each colour on the map means, with how many wards have it. */
export function Legend({ title, entries, id }: { title: string; entries: LegendEntry[]; id?: string }) {
  return (
    <div className={`legend${entries.length > 15 ? " legend--long" : ""}`} id={id} data-testid="legend">
      <h2>{title}</h2>
      <ul>
        {entries.map((e) => (
          <li key={e.key} data-colour={e.colour}>
            <span className="swatch" style={{ background: e.colour }} aria-hidden="true" />
            <span>
              {e.label} <span className="secondary">({e.wards === 1 ? "1 ward" : `${e.wards} wards`})</span>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
