import type { LoaderFunctionArgs } from "@remix-run/node";
import { buildCalendar, calendarResponse } from "~/lib/calendar.server";
import { normaliseGssCode } from "~/lib/vocabulary";
import { listCalendarEventsForWard } from "~/models/calendar.server";
import { findWard } from "~/models/ward.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const code = normaliseGssCode(params.code);
  const ward = code ? findWard(code) : null;
  if (!ward) return new Response("No Kent or Medway ward has that code.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const body = buildCalendar(`${ward.name}: police surgeries and PACT meetings`, `/wards/${ward.code}`, listCalendarEventsForWard(ward.code));
  return calendarResponse(body, `${ward.code}.ics`);
}
