// iCalendar files (RFC 5545) with ical-generator. Every time is written in UTC (…Z):
// calendar apps show it in the reader's zone, so 19:00 UK time is 19:00 in a UK
// calendar in December (GMT) and July (BST) alike, and no VTIMEZONE is needed.
import ical, { ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import { EVENT_TYPE_LABELS } from "./labels";
import { publicOrigin, publicUrl } from "./public-url.server";
import type { EventType } from "./vocabulary";

export interface CalendarEventInput {
  id: number;
  type: EventType;
  title: string;
  venue: string;
  address: string;
  lat: number | null;
  lng: number | null;
  startsAt: Date;
  endsAt: Date;
  cancelledAt: Date | null;
  sequence: number;
  wardCode: string | null;
  wardName: string | null;
}

/** The same UID wherever the event appears (ward, team, single file), so apps never show it twice. */
export function eventUid(id: number): string {
  return `event-${id}@${new URL(publicOrigin()).hostname}`;
}

export function buildCalendar(name: string, pageUrl: string, list: CalendarEventInput[], now = new Date()): string {
  const cal = ical({ name, prodId: { company: "Kent Neighbourhood Policing", product: "Surgeries and meetings", language: "EN" }, method: ICalCalendarMethod.PUBLISH, url: publicUrl(pageUrl), ttl: 6 * 3600 });
  for (const e of list) {
    const where = [e.venue, e.address].filter(Boolean).join(", ");
    cal.createEvent({
      id: eventUid(e.id),
      start: e.startsAt,
      end: e.endsAt,
      stamp: now,
      sequence: e.sequence,
      summary: `${e.cancelledAt ? "Cancelled: " : ""}${EVENT_TYPE_LABELS[e.type]}: ${e.title}`,
      description: `${EVENT_TYPE_LABELS[e.type]} with your neighbourhood policing team${e.wardName ? ` for ${e.wardName}` : ""}. Sample data: not a real Kent Police event.\n\nIn an emergency call 999. For anything else call 101 or report online.`,
      location: e.lat != null && e.lng != null ? { title: e.venue, address: e.address || undefined, geo: { lat: e.lat, lon: e.lng } } : where,
      url: publicUrl(e.wardCode ? `/wards/${e.wardCode}` : pageUrl),
      status: e.cancelledAt ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return cal.toString();
}

export function calendarResponse(body: string, filename: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `inline; filename="${filename}"`,
      "Cache-Control": "public, max-age=300",
    },
  });
}

/** webcal:// makes phones and desktop apps offer to subscribe rather than import once. */
export function webcalUrl(path: string): string {
  return publicUrl(path).replace(/^https?:/, "webcal:");
}
