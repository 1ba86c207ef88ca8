import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { DraftForm } from "~/components/draft-form";
import { ErrorSummary } from "~/components/error-summary";
import { EventFields } from "~/components/event-fields";
import { editEventSchema, eventValues } from "~/lib/event-forms";
import { parseForm, type FormValues } from "~/lib/forms";
import { idParam, permitted, requireTeamPermission } from "~/lib/permissions.server";
import { readForm } from "~/lib/request.server";
import { editEvent, findEvent } from "~/models/event.server";
import { findTeamById } from "~/models/team.server";
import { listWardsOfTeam } from "~/models/ward.server";
import { teamAreasVersion } from "~/models/boundaries.server";
import { mapTileLayer } from "~/lib/map/tiles.server";
import { teamWardsGeoJsonUrl } from "~/lib/map/urls";

async function guard(request: Request, id: string | undefined) {
  const event = findEvent(idParam(id));
  const actor = await requireTeamPermission(request, "edit:events", event?.teamId ?? null);
  if (!event) throw new Response("Event not found", { status: 404 });
  return { actor, event };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, event } = await guard(request, params.id);
  if (event.cancelledAt) throw redirect(`/staff/teams/${event.teamId}`);
  const team = findTeamById(event.teamId)!;
  return json({
    event,
    initial: eventValues(event),
    wards: listWardsOfTeam(event.teamId).map(({ code, name }) => ({ code, name })),
    map: { geometryUrl: teamWardsGeoJsonUrl(team.slug, teamAreasVersion()), tiles: mapTileLayer() },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, event } = await guard(request, params.id);
  const parsed = parseForm(await readForm(request), editEventSchema);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { date: _date, startTime: _start, endTime: _end, ...input } = parsed.data;
  const result = await permitted(() => editEvent(actor, event.id, input));
  if (!result.ok) return json({ errors: result.errors, values: parsed.values }, { status: 400 });
  return redirect(`/staff/teams/${event.teamId}?done=event-edited`);
}

export const meta: MetaFunction = () => [{ title: "Change a surgery or meeting – Kent Neighbourhood Policing" }];

export default function EditEvent() {
  const { event, initial, wards, map } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors ?? [];
  const values: FormValues = actionData?.values ?? initial;
  return (
    <>
      <div className="two-thirds">
        <ErrorSummary errors={errors} />
        <Link to={`/staff/teams/${event.teamId}`} className="small">
          Back to the team
        </Link>
        <h1>Change “{event.title}”</h1>
        <DraftForm draftKey={`event:${event.id}`} submitLabel="Save and publish">
          <input type="hidden" name="version" value={event.version} />
          <EventFields values={values} errors={errors} wards={wards} map={map} />
        </DraftForm>
      </div>
    </>
  );
}
