import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { DraftForm } from "~/components/draft-form";
import { ErrorSummary } from "~/components/error-summary";
import { Select } from "~/components/form-fields";
import { UpdateFields } from "~/components/update-fields";
import { errorFor, parseForm, positiveId, versionField, type FormValues } from "~/lib/forms";
import { formatDate, formatMonth } from "~/lib/format";
import { UPDATE_STATUS_LABELS } from "~/lib/labels";
import { permitted, requireUpdateEditor } from "~/lib/permissions.server";
import { updateFields } from "~/lib/priority-forms";
import { readForm } from "~/lib/request.server";
import { listMoveTargets, moveUpdate, withdrawUpdate } from "~/models/correction.server";
import { editUpdate, listUpdateVersions } from "~/models/priority.server";
import { StaffPageHeading } from "~/components/staff-frame";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, update, priority, wardName } = await requireUpdateEditor(request, params.id);
  return json({ update, priority, wardName, versions: listUpdateVersions(actor, update.id), targets: listMoveTargets(actor, update.id) });
}

const moveSchema = z.object({ toPriorityId: z.preprocess((v) => (v === "" ? undefined : v), positiveId.optional()).refine((v) => v !== undefined, "Choose the priority it belongs to"), version: versionField });

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, update, priority } = await requireUpdateEditor(request, params.id);
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "withdraw") {
    const result = await permitted(() => withdrawUpdate(actor, update.id, { version: versionField.parse(form.get("version") ?? undefined) }));
    if (!result.ok) return json({ errors: result.errors, values: {} as FormValues }, { status: 409 });
    return redirect(`/staff/wards/${priority.wardCode}?done=update-withdrawn`);
  }
  if (intent === "move") {
    const moved = parseForm(form, moveSchema);
    if (!moved.ok) return json({ errors: moved.errors, values: moved.values }, { status: 400 });
    const result = await permitted(() => moveUpdate(actor, update.id, { toPriorityId: moved.data.toPriorityId!, version: moved.data.version }));
    if (!result.ok) return json({ errors: result.errors, values: moved.values }, { status: 409 });
    return redirect(`/staff/wards/${priority.wardCode}?done=update-moved`);
  }
  const parsed = parseForm(form, updateFields.extend({ version: versionField }));
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await permitted(() => editUpdate(actor, update.id, parsed.data));
  if (!result.ok) return json({ errors: result.errors, values: parsed.values }, { status: 400 });
  return redirect(`/staff/wards/${priority.wardCode}?done=update-edited`);
}

export const meta: MetaFunction = () => [{ title: "Correct a monthly update – Kent Neighbourhood Policing" }];

export default function EditUpdate() {
  const { update, priority, wardName, versions, targets } = useLoaderData<typeof loader>();
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
        <StaffPageHeading back={{ to: `/staff/wards/${priority.wardCode}`, label: <>Back to {wardName}</> }} caption={<>{wardName}: {priority.title}</>}>
          Correct the {formatMonth(update.month)} update
        </StaffPageHeading>
        <p>First published on {formatDate(new Date(update.publishedAt))}. The current wording is kept in this update's history when you save.</p>
        {update.withdrawnAt ? (
          <div className="notice notice--important" data-testid="withdrawn-notice">
            <p>This update was withdrawn on {formatDate(new Date(update.withdrawnAt))}. Residents see only that it was withdrawn.</p>
          </div>
        ) : (
          <>
            <DraftForm draftKey={`update-edit:${update.id}`} submitLabel="Save and publish the correction">
              <input type="hidden" name="version" value={update.version} />
              <UpdateFields values={values} errors={errors} />
            </DraftForm>
            <h2>Posted on the wrong priority?</h2>
            {targets.length === 0 ? (
              <p>No other priority of {wardName} can take an update for {formatMonth(update.month)}.</p>
            ) : (
              <Form method="post" noValidate>
                <input type="hidden" name="version" value={update.version} />
                <Select
                  name="toPriorityId"
                  label="Move it to"
                  hint="Residents will see it under that priority, marked as corrected."
                  options={[{ value: "", label: "Choose a priority" }, ...targets.map((t) => ({ value: String(t.id), label: `${t.status === "active" ? `${t.rank}. ` : "Closed: "}${t.title}` }))]}
                  value={String(values.toPriorityId ?? "")}
                  error={errorFor(errors, "toPriorityId")}
                />
                <button type="submit" name="intent" value="move" className="button button--secondary">
                  Move the update
                </button>
              </Form>
            )}
            <h2>Posted by mistake?</h2>
            <Form method="post" noValidate>
              <input type="hidden" name="version" value={update.version} />
              {errorFor(errors, "withdraw") ? (
                <p className="error-message" id="withdraw">
                  {errorFor(errors, "withdraw")}
                </p>
              ) : null}
              <p>Withdrawing takes its words off the public page. Residents see “This update was withdrawn on …” in its place; the wording stays in its history.</p>
              <button type="submit" name="intent" value="withdraw" className="button button--warning">
                Withdraw the update
              </button>
            </Form>
          </>
        )}
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
