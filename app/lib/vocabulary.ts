// The project's shared vocabulary: the codes stored in the database, the identifier
// patterns checked in URLs and imported files, and the shapes every form and model
// answer with. db/schema.ts imports its enum lists from here, so the browser gets
// these lists without drizzle or the schema.

// ONS GSS codes (E05 wards, E06/E07 districts), URL slugs, and email addresses.
export const GSS_CODE = /^[EWSN]\d{8}$/;
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[a-z]{2,}$/i;

/** The canonical (upper-case) form of a code from a URL, or null if it cannot be one. */
export function normaliseGssCode(value: string | undefined): string | null {
  if (!value || value.length > 9) return null;
  const upper = value.toUpperCase();
  return GSS_CODE.test(upper) ? upper : null;
}

export const isSlug = (value: string | undefined): value is string => !!value && value.length <= 80 && SLUG.test(value);

export const OFFICER_ROLES = ["Inspector", "Sergeant", "PC", "Beat Officer", "PCSO"] as const;
export type OfficerRole = (typeof OFFICER_ROLES)[number];

export const EVENT_TYPES = ["surgery", "pact_meeting", "street_meeting", "online"] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const PRIORITY_THEMES = ["asb", "roads", "drugs", "parking", "theft", "burglary", "environment", "violence"] as const;
export type PriorityTheme = (typeof PRIORITY_THEMES)[number];

export const PRIORITY_STATUSES = ["active", "closed"] as const;
export type PriorityStatus = (typeof PRIORITY_STATUSES)[number];

export const UPDATE_STATUSES = ["on_track", "making_progress", "needs_partner_action", "resolved"] as const;
export type UpdateStatus = (typeof UPDATE_STATUSES)[number];

// Staff accounts. Residents never have one.
export const USER_ROLES = ["admin", "editor", "partner"] as const;
export type UserRole = (typeof USER_ROLES)[number];

// How a postcode was matched to its ward: inside the polygon, or the nearest Kent ward (coast, estuary).
export const WARD_MATCHES = ["pip", "nearest"] as const;

/** A problem with one field of a form, shown beside the field and in the error summary. */
export interface FieldError {
  field: string;
  message: string;
}

/** What a model's write answers: the value written, or the problems a person can fix. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

// Residents' email alerts and the outbox every email goes through.

/** How often a follower hears: at most one email a day as things happen, or a monthly summary. */
export const FOLLOW_FREQUENCIES = ["daily", "monthly"] as const;
export type FollowFrequency = (typeof FOLLOW_FREQUENCIES)[number];

/** What a resident confirms by clicking the link in an email (see app/models/confirmation.server.ts). */
export const CONFIRMATION_PURPOSES = ["follow", "respond"] as const;
export type ConfirmationPurpose = (typeof CONFIRMATION_PURPOSES)[number];

/** What followers of a ward are told about. */
export const WARD_CHANGE_KINDS = ["update_published", "priority_closed", "priority_agreed", "event_added", "event_moved", "event_cancelled"] as const;
export type WardChangeKind = (typeof WARD_CHANGE_KINDS)[number];

export const OUTBOX_STATUSES = ["pending", "sending", "sent", "failed"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export const MAIL_KINDS = ["confirmation", "response_receipt", "digest", "boundary", "invitation", "password", "reminder", "admin_summary"] as const;
export type MailKind = (typeof MAIL_KINDS)[number];
