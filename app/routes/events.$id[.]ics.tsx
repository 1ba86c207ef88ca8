import type { LoaderFunctionArgs } from "@remix-run/node";
import { buildCalendar, calendarResponse } from "~/lib/calendar.server";
import { findCalendarEvent } from "~/models/calendar.server";

// "Add to calendar" for one surgery or meeting.
export async function loader({ params }: LoaderFunctionArgs) {
  const id = /^\d{1,9}$/.test(params.id ?? "") ? Number(params.id) : 0;
  const event = id ? findCalendarEvent(id) : null;
  if (!event) return new Response("That event does not exist.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return calendarResponse(buildCalendar(event.title, event.wardCode ? `/wards/${event.wardCode}` : "/", [event]), `event-${event.id}.ics`);
}
