// The audit log's filters, read from the URL (so a filtered view can be bookmarked,
// shared, paged and exported) and checked against the choices the page offers.
import { fromUkDateTime } from "../dates";
import type { FieldError } from "../vocabulary";

export interface AuditFilters {
  /** The kind of record, the part of the action before the dot ("priority", "session" …). */
  area: string | null;
  person: string | null;
  team: number | null;
  ward: string | null;
  /** YYYY-MM-DD, UK days, both included. */
  from: string | null;
  to: string | null;
}

export const NO_FILTERS: AuditFilters = { area: null, person: null, team: null, ward: null, from: null, to: null };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function realDay(value: string): boolean {
  const m = DAY.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 2000 && y <= 2100 && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/**
 * Filters from a query string. A choice not on offer (a person, team or ward that does
 * not exist) and a date that is not a real one are errors naming the field, and are not
 * applied. The dates typed are kept to show back.
 */
export function parseAuditFilters(
  params: URLSearchParams,
  known: { areas: ReadonlySet<string>; people: ReadonlySet<string>; teams: ReadonlySet<number>; wards: ReadonlySet<string> },
): { filters: AuditFilters; typed: Record<"from" | "to", string>; errors: FieldError[] } {
  const get = (k: string) => (params.get(k) ?? "").trim().slice(0, 100);
  const errors: FieldError[] = [];
  const area = get("area");
  const person = get("person");
  const team = Number.parseInt(get("team"), 10);
  const ward = get("ward").toUpperCase();
  const typed = { from: get("from"), to: get("to") };
  const day = (field: "from" | "to", label: string) => {
    const v = typed[field];
    if (!v) return null;
    if (realDay(v)) return v;
    errors.push({ field, message: `${label} must be a real date, like 2026-11-30` });
    return null;
  };
  // A choice that matches nothing (an email address pasted in place of a person, a team since
  // removed) is said, not quietly dropped: otherwise the page would show everyone as if filtered.
  const unknown = (field: string, asked: boolean, message: string) => {
    if (asked) errors.push({ field, message });
  };
  unknown("person", person !== "" && !known.people.has(person), "No account matches the person asked for. Choose the person from the list");
  unknown("team", get("team") !== "" && !known.teams.has(team), "No team matches the team asked for. Choose a team from the list");
  unknown("ward", ward !== "" && !known.wards.has(ward), "No ward matches the ward asked for. Choose a ward from the list");
  unknown("area", area !== "" && !known.areas.has(area), "The log holds no records of the kind asked for. Choose a kind from the list");
  const from = day("from", "The start date");
  const to = day("to", "The end date");
  if (from && to && from > to) errors.push({ field: "to", message: "The end date must be the same as or after the start date" });
  return {
    filters: {
      area: known.areas.has(area) ? area : null,
      person: known.people.has(person) ? person : null,
      team: known.teams.has(team) ? team : null,
      ward: known.wards.has(ward) ? ward : null,
      from,
      to: from && to && from > to ? null : to,
    },
    typed,
    errors,
  };
}

/** The moments a filter's UK days cover: from the start of `from` to the end of `to`. */
export function dayRange(filters: Pick<AuditFilters, "from" | "to">): { since: Date | null; before: Date | null } {
  const nextDay = (day: string) => {
    const d = new Date(`${day}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 1);
    return d.toISOString().slice(0, 10);
  };
  return {
    since: filters.from ? fromUkDateTime(filters.from, "00:00") : null,
    before: filters.to ? fromUkDateTime(nextDay(filters.to), "00:00") : null,
  };
}

/** The filters as a query string, for pagination and the export link (only those set). */
export function filterQuery(filters: AuditFilters, extra: Record<string, string> = {}): string {
  const entries: [string, string][] = [];
  if (filters.area) entries.push(["area", filters.area]);
  if (filters.person) entries.push(["person", filters.person]);
  if (filters.team !== null) entries.push(["team", String(filters.team)]);
  if (filters.ward) entries.push(["ward", filters.ward]);
  if (filters.from) entries.push(["from", filters.from]);
  if (filters.to) entries.push(["to", filters.to]);
  for (const [k, v] of Object.entries(extra)) entries.push([k, v]);
  return new URLSearchParams(entries).toString();
}
