import { booleanPointInPolygon } from "@turf/turf";
import type { FeatureCollection } from "geojson";
import type { AreaGeometry, LngLat } from "~/lib/geo";
import { pinInOtherWardMessage, pinOutsideMessage } from "~/lib/event-forms";

type Shapes = FeatureCollection<AreaGeometry, { code: string; name: string; role?: "ward" | "neighbour" }>;

/**
 * Whether a picked point is where the event form allows it: inside the chosen ward, or
 * inside one of the team's own wards (not the neighbours drawn for context) when the
 * event is for the whole team area. Returns the refusal to show at once, or null.
 * The outlines are simplified, so the server's check on the full boundary has the last word.
 */
export function pinRefusal(at: LngLat, shapes: Shapes, wardCode: string): string | null {
  const own = shapes.features.filter((f) => f.properties.role !== "neighbour");
  const chosen = wardCode ? own.find((f) => f.properties.code === wardCode) : null;
  if (wardCode && !chosen) return null;
  if (chosen ? booleanPointInPolygon(at, chosen) : own.some((f) => booleanPointInPolygon(at, f))) return null;
  const inOther = chosen ? own.find((f) => booleanPointInPolygon(at, f)) : undefined;
  if (chosen && inOther) return pinInOtherWardMessage(inOther.properties.name, chosen.properties.name);
  return pinOutsideMessage(chosen ? chosen.properties.name : null);
}
