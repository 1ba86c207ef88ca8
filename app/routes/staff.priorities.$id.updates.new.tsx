import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { DraftForm } from "~/components/draft-form";
import { ErrorSummary } from "~/components/error-summary";
import { Radios } from "~/components/form-fields";
import { UpdateFields } from "~/components/update-fields";
import { errorFor, parseForm, text, type FormValues } from "~/lib/forms";
import { formatMonth } from "~/lib/format";
import { permitted, requirePriorityEditor } from "~/lib/permissions.server";
import { updateFields } from "~/lib/priority-forms";
import { readForm } from "~/lib/request.server";
import { publishableMonths, publishUpdate } from "~/models/priority.server";

const schema = updateFields.extend({
  month: text({ label: "Month", max: 7, required: "Choose the month this update is for" }).refine((m) => m === "" || /^\d{4}-(0[1-9]|1[0-2])$/.test(m), {
    message: "Choose the month this update is for",
  }),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, priority, wardName } = await requirePriorityEditor(request, params.id);
  if (priority.status !== "active") throw redirect(`/staff/wards/${priority.wardCode}`);
  return json({ priority, wardName, months: publishableMonths() });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, priority } = await requirePriorityEditor(request, params.id);
  const parsed = parseForm(await readForm(request), schema);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await permitted(() => publishUpdate(actor, priority.id, parsed.data));
  if (!result.ok) return json({ errors: result.errors, values: parsed.values }, { status: 400 });
  return redirect(`/staff/wards/${priority.wardCode}?done=update-published`);
}

export const meta: MetaFunction = () => [{ title: "Publish a monthly update – Kent Neighbourhood Policing" }];

export default function PublishUpdate() {
  const { priority, wardName, months } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors ?? [];
  const values: FormValues = actionData?.values ?? { month: months[0] };
  return (
    <>
      <div className="two-thirds">
        <ErrorSummary errors={errors} />
        <Link to={`/staff/wards/${priority.wardCode}`} className="small">
          Back to {wardName}
        </Link>
        <h1>
          <span className="caption">
            {wardName}, priority {priority.rank}: {priority.title}
          </span>
          Publish a monthly update
        </h1>
        <DraftForm draftKey={`update:${priority.id}`} submitLabel="Publish update">
          <Radios
            name="month"
            legend="Which month is this update for?"
            value={String(values.month ?? "")}
            error={errorFor(errors, "month")}
            options={[
              { value: months[0], label: formatMonth(months[0]) },
              { value: months[1], label: `${formatMonth(months[1])} (a late update)` },
            ]}
          />
          <UpdateFields values={values} errors={errors} />
        </DraftForm>
      </div>
    </>
  );
}
