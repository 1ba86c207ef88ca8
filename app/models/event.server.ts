import { and, asc, eq, gte, or, isNull } from "drizzle-orm";
import { events, wards } from "../../db/schema";
import { getDb } from "~/lib/db.server";

const eventColumns = {
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
  wardCode: events.wardCode,
  wardName: wards.name,
};

/** Surgeries and meetings that have not yet ended: this ward's, and any for its whole team area. */
export function listUpcomingEventsForWard(wardCode: string, teamId: number | null, now = new Date(), limit = 6) {
  const scope = teamId == null ? eq(events.wardCode, wardCode) : or(eq(events.wardCode, wardCode), and(isNull(events.wardCode), eq(events.teamId, teamId)));
  return getDb()
    .select(eventColumns)
    .from(events)
    .leftJoin(wards, eq(wards.code, events.wardCode))
    .where(and(scope, gte(events.endsAt, now)))
    .orderBy(asc(events.startsAt))
    .limit(limit)
    .all();
}

export function listUpcomingEventsForTeam(teamId: number, now = new Date(), limit = 30) {
  return getDb()
    .select(eventColumns)
    .from(events)
    .leftJoin(wards, eq(wards.code, events.wardCode))
    .where(and(eq(events.teamId, teamId), gte(events.endsAt, now)))
    .orderBy(asc(events.startsAt))
    .limit(limit)
    .all();
}
