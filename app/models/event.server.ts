import type { FieldError, Outcome } from "~/lib/vocabulary";
import { and, asc, eq, gte, isNull, or, sql } from "drizzle-orm";
import { events, postcodes, teamWards, wards } from "../../db/schema";
import { contentChangesAt } from "~/lib/content-expiry.server";
import { getDb, prepared } from "~/lib/db.server";
import { assertTeamPermission, NotPermittedError, type Actor } from "~/lib/permissions";
import { formatSavedAt } from "~/lib/format";
import { pinInOtherWardMessage, pinOutsideMessage, postcodeInOtherWardMessage, postcodeOutsideMessage } from "~/lib/event-forms";
import { lastChangeOf, recordAudit } from "./audit.server";
import { eventDetails, eventMoved, recordWardChange } from "./ward-change.server";
import { findWard, getWardIndex } from "./ward.server";

const eventColumns = {
  id: events.id,
  type: events.type,
  title: events.title,
  venue: events.venue,
  address: events.address,
  postcode: events.postcode,
  lat: events.lat,
  lng: events.lng,
  startsAt: events.startsAt,
  endsAt: events.endsAt,
  cancelledAt: events.cancelledAt,
  wardCode: events.wardCode,
  wardName: wards.name,
};

// Timestamps are stored in seconds (drizzle's "timestamp" mode).
const toSeconds = (d: Date) => Math.floor(d.getTime() / 1000);

const eventsOfWard = prepared((db) =>
  db
    .select(eventColumns)
    .from(events)
    .leftJoin(wards, eq(wards.code, events.wardCode))
    .where(
      and(
        or(eq(events.wardCode, sql.placeholder("wardCode")), and(isNull(events.wardCode), eq(events.teamId, sql.placeholder("teamId")))),
        gte(events.endsAt, sql.placeholder("now")),
      ),
    )
    .orderBy(asc(events.startsAt))
    .limit(sql.placeholder("limit"))
    .prepare(),
);

const eventsOfTeam = prepared((db) =>
  db
    .select(eventColumns)
    .from(events)
    .leftJoin(wards, eq(wards.code, events.wardCode))
    .where(and(eq(events.teamId, sql.placeholder("teamId")), gte(events.endsAt, sql.placeholder("now"))))
    .orderBy(asc(events.startsAt))
    .limit(sql.placeholder("limit"))
    .prepare(),
);

// A list of what has not yet ended changes when the first of them ends.
function untilFirstEnds<T extends { endsAt: Date }>(rows: T[]): T[] {
  for (const row of rows) contentChangesAt(row.endsAt);
  return rows;
}

/** Surgeries and meetings that have not yet ended: this ward's, and any for its whole team area. */
export function listUpcomingEventsForWard(wardCode: string, teamId: number | null, now = new Date(), limit = 6) {
  return untilFirstEnds(eventsOfWard().all({ wardCode, teamId: teamId ?? -1, now: toSeconds(now), limit }));
}

export function listUpcomingEventsForTeam(teamId: number, now = new Date(), limit = 30) {
  return untilFirstEnds(eventsOfTeam().all({ teamId, now: toSeconds(now), limit }));
}

export interface EventInput {
  type: (typeof events.$inferSelect)["type"];
  title: string;
  wardCode: string | null;
  venue: string;
  address: string;
  postcode?: string | null;
  /** A point picked on the ward map, which places the pin more exactly than a postcode's centre. */
  pin?: { lat: number; lng: number } | null;
  startsAt: Date;
  endsAt: Date;
}

/**
 * Where the pin goes: a point picked on the map if there is one, otherwise the
 * postcode's point from the portal's own postcode table. Either must lie inside the
 * event's ward, or the team's area for a team-wide event. Neither (or an online
 * event) means no pin, rather than a pin in the wrong place.
 */
