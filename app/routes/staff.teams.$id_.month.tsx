import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorSummary } from "~/components/error-summary";
import { Select, TextArea, TextInput } from "~/components/form-fields";
import { UpdatePreview } from "~/components/update-preview";
import { errorFor, type FormValues } from "~/lib/forms";
import { formatMonth, formatSavedAt } from "~/lib/format";
import { THEME_LABELS, UPDATE_STATUS_LABELS } from "~/lib/labels";
import { fieldName, parseMonthForm, type ParsedEntry } from "~/lib/month-forms";
import { idParam, permitted, requireTeamPermission } from "~/lib/permissions.server";
import { LIMITS } from "~/lib/priority-forms";
import { readForm } from "~/lib/request.server";
import { UPDATE_STATUSES, type FieldError } from "~/lib/vocabulary";
import { listTeamMonth, publishMonth, saveMonthDrafts, type Conflict } from "~/models/month.server";
import { findTeamById } from "~/models/team.server";
import { StaffPageHeading } from "~/components/staff-frame";

type Preview = { priorityId: number } & ParsedEntry["input"];

async function guard(request: Request, id: string | undefined) {
  const team = findTeamById(idParam(id));
  const actor = await requireTeamPermission(request, "edit:priorities", team?.id ?? null);
  if (!team) throw new Response("Team not found", { status: 404 });
  return { actor, team };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, team } = await guard(request, params.id);
  return json({ team: { id: team.id, name: team.name, districtName: team.districtName }, ...listTeamMonth(actor, team.id) });
}

