import { and, asc, eq, gte, isNull, or, sql } from "drizzle-orm";
import { events, wards } from "../../db/schema";
import { prepared } from "~/lib/db.server";

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

/** Surgeries and meetings that have not yet ended: this ward's, and any for its whole team area. */
export function listUpcomingEventsForWard(wardCode: string, teamId: number | null, now = new Date(), limit = 6) {
  return eventsOfWard().all({ wardCode, teamId: teamId ?? -1, now: toSeconds(now), limit });
}

export function listUpcomingEventsForTeam(teamId: number, now = new Date(), limit = 30) {
  return eventsOfTeam().all({ teamId, now: toSeconds(now), limit });
}
