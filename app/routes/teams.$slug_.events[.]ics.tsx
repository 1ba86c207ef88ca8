import type { LoaderFunctionArgs } from "@remix-run/node";
import { buildCalendar, calendarResponse } from "~/lib/calendar.server";
import { isSlug } from "~/lib/vocabulary";
import { listCalendarEventsForTeam } from "~/models/calendar.server";
import { findTeamBySlug } from "~/models/team.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const team = isSlug(params.slug) ? findTeamBySlug(params.slug) : null;
  if (!team) return new Response("There is no neighbourhood team at that address.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const body = buildCalendar(`${team.name}: police surgeries and PACT meetings`, `/teams/${team.slug}`, listCalendarEventsForTeam(team.id));
  return calendarResponse(body, `${team.slug}.ics`);
}
