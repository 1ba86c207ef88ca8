import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { DraftForm } from "~/components/draft-form";
import { ErrorSummary } from "~/components/error-summary";
import { UpdateFields } from "~/components/update-fields";
import { parseForm, type FormValues } from "~/lib/forms";
import { formatDate, formatMonth } from "~/lib/format";
import { UPDATE_STATUS_LABELS } from "~/lib/labels";
import { permitted, requireUpdateEditor } from "~/lib/permissions.server";
import { updateFields } from "~/lib/priority-forms";
import { readForm } from "~/lib/request.server";
import { editUpdate, listUpdateVersions } from "~/models/priority.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, update, priority, wardName } = await requireUpdateEditor(request, params.id);
  return json({ update, priority, wardName, versions: listUpdateVersions(actor, update.id) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, update, priority } = await requireUpdateEditor(request, params.id);
  const parsed = parseForm(await readForm(request), updateFields);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await permitted(() => editUpdate(actor, update.id, parsed.data));
  if (!result.ok) return json({ errors: result.errors, values: parsed.values }, { status: 400 });
  return redirect(`/staff/wards/${priority.wardCode}?done=update-edited`);
}

export const meta: MetaFunction = () => [{ title: "Correct a monthly update – Kent Neighbourhood Policing" }];

export default function EditUpdate() {
  const { update, priority, wardName, versions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors ?? [];
  const values: FormValues = actionData?.values ?? {
    actionTaken: update.actionTaken,
    partners: update.partners,
    status: update.status,
    nextStep: update.nextStep,
    internalNote: update.internalNote,
  };
  return (
    <>
      <div className="two-thirds">
        <ErrorSummary errors={errors} />
        <Link to={`/staff/wards/${priority.wardCode}`} className="small">
          Back to {wardName}
        </Link>
        <h1>
          <span className="caption">
            {wardName}: {priority.title}
          </span>
          Correct the {formatMonth(update.month)} update
        </h1>
        <p>First published on {formatDate(new Date(update.publishedAt))}. The current wording is kept in this update's history when you save.</p>
        <DraftForm draftKey={`update-edit:${update.id}`} submitLabel="Save and publish the correction">
          <UpdateFields values={values} errors={errors} />
        </DraftForm>
        <h2 id="history">Earlier versions</h2>
        {versions.length === 0 ? (
          <p>This update has not been corrected.</p>
        ) : (
          <ol className="list" data-testid="versions">
            {versions.map(({ version: v, replacedByName }) => (
              <li key={v.id}>
                <p className="small secondary">
                  Replaced on {formatDate(new Date(v.replacedAt))} by {replacedByName ?? "an administrator"}
                </p>
                <p>{v.actionTaken}</p>
                <p className="small">
                  {UPDATE_STATUS_LABELS[v.status]}
                  {v.partners ? ` · with ${v.partners}` : ""}
                  {v.nextStep ? ` · next: ${v.nextStep}` : ""}
                </p>
                {v.internalNote ? <p className="staff-note small">{v.internalNote}</p> : null}
              </li>
            ))}
          </ol>
        )}
      </div>
    </>
  );
}
