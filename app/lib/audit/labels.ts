// How the audit log reads to a person: what each action means, what each recorded
// field is called, and a record's before and after as a list of labelled changes.
// Pure, so the page and the CSV export say the same thing.
import { EVENT_TYPE_LABELS, THEME_LABELS, UPDATE_STATUS_LABELS } from "../labels";
import { ROLE_LABELS } from "../permissions";

export const ACTION_LABELS: Record<string, string> = {
  "access.refused": "Refused a page or change (403)",
  "event.cancel": "Cancelled an event",
  "event.create": "Added an event",
  "event.edit": "Changed an event",
  "mail.retry": "Sent an email again",
  "officer.create": "Added an officer",
  "officer.edit": "Changed an officer's profile",
  "officer.move": "Moved an officer to another team",
  "priority.close": "Closed a priority",
  "priority.correct-outcome": "Corrected a priority's outcome",
  "priority.create": "Agreed a priority",
  "priority.edit": "Corrected a priority's wording",
  "priority.reopen": "Reopened a priority",
  "priority.taken-up": "Marked residents' themes taken up",
  "response.hide-comment": "Hid a resident's comment",
  "session.sign_in": "Signed in",
  "session.sign_out": "Signed out",
  "session.sign_in_refused": "Sign-in refused",
  "session.sign_in_throttled": "Sign-in refused: too many attempts",
  "session.ended_by_cap": "Oldest session ended (too many sessions)",
  "session.end_one": "Signed out one browser",
  "session.end_others": "Signed out everywhere else",
  "session.end_all": "Signed out everywhere",
  "team.create": "Created a team",
  "team.edit": "Changed a team's details",
  "team.wards": "Changed a team's wards",
  "update.edit": "Corrected a monthly update",
  "update.move": "Moved a monthly update",
  "update.publish": "Published a monthly update",
  "update.withdraw": "Withdrew a monthly update",
  "user.create": "Created an account (command line)",
  "user.disable": "Disabled an account",
  "user.edit": "Changed an account",
  "user.enable": "Enabled an account",
  "user.invite": "Invited someone",
  "user.password_link": "Made a set-password link",
  "user.set_password": "Set a password",
  "user.area": "Changed a partner's area",
  "ward.pact-meeting": "Recorded a PACT meeting",
};

export const actionLabel = (action: string) => ACTION_LABELS[action] ?? action;

/** What a recorded record is, in words: "priority" → "Priority". */
export const SUBJECT_LABELS: Record<string, string> = {
  event: "Event",
  mail: "Email",
  officer: "Officer",
  page: "Page",
  priority: "Priority",
  response: "Resident's response",
  team: "Team",
  update: "Monthly update",
  user: "Account",
  ward: "Ward",
};

/** The kinds of record the log's filter offers (the part of an action before the dot), in words. */
export const AREA_LABELS: Record<string, string> = {
  access: "Refused pages and changes",
  event: "Surgeries and meetings",
  mail: "Emails",
  officer: "Officers",
  priority: "Priorities",
  response: "Residents' responses",
  session: "Sign-in sessions",
  team: "Teams",
  update: "Monthly updates",
  user: "Staff accounts",
  ward: "Wards and PACT meetings",
};

/** "session" → "Sign-in sessions"; a kind added later still reads as a word. */
export const areaLabel = (area: string) => AREA_LABELS[area] ?? area.charAt(0).toUpperCase() + area.slice(1).replace(/[_-]+/g, " ");

// Stored codes shown in the words the rest of the portal uses for them.
const VALUE_LABELS: Record<string, Record<string, string>> = {
  status: { ...UPDATE_STATUS_LABELS, active: "Active", closed: "Closed" },
  theme: THEME_LABELS,
  type: EVENT_TYPE_LABELS,
  role: ROLE_LABELS,
};

