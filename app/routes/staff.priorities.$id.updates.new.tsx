import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { DraftForm } from "~/components/draft-form";
import { ErrorSummary } from "~/components/error-summary";
import { Radios } from "~/components/form-fields";
import { UpdateFields } from "~/components/update-fields";
import { formatDate } from "~/lib/format";
import { errorFor, parseForm, text, type FormValues } from "~/lib/forms";
import { formatMonth, ukMonth } from "~/lib/format";
import { permitted, requirePriorityEditor } from "~/lib/permissions.server";
import { updateFields } from "~/lib/priority-forms";
import { readForm } from "~/lib/request.server";
import { nextDueInWard, openUpdateMonths, publishUpdate } from "~/models/priority.server";
import { StaffPageHeading } from "~/components/staff-frame";

const schema = updateFields.extend({
  month: text({ label: "Month", max: 7, required: "Choose the month this update is for" }).refine((m) => m === "" || /^\d{4}-(0[1-9]|1[0-2])$/.test(m), {
    message: "Choose the month this update is for",
  }),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, priority, wardName } = await requirePriorityEditor(request, params.id);
  return json({ priority, wardName, months: openUpdateMonths(priority) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, priority } = await requirePriorityEditor(request, params.id);
  const parsed = parseForm(await readForm(request), schema);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await permitted(() => publishUpdate(actor, priority.id, parsed.data));
  if (!result.ok) return json({ errors: result.errors, values: parsed.values }, { status: 400 });
  const next = nextDueInWard(priority.wardCode);
  return redirect(`/staff/wards/${priority.wardCode}?done=update-published${next ? `#priority-${next}` : ""}`);
}

export const meta: MetaFunction = () => [{ title: "Publish a monthly update – Kent Neighbourhood Policing" }];

export default function PublishUpdate() {
  const { priority, wardName, months } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors ?? [];
  const values: FormValues = actionData?.values ?? { month: months[0] ?? "" };
  const thisMonth = ukMonth(new Date());
  return (
    <>
      <div className="two-thirds">
        <ErrorSummary errors={errors} />
        <StaffPageHeading back={{ to: `/staff/wards/${priority.wardCode}`, label: <>Back to {wardName}</> }} caption={<>{wardName}, priority {priority.rank}: {priority.title}</>}>
          Publish a monthly update
        </StaffPageHeading>
        {priority.status !== "active" ? (
          <div className="notice notice--important" data-testid="closed-notice">
            <p>
              This priority was closed{priority.closedOn ? ` on ${formatDate(priority.closedOn)}` : ""}, so it cannot be changed here. Anything you typed is kept below.
            </p>
          </div>
        ) : null}
        <DraftForm draftKey={`update:${priority.id}`} submitLabel="Publish update">
          {months.length > 0 ? (
            <Radios
              name="month"
              legend="Which month is this update for?"
              value={String(values.month ?? "")}
              error={errorFor(errors, "month")}
              options={months.map((m) => ({ value: m, label: m === thisMonth ? formatMonth(m) : `${formatMonth(m)} (a late update)` }))}
            />
          ) : (
            <p className="error-message" id="month" data-testid="no-months">
              {errorFor(errors, "month") ?? "This priority already has its updates for this month and last month. To change one, correct it from the ward page."}
            </p>
          )}
          <UpdateFields values={values} errors={errors} />
        </DraftForm>
      </div>
    </>
  );
}
