import type { MapWard } from "~/lib/map/colours";
import { THEME_LABELS } from "~/lib/labels";
import type { WardDescription } from "./types";

/** What a ward's tooltip (and its name for screen readers) says: name, team and its three priorities. */
export function describeWard(ward: MapWard | undefined, code: string): WardDescription {
  if (!ward) return { heading: code, lines: [] };
  const priorities = [...ward.priorities].sort((a, b) => a.rank - b.rank);
  return {
    heading: `${ward.name} (${ward.districtName})`,
    lines: [
      ward.teamName ?? "No neighbourhood team assigned",
      ...(priorities.length
        ? priorities.map((p) => `${p.rank}. ${THEME_LABELS[p.theme]}: ${p.title}`)
        : ["No active priorities"]),
    ],
  };
}
