import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "~/components/error-summary";
import { formatEventTime } from "~/lib/format";
import { idParam, permitted, requireTeamPermission } from "~/lib/permissions.server";
import { cancelEvent, findEvent } from "~/models/event.server";

async function guard(request: Request, id: string | undefined) {
  const event = findEvent(idParam(id));
  const actor = await requireTeamPermission(request, "edit:events", event?.teamId ?? null);
  if (!event) throw new Response("Event not found", { status: 404 });
  return { actor, event };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, event } = await guard(request, params.id);
  return json({ event });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, event } = await guard(request, params.id);
  const result = await permitted(() => cancelEvent(actor, event.id));
  if (!result.ok) return json({ errors: result.errors }, { status: 400 });
  return redirect(`/staff/teams/${event.teamId}?done=event-cancelled`);
}

export const meta: MetaFunction = () => [{ title: "Cancel a surgery or meeting – Kent Neighbourhood Policing" }];

export default function CancelEvent() {
  const { event } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <div className="two-thirds">
        <ErrorSummary errors={(actionData?.errors ?? []).map((e) => ({ ...e, field: "cancel" }))} />
        <Link to={`/staff/teams/${event.teamId}`} className="small">
          Back to the team
        </Link>
        <h1>Cancel “{event.title}”?</h1>
        <p>{formatEventTime(event.startsAt, event.endsAt)}</p>
        <p>
          It will stay on the public pages marked <strong>Cancelled</strong>, so anyone planning to come finds out. This cannot be undone: to run it after all, add it again.
        </p>
        <Form method="post">
          <div className="button-group">
            <button type="submit" id="cancel" className="button button--warning" disabled={!!event.cancelledAt}>
              Cancel the event
            </button>
            <Link to={`/staff/teams/${event.teamId}`}>Keep it</Link>
          </div>
        </Form>
      </div>
    </>
  );
}
