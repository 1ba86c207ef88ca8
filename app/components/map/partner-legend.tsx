import { THEME_LABELS } from "~/lib/labels";
import { THEME_RANK_COLOURS, type MapWard } from "~/lib/map/colours";
import type { LayerSelection, PartnerLayer } from "~/lib/map/layers";
import type { VoicesByWard } from "~/lib/map/voices";
import { VoicesLegendItems } from "./voices-layer";

/** The partner map's key: one entry per layer switched on, with how many of each it draws. */
export function PartnerLegend({
  selection,
  wards,
  themedRanks,
  venueCount,
  voices,
}: {
  selection: LayerSelection;
  wards: MapWard[];
  /** The rank of the chosen theme in each ward that has it. */
  themedRanks: number[];
  venueCount: number;
  voices: VoicesByWard;
}) {
  const on = (layer: PartnerLayer) => selection.layers.includes(layer);
  return (
    <div className="legend" data-testid="legend">
      <h2>Key</h2>
      {selection.layers.length === 0 ? <p>No layers are switched on.</p> : null}
      <ul>
        {on("wards") ? (
          <li>
            <span className="swatch" style={{ background: "#fff", borderColor: "#505a5f" }} aria-hidden="true" />
            Ward boundary ({wards.length} wards)
          </li>
        ) : null}
        {on("districts") ? (
          <li>
            <span className="swatch swatch--solid-line" aria-hidden="true" />
            District boundary (13 districts)
          </li>
        ) : null}
        {on("teams") ? (
          <li>
            <span className="swatch swatch--line" aria-hidden="true" />
            Neighbourhood team boundary ({new Set(wards.map((w) => w.teamSlug).filter(Boolean)).size} teams)
            {on("priorities") ? null : "; neighbouring teams are shaded in different colours"}
          </li>
        ) : null}
        {on("priorities")
          ? THEME_RANK_COLOURS.map((colour, i) => (
              <li key={colour}>
                <span className="swatch" style={{ background: colour }} aria-hidden="true" />
                {THEME_LABELS[selection.theme]} is priority {i + 1} ({themedRanks.filter((r) => r === i + 1).length} wards)
              </li>
            ))
          : null}
        {on("responses") ? <VoicesLegendItems voices={voices} wardCount={wards.length} theme={selection.theme} /> : null}
        {on("venues") ? (
          <li>
            <span className="swatch swatch--dot" aria-hidden="true" />
            Upcoming surgery or meeting venue ({venueCount})
          </li>
        ) : null}
      </ul>
    </div>
  );
}
