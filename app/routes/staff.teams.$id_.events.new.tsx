import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { DraftForm } from "~/components/draft-form";
import { ErrorSummary } from "~/components/error-summary";
import { EventFields } from "~/components/event-fields";
import { Radios } from "~/components/form-fields";
import { fromUkDateTime, monthlyPattern } from "~/lib/dates";
import { eventValues, newEventSchema, REPEAT_MONTHS } from "~/lib/event-forms";
import { errorFor, parseForm, positiveId, type FormValues } from "~/lib/forms";
import { idParam, permitted, requireTeamPermission } from "~/lib/permissions.server";
import { readForm } from "~/lib/request.server";
import { createEvent, findEvent } from "~/models/event.server";
import { findTeamById } from "~/models/team.server";
import { listWardsOfTeam } from "~/models/ward.server";
import { teamAreasVersion } from "~/models/boundaries.server";
import { mapTileLayer } from "~/lib/map/tiles.server";
import { teamWardsGeoJsonUrl } from "~/lib/map/urls";
import { StaffPageHeading } from "~/components/staff-frame";

async function guard(request: Request, id: string | undefined) {
  const team = findTeamById(idParam(id));
  const actor = await requireTeamPermission(request, "edit:events", team?.id ?? null);
  if (!team) throw new Response("Team not found", { status: 404 });
  return { actor, team };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team } = await guard(request, params.id);
  // "Copy" on an event: everything but the date, which is the one thing that differs.
  const copyId = positiveId.safeParse(new URL(request.url).searchParams.get("copy") ?? undefined);
  const source = copyId.success ? findEvent(copyId.data) : null;
  const copy = source && source.teamId === team.id ? { ...eventValues(source), "date-day": "", "date-month": "", "date-year": "" } : null;
  return json({
    team,
    copy,
    copiedTitle: source && copy ? source.title : null,
    wards: listWardsOfTeam(team.id).map(({ code, name }) => ({ code, name })),
    map: { geometryUrl: teamWardsGeoJsonUrl(team.slug, teamAreasVersion()), tiles: mapTileLayer() },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, team } = await guard(request, params.id);
  const parsed = parseForm(await readForm(request), newEventSchema);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { date, startTime, endTime, repeat, ...input } = parsed.data;
  const repeatOn = repeat ? monthlyPattern(date, REPEAT_MONTHS).slice(1).map((d) => ({ startsAt: fromUkDateTime(d, startTime), endsAt: fromUkDateTime(d, endTime) })) : [];
  const result = await permitted(() => createEvent(actor, team.id, { ...input, repeatOn }));
  if (!result.ok) return json({ errors: result.errors, values: parsed.values }, { status: 400 });
  return redirect(`/staff/teams/${team.id}?done=${repeat ? "events-repeated" : "event-created"}`);
}

export const meta: MetaFunction = () => [{ title: "Add a surgery or meeting – Kent Neighbourhood Policing" }];

export default function NewEvent() {
  const { team, wards, copy, copiedTitle, map } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors ?? [];
  const values: FormValues = actionData?.values ?? copy ?? {};
  return (
    <>
      <div className="two-thirds">
        <ErrorSummary errors={errors} />
        <StaffPageHeading back={{ to: `/staff/teams/${team.id}`, label: <>Back to {team.name}</> }} caption={team.name}>
          Add a surgery or meeting
        </StaffPageHeading>
        {copiedTitle ? <p data-testid="copied-from">A copy of “{copiedTitle}”. Choose its date, and change anything else that differs.</p> : null}
        <DraftForm draftKey={`event-new:${team.id}`} submitLabel="Add and publish">
          <EventFields values={values} errors={errors} wards={wards} map={map} />
          <Radios
            name="repeat"
            legend="Does it repeat?"
            value={String(values.repeat ?? "once")}
            error={errorFor(errors, "repeat")}
            options={[
              { value: "once", label: "No, just this date" },
              { value: "monthly", label: `Every month on the same day of the week, for example the second Tuesday (${REPEAT_MONTHS} dates from this one)` },
            ]}
          />
        </DraftForm>
      </div>
    </>
  );
}
