import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { PRIORITY_THEMES } from "~/lib/vocabulary";
import { DraftForm } from "~/components/draft-form";
import { ErrorSummary } from "~/components/error-summary";
import { Select, TextArea, TextInput } from "~/components/form-fields";
import { formatDate } from "~/lib/format";
import { errorFor, parseForm, versionField, type FormValues } from "~/lib/forms";
import { THEME_LABELS } from "~/lib/labels";
import { permitted, requirePriorityEditor } from "~/lib/permissions.server";
import { priorityFields } from "~/lib/priority-forms";
import { readForm } from "~/lib/request.server";
import { editPriority } from "~/models/priority.server";
import { StaffPageHeading } from "~/components/staff-frame";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, priority, wardName } = await requirePriorityEditor(request, params.id);
  return json({ priority, wardName });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, priority } = await requirePriorityEditor(request, params.id);
  const parsed = parseForm(await readForm(request), priorityFields().extend({ version: versionField }));
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await permitted(() => editPriority(actor, priority.id, parsed.data));
  if (!result.ok) return json({ errors: result.errors, values: parsed.values }, { status: 400 });
  return redirect(`/staff/wards/${priority.wardCode}?done=priority-edited`);
}

export const meta: MetaFunction = () => [{ title: "Correct a priority – Kent Neighbourhood Policing" }];

export default function EditPriority() {
  const { priority, wardName } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors ?? [];
  const values: FormValues = actionData?.values ?? { theme: priority.theme, title: priority.title, detail: priority.detail };
  return (
    <>
      <div className="two-thirds">
        <ErrorSummary errors={errors} />
        <StaffPageHeading back={{ to: `/staff/wards/${priority.wardCode}`, label: <>Back to {wardName}</> }} caption={<>{wardName}, priority {priority.rank}</>}>
          Correct the wording
        </StaffPageHeading>
        <p>For typing mistakes and clearer wording. A different priority needs a PACT meeting: close this one and agree the new one.</p>
        {priority.status !== "active" ? (
          <div className="notice notice--important" data-testid="closed-notice">
            <p>
              This priority was closed{priority.closedOn ? ` on ${formatDate(priority.closedOn)}` : ""}, so it cannot be changed here. Anything you typed is kept below.
            </p>
          </div>
        ) : null}
        <DraftForm draftKey={`priority:${priority.id}`} submitLabel="Save and publish">
          <input type="hidden" name="version" value={priority.version} />
          <Select name="theme" label="What is it about?" options={PRIORITY_THEMES.map((t) => ({ value: t, label: THEME_LABELS[t] }))} value={String(values.theme ?? "")} error={errorFor(errors, "theme")} />
          <TextInput name="title" label="Title" value={String(values.title ?? "")} error={errorFor(errors, "title")} />
          <TextArea name="detail" label="What residents told the meeting (optional)" value={String(values.detail ?? "")} error={errorFor(errors, "detail")} />
        </DraftForm>
      </div>
    </>
  );
}
