import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { DraftForm } from "~/components/draft-form";
import { ErrorSummary } from "~/components/error-summary";
import { EventFields } from "~/components/event-fields";
import { eventSchema } from "~/lib/event-forms";
import { parseForm, type FormValues } from "~/lib/forms";
import { idParam, permitted, requireTeamPermission } from "~/lib/permissions.server";
import { readForm } from "~/lib/request.server";
import { createEvent } from "~/models/event.server";
import { findTeamById } from "~/models/team.server";
import { listWardsOfTeam } from "~/models/ward.server";

async function guard(request: Request, id: string | undefined) {
  const team = findTeamById(idParam(id));
  const actor = await requireTeamPermission(request, "edit:events", team?.id ?? null);
  if (!team) throw new Response("Team not found", { status: 404 });
  return { actor, team };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, team } = await guard(request, params.id);
  return json({ team, wards: listWardsOfTeam(team.id).map(({ code, name }) => ({ code, name })) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, team } = await guard(request, params.id);
  const parsed = parseForm(await readForm(request), eventSchema);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await permitted(() => createEvent(actor, team.id, parsed.data));
  if (!result.ok) return json({ errors: result.errors, values: parsed.values }, { status: 400 });
  return redirect(`/staff/teams/${team.id}?done=event-created`);
}

export const meta: MetaFunction = () => [{ title: "Add a surgery or meeting – Kent Neighbourhood Policing" }];

export default function NewEvent() {
  const { team, wards } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors ?? [];
  const values: FormValues = actionData?.values ?? {};
  return (
    <>
      <div className="two-thirds">
        <ErrorSummary errors={errors} />
        <Link to={`/staff/teams/${team.id}`} className="small">
          Back to {team.name}
        </Link>
        <h1>
          <span className="caption">{team.name}</span>
          Add a surgery or meeting
        </h1>
        <DraftForm draftKey={`event-new:${team.id}`} submitLabel="Add and publish">
          <EventFields values={values} errors={errors} wards={wards} />
        </DraftForm>
      </div>
    </>
  );
}