/** After saving, the editor lands on the next priority still to write, not the top of the page. */
function nextItem(ids: number[], values: FormValues, after?: number): string {
  const start = after === undefined ? 0 : ids.indexOf(after) + 1;
  const next = [...ids.slice(start), ...ids.slice(0, start)].find((id) => !String(values[fieldName(id, "actionTaken")] ?? "").trim());
  return next ? `#p${next}` : "";
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, team } = await guard(request, params.id);
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  const { entries, errors, values } = parseMonthForm(form);
  const fail = (errs: FieldError[], conflicts: Conflict[] = [], status = 400) => json({ errors: errs, conflicts, values, preview: null as Preview[] | null }, { status });
  if (errors.length) return fail(errors);
  const ids = entries.map((e) => e.priorityId);
  if (intent === "preview") {
    const shown = entries.filter((e) => e.input.actionTaken);
    if (shown.length === 0) return fail([{ field: "form", message: "Write what the team did for at least one priority, then preview" }]);
    const missing = shown.filter((e) => !e.input.status).map((e) => ({ field: fieldName(e.priorityId, "status"), message: "Choose how the priority is going" }));
    if (missing.length) return fail(missing);
    return json({ errors: [] as FieldError[], conflicts: [] as Conflict[], values, preview: shown.map((e) => ({ priorityId: e.priorityId, ...e.input })) });
  }
  // Back from the preview to the form, with everything typed still in it and nothing saved.
  if (intent === "change") return json({ errors: [] as FieldError[], conflicts: [] as Conflict[], values, preview: null as Preview[] | null });
  if (intent === "publish") {
    const result = await permitted(() => publishMonth(actor, team.id, entries));
    if (!result.ok) return fail(result.errors, result.conflicts, 409);
    return redirect(`/staff/teams/${team.id}/month?done=month-published${nextItem(ids.filter((id) => !entries.find((e) => e.priorityId === id)?.input.actionTaken), {})}`);
  }
  const after = /^save:(\d{1,9})$/.exec(intent)?.[1];
  const result = await permitted(() => saveMonthDrafts(actor, team.id, entries));
  if (!result.ok) return fail(result.errors, result.conflicts, 409);
  return redirect(`/staff/teams/${team.id}/month?done=drafts-saved${nextItem(ids, values, after ? Number(after) : undefined)}`);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data ? formatMonth(data.month) : "This month's"} updates: ${data?.team.name ?? "team"} – Kent Neighbourhood Policing` }];

const statusOptions = [{ value: "", label: "Choose how it is going" }, ...UPDATE_STATUSES.map((s) => ({ value: s, label: UPDATE_STATUS_LABELS[s] }))];

type Item = ReturnType<typeof useLoaderData<typeof loader>>["due"][number];

function TheirVersion({ conflict }: { conflict: { kind: string; by: string; at: string; theirs: { actionTaken: string; partners: string; status: string | null; nextStep: string } } }) {
  return (
    <div className="notice notice--important" data-testid="conflict">
      <h4>
        {conflict.kind === "draft" ? "Their draft" : "Their published update"}, saved by {conflict.by} at {formatSavedAt(conflict.at)}
      </h4>
      <p>{conflict.theirs.actionTaken || "(What the team did: not written yet)"}</p>
      {conflict.theirs.partners ? <p className="small">With {conflict.theirs.partners}</p> : null}
      {conflict.theirs.nextStep ? <p className="small">Next: {conflict.theirs.nextStep}</p> : null}
      <p className="small">
        {conflict.kind === "draft"
          ? "Your version is in the form below. Save again to replace theirs with yours, or copy what you need from theirs first."
          : "Your version is in the form below and has not been published. To use it, correct the published update."}
      </p>
    </div>
  );
}

function MonthItem({ item, values, errors, conflict, preview }: { item: Item; values: FormValues | null; errors: { field: string; message: string }[]; conflict?: Parameters<typeof TheirVersion>[0]["conflict"] & { version: number }; preview: boolean }) {
  const name = (f: string) => fieldName(item.id, f);
  const v = (f: "actionTaken" | "partners" | "status" | "nextStep" | "internalNote") =>
    values ? String(values[name(f)] ?? "") : item.draft ? String(item.draft[f] ?? "") : f === "partners" || f === "status" ? String(item.lastUpdate?.[f] ?? "") : "";
  const draftVersion = conflict ? conflict.version : values ? Number(values[name("draft")] ?? 0) : (item.draft?.version ?? 0);
  const extrasOpen = [v("partners"), v("nextStep"), v("internalNote")].some(Boolean) || ["partners", "nextStep", "internalNote"].some((f) => errorFor(errors, name(f)));
  return (
    <section id={`p${item.id}`} className="month-item" aria-labelledby={`p${item.id}-title`} data-testid="month-item" tabIndex={-1}>
      <h3 id={`p${item.id}-title`}>
        <span className="caption">
          {item.wardName}, priority {item.rank} · {THEME_LABELS[item.theme]}
        </span>
        {item.title}
      </h3>
      <input type="hidden" name="priority" value={item.id} />
      <input type="hidden" name={name("draft")} value={draftVersion} />
      {item.draft && !values ? (
        <p className="small secondary" data-testid="draft-note">
          Draft saved by {item.draft.savedByName} at {formatSavedAt(item.draft.savedAt)}. Not published.
        </p>
      ) : null}
      {item.lastUpdate ? (
        <details className="month-item__last">
          <summary>
            Last update, {formatMonth(item.lastUpdate.month)}: {UPDATE_STATUS_LABELS[item.lastUpdate.status]}
          </summary>
          <p>{item.lastUpdate.actionTaken}</p>
          {item.lastUpdate.nextStep ? <p className="small">Next: {item.lastUpdate.nextStep}</p> : null}
        </details>
      ) : (
        <p className="small secondary">No updates yet.</p>
      )}
      {conflict ? <TheirVersion conflict={conflict} /> : null}
      <TextArea name={name("actionTaken")} label="What the team did" rows={4} value={v("actionTaken")} error={errorFor(errors, name("actionTaken"))} maxLength={LIMITS.actionTaken} />
      <Select name={name("status")} label="How is it going?" options={statusOptions} value={v("status")} error={errorFor(errors, name("status"))} />
      <details className="month-item__more" open={extrasOpen || undefined}>
        <summary>Partners, next step and staff note (optional)</summary>
        <TextInput name={name("partners")} label="Partners who helped" value={v("partners")} error={errorFor(errors, name("partners"))} maxLength={LIMITS.partners} />
        <TextArea name={name("nextStep")} label="Next step" rows={2} value={v("nextStep")} error={errorFor(errors, name("nextStep"))} maxLength={LIMITS.nextStep} />
        <TextArea
          name={name("internalNote")}
          label="Note for staff and partners (not published)"
          rows={2}
          value={v("internalNote")}
          error={errorFor(errors, name("internalNote"))}
          maxLength={LIMITS.internalNote}
        />
      </details>
      {preview ? null : (
        <button type="submit" name="intent" value={`save:${item.id}`} className="button button--secondary">
          Save draft and go to the next<span className="visually-hidden">: {item.title}</span>
        </button>
      )}
    </section>
  );
}

export default function TeamMonth() {
  const { team, month, total, due } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const errors = actionData?.errors ?? [];
  const values = actionData?.values ?? null;
  const preview = actionData?.preview ?? null;
  const conflicts = new Map((actionData?.conflicts ?? []).map((c) => [c.priorityId, c]));
  // A priority closed while the page was open: it is no longer due, but what was typed for it is shown, not lost.
  const gone = values ? (values.priority as string[]).map(Number).filter((id) => !due.some((d) => d.id === id)) : [];
  const wards = [...new Set(due.map((d) => d.wardName))];
  return (
    <>
      <ErrorSummary errors={errors} />
      <StaffPageHeading back={{ to: `/staff/teams/${team.id}`, label: <>Back to {team.name}</> }} caption={team.name}>
        {formatMonth(month)} updates
      </StaffPageHeading>
      <p className="lead" data-testid="month-summary">
        {due.length === 0 ? `All ${total} active priorities have their ${formatMonth(month)} update.` : `${due.length} of ${total} active priorities still ${due.length === 1 ? "needs its" : "need their"} ${formatMonth(month)} update.`}
      </p>
      {due.length > 0 ? (
        <p>
          Write what the team did for each priority. Drafts are saved for the whole team, so a colleague can finish one; they are never shown to residents. When
          you publish, every priority with “What the team did” filled in is published together; the rest stay as drafts.
        </p>
      ) : null}
      {errorFor(errors, "form") ? (
        <p className="error-message" id="form">
          {errorFor(errors, "form")}
        </p>
      ) : null}
      {due.length > 0 || gone.length > 0 ? (
        <Form method="post" noValidate className="month-form">
          {preview ? (
            <section className="month-preview" aria-labelledby="preview-title" data-testid="preview" tabIndex={-1} id="preview">
              <h2 id="preview-title">Preview: what residents will see</h2>
              <p>Check each update, then publish them all. To change one, go back to the form: what you wrote is kept.</p>
              {preview.map((p) => {
                const item = due.find((d) => d.id === p.priorityId);
                return item ? <UpdatePreview key={p.priorityId} wardName={item.wardName} title={item.title} month={month} update={p} /> : null;
              })}
              <div className="button-group">
                <button type="submit" name="intent" value="publish" className="button" disabled={busy}>
                  Publish {preview.length} update{preview.length === 1 ? "" : "s"}
                </button>
                <button type="submit" name="intent" value="change" className="button button--secondary" disabled={busy}>
                  Go back and change
                </button>
              </div>
            </section>
          ) : null}
          {gone.map((id) => (
            <section key={id} className="month-item" data-testid="month-item-closed" id={`p${id}`}>
              <p className="error-message">{errorFor(errors, fieldName(id, "actionTaken")) ?? "This priority is no longer due for an update."}</p>
              <label className="label" htmlFor={`kept-${id}`}>
                What you wrote (not saved)
              </label>
              <textarea id={`kept-${id}`} className="textarea" readOnly rows={4} defaultValue={String(values?.[fieldName(id, "actionTaken")] ?? "")} />
            </section>
          ))}
          {/* While previewing, the fields stay in the form (hidden) so the publish sends exactly what was previewed. */}
          {wards.map((w) => (
            <div key={w} className="month-ward" hidden={!!preview}>
              <h2>{w}</h2>
              {due
                .filter((d) => d.wardName === w)
                .map((item) => (
                  <MonthItem key={item.id} item={item} values={values} errors={errors} conflict={conflicts.get(item.id)} preview={!!preview} />
                ))}
            </div>
          ))}
          {due.length > 0 && !preview ? (
            <div className="button-group month-form__actions">
              <button type="submit" name="intent" value="preview" className="button" disabled={busy}>
                Preview the finished updates
              </button>
              <button type="submit" name="intent" value="publish" className="button button--secondary" disabled={busy}>
                Publish without preview
              </button>
              <button type="submit" name="intent" value="save" className="button button--secondary" disabled={busy}>
                Save all as drafts
              </button>
            </div>
          ) : null}
        </Form>
      ) : (
        <p>
          <Link to={`/staff/teams/${team.id}`}>Back to the team page</Link>
        </p>
      )}
    </>
  );
}