const FIELD_LABELS: Record<string, string> = {
  actionTaken: "What we did",
  nextStep: "Next step",
  partners: "Working with",
  internalNote: "Staff-only note",
  status: "Status",
  month: "Month",
  priorityId: "Priority",
  publishedAt: "Published",
  revisedAt: "Corrected",
  withdrawnAt: "Withdrawn",
  title: "Title",
  detail: "Detail",
  theme: "Theme",
  rank: "Slot",
  agreedOn: "Agreed on",
  outcome: "Outcome",
  closedOn: "Closed on",
  correctedAt: "Corrected",
  wardCode: "Ward",
  teamId: "Team",
  venue: "Venue",
  address: "Address",
  postcode: "Postcode",
  lat: "Latitude",
  lng: "Longitude",
  startsAt: "Starts",
  endsAt: "Ends",
  cancelledAt: "Cancelled",
  type: "Type",
  name: "Name",
  email: "Email address",
  role: "Role",
  organisation: "Organisation",
  disabledAt: "Disabled",
  createdAt: "Created",
  lastSignInAt: "Last signed in",
  collarNumber: "Collar number",
  bio: "Profile",
  active: "Active",
  slug: "Web address",
  description: "Description",
  districtCode: "District",
  districts: "Area (districts)",
  wards: "Wards",
  ip: "Client address",
  reason: "Reason",
  account: "Account",
  device: "Browser",
  devices: "Browsers",
  ended: "Sessions ended",
  startedAt: "Signed in",
  lastUsedAt: "Last used",
  comment: "Comment",
  place: "Place",
};

// Bookkeeping that changes with every edit and means nothing to a reader.
const HIDDEN_FIELDS = new Set(["id", "version", "sequence", "passwordHash"]);

/** "internalNote" → "Staff-only note"; an unknown key still reads as words ("someField" → "Some field"). */
export function fieldLabel(key: string): string {
  if (FIELD_LABELS[key]) return FIELD_LABELS[key];
  const words = key.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/[_-]+/g, " ").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Names to show in place of ids inside a record. */
export interface AuditNames {
  teams: Record<string, string>;
  wards: Record<string, string>;
  districts: Record<string, string>;
  users: Record<string, string>;
  /** Priorities' titles by id, for the records that hold a priority's id. */
  priorities: Record<string, string>;
}

export interface AuditChange {
  field: string;
  label: string;
  before: string | null;
  after: string | null;
}

type Json = Record<string, unknown>;

function parse(s: string | null): Json | null {
  if (!s) return null;
  try {
    const value: unknown = JSON.parse(s);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Json) : null;
  } catch {
    return null;
  }
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const when = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", dateStyle: "medium", timeStyle: "short" });

function showValue(key: string, v: unknown, names: AuditNames): string | null {
  if (v === null || v === undefined || v === "") return null;
  const lookup = (table: Record<string, string>, id: unknown) => table[String(id)] ?? String(id);
  if (key === "teamId") return lookup(names.teams, v);
  if (key === "wardCode") return lookup(names.wards, v);
  if (key === "districtCode") return lookup(names.districts, v);
  if (key === "priorityId") return lookup(names.priorities, v);
  if (typeof v === "string" && VALUE_LABELS[key]?.[v]) return VALUE_LABELS[key][v];
  if (["createdBy", "replacedBy", "publishedBy", "userId"].includes(key)) return lookup(names.users, v);
  if (Array.isArray(v)) {
    const table = key === "wards" ? names.wards : key === "districts" ? names.districts : null;
    return v.map((x) => (table ? lookup(table, x) : typeof x === "string" ? x : JSON.stringify(x))).join(", ");
  }
  if (typeof v === "boolean") return v ? "Yes" : "No";
  if (typeof v === "string") return ISO.test(v) && !Number.isNaN(Date.parse(v)) ? when.format(new Date(v)) : v;
  if (typeof v === "number") return String(v);
  return JSON.stringify(v);
}

/**
 * The fields that differ between a record's before and after (every field, for a
 * record only created or only removed), labelled, with ids shown as names.
 */
export function describeChanges(before: string | null, after: string | null, names: AuditNames): AuditChange[] {
  const b = parse(before);
  const a = parse(after);
  if (!b && !a) return [];
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])].filter((k) => !HIDDEN_FIELDS.has(k));
  return keys
    .filter((k) => JSON.stringify(b?.[k]) !== JSON.stringify(a?.[k]))
    .map((k) => ({ field: k, label: fieldLabel(k), before: b ? showValue(k, b[k], names) : null, after: a ? showValue(k, a[k], names) : null }))
    .filter((c) => c.before !== c.after);
}
