// The layers a partner agency can switch on and off on /partners/map, as they
// appear in the page address and in the download addresses.
import type { Theme } from "./colours";
import { THEME_LABELS } from "../labels";

export const PARTNER_LAYERS = ["wards", "districts", "teams", "venues", "priorities", "responses"] as const;
export type PartnerLayer = (typeof PARTNER_LAYERS)[number];

export const PARTNER_LAYER_LABELS: Record<PartnerLayer, string> = {
  wards: "Wards",
  districts: "District boundaries",
  teams: "Neighbourhood team areas",
  venues: "Surgery and meeting venues",
  priorities: "Wards with a priority on a theme",
  responses: "Residents' concerns this month (wards with 5 or more responses)",
};

export const DEFAULT_LAYERS: readonly PartnerLayer[] = ["wards", "districts"];
export const DEFAULT_THEME: Theme = "asb";

export interface LayerSelection {
  layers: PartnerLayer[];
  theme: Theme;
}

const isTheme = (value: string | null): value is Theme => value !== null && Object.hasOwn(THEME_LABELS, value);

/**
 * The selection in a query string: `?layers=wards,venues&theme=drugs`, or the
 * form without JavaScript: `?layer=wards&layer=venues&layers=`. Unknown names
 * are ignored; no `layers` or `layer` at all means the default layers, an
 * empty `layers=` means none.
 */
export function parseLayerSelection(params: URLSearchParams): LayerSelection {
  const raw = params.get("layers");
  const requested = params.has("layer") ? params.getAll("layer") : raw === null ? DEFAULT_LAYERS : raw.split(",").map((s) => s.trim());
  const layers = PARTNER_LAYERS.filter((l) => requested.includes(l));
  const theme = params.get("theme");
  return { layers, theme: isTheme(theme) ? theme : DEFAULT_THEME };
}

/**
 * The query string for a selection, in a fixed order so equal selections give
 * equal addresses. A chosen theme stays in it while the priority layer is off,
 * so switching the layer back on (or signing in from a shared link) keeps it.
 */
export function layerSearch({ layers, theme }: LayerSelection): string {
  const params = new URLSearchParams({ layers: PARTNER_LAYERS.filter((l) => layers.includes(l)).join(",") });
  if (layers.includes("priorities") || layers.includes("responses") || theme !== DEFAULT_THEME) params.set("theme", theme);
  return `?${params.toString().replace(/%2C/g, ",")}`;
}
