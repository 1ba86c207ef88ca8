// Events for calendar files: cancelled ones included (a calendar app must hear that a
// surgery is off), and those of the last 90 days, so a subscribed calendar keeps them.
import { and, asc, eq, gte, isNull, or } from "drizzle-orm";
import { events, teamWards, wards } from "../../db/schema";
import { getDb } from "~/lib/db.server";

const KEEP_PAST_DAYS = 90;

const columns = {
  id: events.id,
  type: events.type,
  title: events.title,
  venue: events.venue,
  address: events.address,
  lat: events.lat,
  lng: events.lng,
  startsAt: events.startsAt,
  endsAt: events.endsAt,
  cancelledAt: events.cancelledAt,
  sequence: events.sequence,
  wardCode: events.wardCode,
  wardName: wards.name,
};

export type CalendarEvent = ReturnType<typeof listCalendarEventsForTeam>[number];

const since = (now: Date) => new Date(now.getTime() - KEEP_PAST_DAYS * 24 * 3600_000);

export function listCalendarEventsForWard(wardCode: string, now = new Date()) {
  const team = getDb().select({ teamId: teamWards.teamId }).from(teamWards).where(eq(teamWards.wardCode, wardCode)).get();
  return getDb()
    .select(columns)
    .from(events)
    .leftJoin(wards, eq(wards.code, events.wardCode))
    .where(and(or(eq(events.wardCode, wardCode), and(isNull(events.wardCode), eq(events.teamId, team?.teamId ?? -1))), gte(events.endsAt, since(now))))
    .orderBy(asc(events.startsAt))
    .all();
}

export function listCalendarEventsForTeam(teamId: number, now = new Date()) {
  return getDb()
    .select(columns)
    .from(events)
    .leftJoin(wards, eq(wards.code, events.wardCode))
    .where(and(eq(events.teamId, teamId), gte(events.endsAt, since(now))))
    .orderBy(asc(events.startsAt))
    .all();
}

export function findCalendarEvent(id: number) {
  return getDb().select(columns).from(events).leftJoin(wards, eq(wards.code, events.wardCode)).where(eq(events.id, id)).get() ?? null;
}
