import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { DraftForm } from "~/components/draft-form";
import { ErrorSummary } from "~/components/error-summary";
import { DateInput, TextArea } from "~/components/form-fields";
import { dateFields, toDateFields, ukDate } from "~/lib/dates";
import { errorFor, parseForm, versionField, type FormValues } from "~/lib/forms";
import { formatDate } from "~/lib/format";
import { permitted, requirePriorityEditor } from "~/lib/permissions.server";
import { outcomeField } from "~/lib/priority-forms";
import { readForm } from "~/lib/request.server";
import { closePriority } from "~/models/priority.server";
import { StaffPageHeading } from "~/components/staff-frame";

const schema = z.object({ outcome: outcomeField(), closedOn: dateFields("the date it was closed"), version: versionField });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, priority, wardName } = await requirePriorityEditor(request, params.id);
  return json({ priority, wardName, today: ukDate(new Date()) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, priority } = await requirePriorityEditor(request, params.id);
  const parsed = parseForm(await readForm(request), schema);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await permitted(() => closePriority(actor, priority.id, parsed.data));
  if (!result.ok) return json({ errors: result.errors, values: parsed.values }, { status: 400 });
  return redirect(`/staff/wards/${priority.wardCode}?done=priority-closed`);
}

export const meta: MetaFunction = () => [{ title: "Close a priority – Kent Neighbourhood Policing" }];

export default function ClosePriority() {
  const { priority, wardName, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors ?? [];
  const values: FormValues = actionData?.values ?? {};
  const closedOn = actionData ? { day: String(values["closedOn-day"] ?? ""), month: String(values["closedOn-month"] ?? ""), year: String(values["closedOn-year"] ?? "") } : toDateFields(today);
  return (
    <>
      <div className="two-thirds">
        <ErrorSummary errors={errors} />
        <StaffPageHeading back={{ to: `/staff/wards/${priority.wardCode}`, label: <>Back to {wardName}</> }} caption={<>{wardName}, priority {priority.rank}</>}>
          Close “{priority.title}”
        </StaffPageHeading>
        <p>Agreed on {formatDate(priority.agreedOn)}. Once closed, it moves to the ward's “You said, we did” history, with its updates, and slot {priority.rank} is free for a new priority.</p>
        {priority.status !== "active" ? (
          <div className="notice notice--important" data-testid="closed-notice">
            <p>
              This priority was closed{priority.closedOn ? ` on ${formatDate(priority.closedOn)}` : ""}, so it cannot be changed here. Anything you typed is kept below.
            </p>
          </div>
        ) : null}
        <DraftForm draftKey={`close:${priority.id}`} submitLabel="Close and publish the outcome">
          <input type="hidden" name="version" value={priority.version} />
          <TextArea
            name="outcome"
            label="The outcome for residents"
            hint="What changed because of this priority, in plain words. For example: Reports of speeding fell by half and Highways installed a speed sign."
            value={String(values.outcome ?? "")}
            error={errorFor(errors, "outcome")}
          />
          <DateInput name="closedOn" legend="Date it was closed" value={closedOn} error={errorFor(errors, "closedOn-day")} />
        </DraftForm>
      </div>
    </>
  );
}
