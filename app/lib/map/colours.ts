// How the ward map is coloured: one rule per colouring a person can choose, each
// a pure function of the ward's data, with the legend that explains it.
import type { PRIORITY_THEMES } from "../vocabulary";
import { formatMonth } from "../format";
import { THEME_LABELS } from "../labels";

export type Theme = (typeof PRIORITY_THEMES)[number];

export const COLOUR_MODES = ["district", "team", "freshness", "theme"] as const;
export type ColourMode = (typeof COLOUR_MODES)[number];

export const COLOUR_MODE_LABELS: Record<ColourMode, string> = {
  district: "District",
  team: "Neighbourhood team",
  freshness: "When priorities were last updated",
  theme: "Top priority",
};

export const isColourMode = (value: unknown): value is ColourMode => COLOUR_MODES.includes(value as ColourMode);

/** What the map needs to know about a ward to colour it and describe it. */
export interface MapWard {
  code: string;
  name: string;
  districtCode: string;
  districtName: string;
  teamSlug: string | null;
  teamName: string | null;
  /** YYYY-MM of the ward's newest published priority update, or null if none. */
  latestUpdate: string | null;
  /** Active priorities, by rank. */
  priorities: { rank: number; theme: Theme; title: string }[];
  /** A point inside the ward, [lng, lat]: where its tooltip opens. */
  centre: [number, number];
}

// Fills are drawn at MAP_FILL_OPACITY over a pale background. The palettes
// draw on Paul Tol's colour-blind-safe schemes and ColorBrewer; colour is never
// the only cue, as the tooltips and the ward table say the same in words.
export const MAP_FILL_OPACITY = 0.75;
export const NO_DATA_COLOUR = "#d8d8d8";

// Thirteen districts, so thirteen hues, ordered (for the districts in
// alphabetical order) so that no two neighbouring districts look alike.
const DISTRICT_PALETTE = [
  "#77aadd",
  "#ee8866",
  "#bbcc33",
  "#ffaabb",
  "#44bb99",
  "#eedd88",
  "#e5c494",
  "#99ddff",
  "#fdb462",
  "#bc80bd",
  "#aaaa00",
  "#fccde5",
  "#b3de69",
] as const;

const TEAM_PALETTE = ["#77aadd", "#ee8866", "#eedd88", "#ffaabb", "#99ddff", "#44bb99", "#bbcc33", "#bebada"] as const;

export const THEME_COLOURS: Record<Theme, string> = {
  asb: "#cc6677",
  roads: "#332288",
  drugs: "#ddcc77",
  parking: "#117733",
  theft: "#88ccee",
  burglary: "#882255",
  environment: "#44aa99",
  violence: "#aa4499",
};

export const FRESHNESS = ["this_month", "last_month", "older", "none"] as const;
export type Freshness = (typeof FRESHNESS)[number];

// A blue–orange scale reads the same with the common colour-vision deficiencies.
export const FRESHNESS_COLOURS: Record<Freshness, string> = {
  this_month: "#2166ac",
  last_month: "#92c5de",
  older: "#f4a582",
  none: NO_DATA_COLOUR,
};

/** The month before a YYYY-MM month. */
export function previousMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

/** How fresh a ward's priority updates are, from its newest update month and the current UK month. */
export function freshnessOf(latestUpdate: string | null, currentMonth: string): Freshness {
  if (!latestUpdate) return "none";
  if (latestUpdate >= currentMonth) return "this_month";
  if (latestUpdate === previousMonth(currentMonth)) return "last_month";
  return "older";
}

export function freshnessLabel(freshness: Freshness, currentMonth: string): string {
  switch (freshness) {
    case "this_month":
      return `Updated this month (${formatMonth(currentMonth)})`;
    case "last_month":
      return `Updated last month (${formatMonth(previousMonth(currentMonth))})`;
    case "older":
      return `Last updated ${formatMonth(previousMonth(previousMonth(currentMonth)))} or earlier`;
    case "none":
      return "No updates published";
  }
}

/** The theme of a ward's first-ranked active priority, or null if it has none. */
export function topTheme(ward: Pick<MapWard, "priorities">): Theme | null {
  const sorted = [...ward.priorities].sort((a, b) => a.rank - b.rank);
  return sorted[0]?.theme ?? null;
}

/**
 * Give each area a colour index so that no two neighbours share one (greedy,
 * most-connected first; a map of Kent's districts or teams needs at most five
 * or six). Deterministic: the same areas and neighbours give the same colours.
 */
export function assignColourIndexes(ids: string[], neighbours: ReadonlyMap<string, ReadonlySet<string>>): Map<string, number> {
  const degree = (id: string) => neighbours.get(id)?.size ?? 0;
  const order = [...ids].sort((a, b) => degree(b) - degree(a) || a.localeCompare(b));
  const colours = new Map<string, number>();
  for (const id of order) {
    const taken = new Set([...(neighbours.get(id) ?? [])].map((n) => colours.get(n)).filter((c) => c !== undefined));
    let c = 0;
    while (taken.has(c)) c++;
    colours.set(id, c);
  }
  return colours;
}

/** Which groups (e.g. teams) touch, from which wards touch and which group each ward is in. */
export function groupNeighbours(
  wardNeighbours: ReadonlyMap<string, readonly string[]>,
  groupOf: (wardCode: string) => string | null,
): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [ward, adjacent] of wardNeighbours) {
    const group = groupOf(ward);
    if (!group) continue;
    if (!out.has(group)) out.set(group, new Set());
    for (const other of adjacent) {
      const otherGroup = groupOf(other);
      if (otherGroup && otherGroup !== group) out.get(group)!.add(otherGroup);
    }
  }
  return out;
}