function locate(teamId: number, input: EventInput): { ok: true; lat: number | null; lng: number | null; postcode: string | null } | { ok: false; error: FieldError } {
  if (input.type === "online") return { ok: true, lat: null, lng: null, postcode: null };
  const chosen = input.wardCode ? (findWard(input.wardCode)?.name ?? "the ward chosen") : null;
  // Outside every ward the team covers, the rule that applies is the chosen ward's, if there is one.
  const misplaced = (code: string | null) => {
    const ward = code ? findWard(code) : null;
    if (!ward || ward.teamId !== teamId) return { inWard: null };
    return chosen && ward.code !== input.wardCode ? { inWard: ward.name } : null;
  };
  const { pin } = input;
  if (pin) {
    const wrong = misplaced(getWardIndex().containing([pin.lng, pin.lat]));
    if (wrong) return { ok: false, error: { field: "location", message: wrong.inWard ? pinInOtherWardMessage(wrong.inWard, chosen!) : pinOutsideMessage(chosen) } };
  }
  if (!input.postcode) return { ok: true, lat: pin?.lat ?? null, lng: pin?.lng ?? null, postcode: null };
  const row = getDb().select().from(postcodes).where(eq(postcodes.postcode, input.postcode)).get();
  if (!row) return { ok: false, error: { field: "postcode", message: `We could not find ${input.postcode}. Check it, or leave it blank` } };
  if (!row.wardCode) return { ok: false, error: { field: "postcode", message: `${input.postcode} is outside Kent and Medway. Enter the venue's postcode` } };
  if (!pin) {
    const wrong = misplaced(row.wardCode);
    if (wrong) {
      const message = wrong.inWard ? postcodeInOtherWardMessage(row.postcode, wrong.inWard, chosen!) : postcodeOutsideMessage(row.postcode, chosen);
      return { ok: false, error: { field: "postcode", message } };
    }
  }
  return { ok: true, lat: pin?.lat ?? row.lat, lng: pin?.lng ?? row.lng, postcode: row.postcode };
}

export function findEvent(id: number) {
  return getDb().select().from(events).where(eq(events.id, id)).get() ?? null;
}

/** A team's events for staff: cancelled ones too, and those of the last 30 days. */
export function listTeamEventsForStaff(teamId: number, now = new Date()) {
  const since = new Date(now.getTime() - 30 * 24 * 60 * 60 * 1000);
  return getDb()
    .select(eventColumns)
    .from(events)
    .leftJoin(wards, eq(wards.code, events.wardCode))
    .where(and(eq(events.teamId, teamId), gte(events.endsAt, since)))
    .orderBy(asc(events.startsAt))
    .all();
}

function checkEvent(teamId: number, input: EventInput): FieldError[] {
  const errors: FieldError[] = [];
  if (input.wardCode) {
    const covered = getDb()
      .select({ teamId: teamWards.teamId })
      .from(teamWards)
      .where(eq(teamWards.wardCode, input.wardCode))
      .get();
    if (covered?.teamId !== teamId) errors.push({ field: "wardCode", message: "Choose one of your team's wards, or the whole team area" });
  }
  if (input.endsAt <= input.startsAt) errors.push({ field: "endTime", message: "The end time must be after the start time" });
  return errors;
}

/** Add a surgery, PACT meeting or other event for a team (and optionally one of its wards). */
/** Events are planned at most this far ahead, so a mistyped year (9999) is caught. */
const MAX_AHEAD_MS = 2 * 366 * 24 * 3600 * 1000;

