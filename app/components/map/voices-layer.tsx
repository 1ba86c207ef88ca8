// The partner map's residents' layer, outside the map: its legend entries and the
// table that says in words what the shading shows.
import { Link } from "@remix-run/react";
import { voiceShareBand, voicesLegend, type VoicesByWard } from "~/lib/map/voices";
import type { MapWard } from "~/lib/map/colours";
import { RESPONSE_THRESHOLD } from "~/lib/resident-say";
import type { PriorityTheme } from "~/lib/vocabulary";

export function VoicesLegendItems({ voices, wardCount, theme }: { voices: VoicesByWard; wardCount: number; theme: PriorityTheme }) {
  const legend = voicesLegend(voices, wardCount, theme);
  return (
    <>
      {legend.bands.map((b) => (
        <li key={b.colour}>
          <span className="swatch" style={{ background: b.colour }} aria-hidden="true" />
          Residents' concern, {legend.label.toLowerCase()}: {b.label} ({b.wards} wards)
        </li>
      ))}
      <li>
        <span className="swatch" style={{ background: "#fff", borderColor: "#505a5f" }} aria-hidden="true" />
        Fewer than {RESPONSE_THRESHOLD} responses this month, not shown ({legend.suppressed} wards)
      </li>
    </>
  );
}

/** Wards with 5 or more responses this month: how many people responded and how many named the theme. */
export function VoicesTable({ wards, voices, theme, themeLabel }: { wards: MapWard[]; voices: VoicesByWard; theme: PriorityTheme; themeLabel: string }) {
  const rows = wards
    .filter((w) => voices[w.code])
    .map((w) => ({ ward: w, tally: voices[w.code]! }))
    .sort((a, b) => (b.tally.counts[theme] ?? 0) / b.tally.respondents - (a.tally.counts[theme] ?? 0) / a.tally.respondents || a.ward.name.localeCompare(b.ward.name));
  if (rows.length === 0) return <p>No ward has {RESPONSE_THRESHOLD} or more responses this month yet.</p>;
  return (
    <div className="table-scroll">
      <table className="ward-table" data-testid="voices-table">
        <caption className="visually-hidden">Residents who named {themeLabel.toLowerCase()} this month, in wards with {RESPONSE_THRESHOLD} or more responses</caption>
        <thead>
          <tr>
            <th scope="col">Ward</th>
            <th scope="col">District</th>
            <th scope="col">Responses</th>
            <th scope="col">Named {themeLabel.toLowerCase()}</th>
            <th scope="col">Share</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ ward, tally }) => (
            <tr key={ward.code}>
              <th scope="row">
                <Link to={`/wards/${ward.code}`}>{ward.name}</Link>
              </th>
              <td>{ward.districtName}</td>
              <td>{tally.respondents}</td>
              <td>{tally.counts[theme] ?? 0}</td>
              <td>{voiceShareBand(tally, theme).label}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