/** One colour per district, in the order given (alphabetical on the map). */
export function districtColours(districtCodes: string[]): Record<string, string> {
  return Object.fromEntries(districtCodes.map((code, i) => [code, DISTRICT_PALETTE[i % DISTRICT_PALETTE.length]!]));
}

/** One colour per team, different from every neighbouring team's. */
export function teamColours(teamSlugs: string[], teamNeighbours: ReadonlyMap<string, ReadonlySet<string>>): Record<string, string> {
  const indexes = assignColourIndexes(teamSlugs, teamNeighbours);
  return Object.fromEntries(teamSlugs.map((slug) => [slug, TEAM_PALETTE[indexes.get(slug)! % TEAM_PALETTE.length]!]));
}

export interface ColourContext {
  currentMonth: string;
  districtColours: Record<string, string>;
  teamColours: Record<string, string>;
}

/** The fill colour of a ward under a colouring. */
export function wardFill(mode: ColourMode, ward: MapWard, ctx: ColourContext): string {
  switch (mode) {
    case "district":
      return ctx.districtColours[ward.districtCode] ?? NO_DATA_COLOUR;
    case "team":
      return (ward.teamSlug && ctx.teamColours[ward.teamSlug]) || NO_DATA_COLOUR;
    case "freshness":
      return FRESHNESS_COLOURS[freshnessOf(ward.latestUpdate, ctx.currentMonth)];
    case "theme": {
      const theme = topTheme(ward);
      return theme ? THEME_COLOURS[theme] : NO_DATA_COLOUR;
    }
  }
}

export interface LegendEntry {
  key: string;
  label: string;
  colour: string;
  /** How many wards have this colour for this reason. */
  wards: number;
}

/** The legend for a colouring: every category that appears, in a sensible order, with ward counts. */
export function legendFor(mode: ColourMode, wards: MapWard[], ctx: ColourContext): LegendEntry[] {
  const count = (pred: (w: MapWard) => boolean) => wards.filter(pred).length;
  switch (mode) {
    case "district": {
      const names = new Map(wards.map((w) => [w.districtCode, w.districtName]));
      return [...names]
        .sort((a, b) => a[1].localeCompare(b[1]))
        .map(([code, name]) => ({ key: code, label: name, colour: ctx.districtColours[code] ?? NO_DATA_COLOUR, wards: count((w) => w.districtCode === code) }));
    }
    case "team": {
      const teams = new Map<string, { name: string; district: string }>();
      for (const w of wards) if (w.teamSlug && w.teamName) teams.set(w.teamSlug, { name: w.teamName, district: w.districtName });
      const entries = [...teams]
        .sort((a, b) => a[1].district.localeCompare(b[1].district) || a[1].name.localeCompare(b[1].name))
        .map(([slug, t]) => ({ key: slug, label: t.name, colour: ctx.teamColours[slug] ?? NO_DATA_COLOUR, wards: count((w) => w.teamSlug === slug) }));
      const unassigned = count((w) => !w.teamSlug);
      return unassigned ? [...entries, { key: "none", label: "No team assigned", colour: NO_DATA_COLOUR, wards: unassigned }] : entries;
    }
    case "freshness":
      return FRESHNESS.map((f) => ({
        key: f,
        label: freshnessLabel(f, ctx.currentMonth),
        colour: FRESHNESS_COLOURS[f],
        wards: count((w) => freshnessOf(w.latestUpdate, ctx.currentMonth) === f),
      })).filter((e) => e.wards > 0 || e.key !== "none");
    case "theme": {
      const entries = (Object.keys(THEME_COLOURS) as Theme[]).map((theme) => ({
        key: theme,
        label: THEME_LABELS[theme],
        colour: THEME_COLOURS[theme],
        wards: count((w) => topTheme(w) === theme),
      }));
      const none = count((w) => topTheme(w) === null);
      return none ? [...entries, { key: "none", label: "No active priorities", colour: NO_DATA_COLOUR, wards: none }] : entries;
    }
  }
}

/** Shading for "wards where this theme is a priority": darker for a higher rank. */
export const THEME_RANK_COLOURS = ["#08519c", "#4292c6", "#9ecae1"] as const;

/** The rank (1-3) at which a ward has a theme among its active priorities, or null. */
export function themeRank(ward: Pick<MapWard, "priorities">, theme: Theme): number | null {
  const ranks = ward.priorities.filter((p) => p.theme === theme).map((p) => p.rank);
  return ranks.length ? Math.min(...ranks) : null;
}

/**
 * A ward's fill on the partner map: by the rank of the chosen theme when that
 * layer is on (other wards unfilled, so nothing else reads as a rank), else by
 * team when team areas are on, else none (outline only).
 */
export function partnerWardFill(ward: MapWard, selection: { layers: readonly string[]; theme: Theme }, ctx: ColourContext): string | null {
  if (selection.layers.includes("priorities")) {
    const rank = themeRank(ward, selection.theme);
    return rank ? THEME_RANK_COLOURS[rank - 1]! : null;
  }
  if (selection.layers.includes("teams")) return (ward.teamSlug && ctx.teamColours[ward.teamSlug]) || NO_DATA_COLOUR;
  return null;
}