export function createEvent(actor: Actor | null, teamId: number, input: EventInput & { repeatOn?: { startsAt: Date; endsAt: Date }[] }, now = new Date()): Outcome<{ id: number; ids: number[] }> {
  assertTeamPermission(actor, "edit:events", teamId);
  const errors = checkEvent(teamId, input);
  if (input.startsAt < now) errors.push({ field: "date-day", message: "The date and time must be in the future" });
  else if (input.startsAt.getTime() - now.getTime() > MAX_AHEAD_MS) errors.push({ field: "date-day", message: "The date must be within the next two years" });
  const place = locate(teamId, input);
  if (!place.ok) errors.push(place.error);
  if (errors.length || !place.ok) return { ok: false, errors };
  const { repeatOn, pin: _pin, ...fields } = input;
  const ids = getDb().transaction((tx) =>
    [{ startsAt: input.startsAt, endsAt: input.endsAt }, ...(repeatOn ?? [])].map((when) => {
      const [row] = tx
        .insert(events)
        .values({ ...fields, ...when, ...place, teamId })
        .returning()
        .all();
      recordAudit(tx, { actor, action: "event.create", subjectType: "event", subjectId: row!.id, wardCode: row!.wardCode, teamId, after: row, at: now });
      recordWardChange(tx, { kind: "event_added", wardCode: row!.wardCode, teamId, subjectId: row!.id, at: now, details: eventDetails(row!) });
      return row!.id;
    }),
  );
  return { ok: true, value: { id: ids[0]!, ids } };
}

export function editEvent(actor: Actor | null, eventId: number, { version, ...input }: EventInput & { version?: number }, now = new Date()): Outcome<null> {
  const before = findEvent(eventId);
  if (!before) throw new NotPermittedError("That event does not exist.");
  assertTeamPermission(actor, "edit:events", before.teamId);
  if (version !== undefined && version !== before.version) {
    const change = lastChangeOf("event", eventId);
    const who = change ? `${change.name ?? change.label} changed it at ${formatSavedAt(change.at)}` : "Someone changed it";
    return { ok: false, errors: [{ field: "title", message: `This event was changed while you were on this page: ${who}. It now reads: “${before.title}”, ${before.venue}. What you typed is kept below; check it and save again` }] };
  }
  const errors = checkEvent(before.teamId, input);
  // Moving an event into the past is refused, as creating one there is; an event already past may still be corrected.
  if (input.startsAt < now && input.startsAt.getTime() !== before.startsAt.getTime()) errors.push({ field: "date-day", message: "The date and time must be in the future" });
  else if (input.startsAt.getTime() - now.getTime() > MAX_AHEAD_MS) errors.push({ field: "date-day", message: "The date must be within the next two years" });
  const place = locate(before.teamId, input);
  if (!place.ok) errors.push(place.error);
  if (errors.length || !place.ok) return { ok: false, errors };
  const { pin: _pin, ...fields } = input;
  const change = { ...fields, ...place, version: before.version + 1 };
  getDb().transaction((tx) => {
    tx.update(events).set({ ...change, sequence: sql`${events.sequence} + 1` }).where(eq(events.id, eventId)).run();
    recordAudit(tx, { actor, action: "event.edit", subjectType: "event", subjectId: eventId, wardCode: input.wardCode, teamId: before.teamId, before, after: { ...before, ...change }, at: now });
    if (eventMoved(before, input)) recordWardChange(tx, { kind: "event_moved", wardCode: input.wardCode, teamId: before.teamId, subjectId: eventId, at: now, details: eventDetails(input, before) });
  });
  return { ok: true, value: null };
}

/** Cancelled events stay listed, marked cancelled, so people who planned to come find out. */
export function cancelEvent(actor: Actor | null, eventId: number, now = new Date()): Outcome<null> {
  const before = findEvent(eventId);
  if (!before) throw new NotPermittedError("That event does not exist.");
  assertTeamPermission(actor, "edit:events", before.teamId);
  if (before.cancelledAt) return { ok: false, errors: [{ field: "form", message: "This event has already been cancelled" }] };
  getDb().transaction((tx) => {
    tx.update(events).set({ cancelledAt: now, version: before.version + 1, sequence: sql`${events.sequence} + 1` }).where(eq(events.id, eventId)).run();
    recordAudit(tx, { actor, action: "event.cancel", subjectType: "event", subjectId: eventId, wardCode: before.wardCode, teamId: before.teamId, before, after: { ...before, cancelledAt: now }, at: now });
    recordWardChange(tx, { kind: "event_cancelled", wardCode: before.wardCode, teamId: before.teamId, subjectId: eventId, at: now, details: eventDetails(before) });
  });
  return { ok: true, value: null };
}
