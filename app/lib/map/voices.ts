// The partner map's layer of residents' concerns: for each ward where at least 5
// people responded this month, how many named the chosen theme. Wards below the
// threshold are left blank on the map and in the downloads, as on the ward pages.
import { THEME_LABELS } from "../labels";
import { rankThemes, RESPONSE_THRESHOLD } from "../resident-say";
import { PRIORITY_THEMES, type PriorityTheme } from "../vocabulary";

export interface WardVoicesTally {
  respondents: number;
  counts: Partial<Record<PriorityTheme, number>>;
}

/** Only wards at or over the threshold are present: nothing about the others reaches the page or a download. */
export type VoicesByWard = Record<string, WardVoicesTally>;

// Share of respondents naming the theme, light to dark (ColorBrewer Oranges, distinct from the blue priority ranks).
export const VOICE_SHARE_BANDS = [
  { min: 0.5, colour: "#a63603", label: "half or more named it" },
  { min: 0.25, colour: "#e6550d", label: "a quarter to a half named it" },
  { min: 0.0001, colour: "#fdae6b", label: "fewer than a quarter named it" },
  { min: 0, colour: "#feedde", label: "no one named it" },
] as const;

export function voiceShareBand(tally: WardVoicesTally, theme: PriorityTheme) {
  const share = (tally.counts[theme] ?? 0) / tally.respondents;
  return VOICE_SHARE_BANDS.find((b) => share >= b.min)!;
}

/** A ward's fill on the residents' layer, or null when fewer than 5 people responded (no fill, like a ward with no data). */
export function voicesFill(tally: WardVoicesTally | undefined, theme: PriorityTheme): string | null {
  return tally ? voiceShareBand(tally, theme).colour : null;
}

export function voicesLegend(voices: VoicesByWard, wardCount: number, theme: PriorityTheme) {
  const tallies = Object.values(voices);
  return {
    bands: VOICE_SHARE_BANDS.map((b) => ({ ...b, wards: tallies.filter((t) => voiceShareBand(t, theme) === b).length })),
    suppressed: wardCount - tallies.length,
    label: THEME_LABELS[theme],
  };
}

export const VOICE_EXPORT_COLUMNS = ["responses_month", "respondents", ...PRIORITY_THEMES.map((t) => `said_${t}` as const)] as const;
export type VoiceColumn = (typeof VOICE_EXPORT_COLUMNS)[number];

/** One download row's residents' columns for a ward: blank below the threshold. */
export function voiceColumns(tally: WardVoicesTally | undefined, month: string): Record<VoiceColumn, string | number | null> & { detail: string } {
  const said = Object.fromEntries(PRIORITY_THEMES.map((t) => [`said_${t}`, tally ? (tally.counts[t] ?? 0) : null])) as Record<`said_${PriorityTheme}`, number | null>;
  const top = tally ? rankThemes(tally.counts)[0] : undefined;
  return {
    responses_month: month,
    respondents: tally ? tally.respondents : null,
    ...said,
    detail: tally ? `Most named: ${top ? THEME_LABELS[top.theme] : "none"}` : `Fewer than ${RESPONSE_THRESHOLD} responses: not shown`,
  };
}
