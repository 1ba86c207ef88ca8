// Moving between wards on a map with the arrow keys: from the focused ward to
// the nearest ward whose centre lies roughly in the direction pressed.
import type { LngLat } from "../geo";

export type Direction = "up" | "down" | "left" | "right";

export const ARROW_DIRECTIONS: Record<string, Direction> = {
  ArrowUp: "up",
  ArrowDown: "down",
  ArrowLeft: "left",
  ArrowRight: "right",
};

export interface Place {
  code: string;
  centre: LngLat;
}

const UNIT: Record<Direction, [number, number]> = { up: [0, 1], down: [0, -1], left: [-1, 0], right: [1, 0] };

/** Local flat coordinates: a degree of longitude is shorter than one of latitude away from the equator. */
function offset(from: LngLat, to: LngLat): [number, number] {
  const k = Math.cos((from[1] * Math.PI) / 180);
  return [(to[0] - from[0]) * k, to[1] - from[1]];
}

/**
 * The place to move to from `from` when an arrow key is pressed: among places
 * within 60° of the direction, the one nearest, counting sideways distance
 * double so that the ward straight ahead wins over a closer one off to the side.
 * Null when there is nothing further that way (the edge of the county).
 */
export function nextInDirection(from: Place, direction: Direction, places: readonly Place[]): string | null {
  const [ux, uy] = UNIT[direction];
  let best: { code: string; score: number } | null = null;
  for (const p of places) {
    if (p.code === from.code) continue;
    const [dx, dy] = offset(from.centre, p.centre);
    const ahead = dx * ux + dy * uy;
    const sideways = Math.abs(dx * uy - dy * ux);
    // tan(60°) ≈ 1.73: outside that cone the ward is more "beside" than "ahead".
    if (ahead <= 0 || sideways > ahead * 1.73) continue;
    const score = ahead + 2 * sideways;
    if (!best || score < best.score) best = { code: p.code, score };
  }
  return best?.code ?? null;
}

/** The place whose centre is nearest a point: where keyboard focus starts on a map. */
export function nearestPlace(point: LngLat, places: readonly Place[]): string | null {
  let best: { code: string; d: number } | null = null;
  for (const p of places) {
    const [dx, dy] = offset(point, p.centre);
    const d = dx * dx + dy * dy;
    if (!best || d < best.d) best = { code: p.code, d };
  }
  return best?.code ?? null;
}
