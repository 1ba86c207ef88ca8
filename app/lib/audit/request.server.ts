// The audit filters of a request, checked against what exists: shared by the page and its CSV export.
import { listAuditAreas, listAuditFilterChoices } from "~/models/audit.server";
import type { Actor } from "../permissions";
import { parseAuditFilters } from "./filters";

export function auditFiltersOf(actor: Actor, url: URL) {
  const choices = listAuditFilterChoices(actor);
  const areas = listAuditAreas(actor);
  const parsed = parseAuditFilters(url.searchParams, {
    areas: new Set(areas),
    people: new Set(choices.people.map((p) => p.id)),
    teams: new Set(choices.teams.map((t) => t.id)),
    wards: new Set(choices.wards.map((w) => w.code)),
  });
  return { ...parsed, choices, areas };
}
