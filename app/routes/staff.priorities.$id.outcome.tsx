import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary } from "~/components/error-summary";
import { TextArea } from "~/components/form-fields";
import { errorFor, parseForm, versionField, type FormValues } from "~/lib/forms";
import { formatDate, ukDate } from "~/lib/format";
import { permitted, requirePriorityEditor } from "~/lib/permissions.server";
import { LIMITS, outcomeField } from "~/lib/priority-forms";
import { readForm } from "~/lib/request.server";
import { correctOutcome, REOPEN_DAYS, reopenDeadline, reopenPriority } from "~/models/correction.server";
import { StaffPageHeading } from "~/components/staff-frame";

const schema = z.object({ outcome: outcomeField(), version: versionField });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { priority, wardName } = await requirePriorityEditor(request, params.id);
  const deadline = priority.closedOn ? reopenDeadline(priority.closedOn) : null;
  return json({ priority, wardName, reopenUntil: deadline && ukDate(new Date()) <= deadline ? deadline : null });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, priority } = await requirePriorityEditor(request, params.id);
  const form = await readForm(request);
  if (form.get("intent") === "reopen") {
    const result = await permitted(() => reopenPriority(actor, priority.id, { version: versionField.parse(form.get("version") ?? undefined) }));
    if (!result.ok) return json({ errors: result.errors, values: {} as FormValues }, { status: 409 });
    return redirect(`/staff/wards/${priority.wardCode}?done=priority-reopened#priority-${priority.id}`);
  }
  const parsed = parseForm(form, schema);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await permitted(() => correctOutcome(actor, priority.id, parsed.data));
  if (!result.ok) return json({ errors: result.errors, values: parsed.values }, { status: 409 });
  return redirect(`/staff/wards/${priority.wardCode}?done=outcome-corrected`);
}

export const meta: MetaFunction = () => [{ title: "Correct a closed priority – Kent Neighbourhood Policing" }];

export default function CorrectClosedPriority() {
  const { priority, wardName, reopenUntil } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors ?? [];
  const values: FormValues = actionData?.values ?? { outcome: priority.outcome ?? "" };
  return (
    <div className="two-thirds">
      <ErrorSummary errors={errors} />
      <StaffPageHeading back={{ to: `/staff/wards/${priority.wardCode}`, label: <>Back to {wardName}</> }} caption={<>{wardName}: {priority.title}</>}>
        Correct a closed priority
      </StaffPageHeading>
      {priority.status !== "closed" ? (
        <p data-testid="not-closed">This priority is active, so there is nothing to correct here.</p>
      ) : (
        <>
          <p>Closed on {priority.closedOn ? formatDate(priority.closedOn) : "an unknown date"}.</p>
          <h2>Correct the outcome</h2>
          <Form method="post" noValidate>
            <input type="hidden" name="version" value={priority.version} />
            <TextArea
              name="outcome"
              label="The outcome for residents"
              hint="Residents will see that it was corrected, and when. The earlier wording is kept in the audit log."
              rows={4}
              value={String(values.outcome ?? "")}
              error={errorFor(errors, "outcome")}
              maxLength={LIMITS.outcome}
            />
            <button type="submit" className="button">
              Save and publish the correction
            </button>
          </Form>
          <h2>Closed by mistake?</h2>
          {errorFor(errors, "reopen") ? (
            <p className="error-message" id="reopen">
              {errorFor(errors, "reopen")}
            </p>
          ) : null}
          {reopenUntil ? (
            <Form method="post" noValidate>
              <input type="hidden" name="version" value={priority.version} />
              <p>
                You can reopen it in slot {priority.rank} until {formatDate(reopenUntil)}, if that slot is still empty. Residents will see that it was reopened.
              </p>
              <button type="submit" name="intent" value="reopen" className="button button--secondary">
                Reopen the priority
              </button>
            </Form>
          ) : (
            <p>
              A priority can be reopened only within {REOPEN_DAYS} days of closing. To take it up again, agree it at the next PACT meeting.
            </p>
          )}
        </>
      )}
    </div>
  );
}
