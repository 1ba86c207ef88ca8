import { env } from "../env.server";
import type { TileLayerConfig } from "./urls";

/** The optional base map (MAP_TILE_URL): without it, maps draw boundaries on a plain background. */
export function mapTileLayer(): TileLayerConfig | null {
  const { MAP_TILE_URL, MAP_TILE_ATTRIBUTION } = env();
  return MAP_TILE_URL ? { url: MAP_TILE_URL, attribution: MAP_TILE_ATTRIBUTION ?? "" } : null;
}
