import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { PRIORITY_THEMES } from "~/lib/vocabulary";
import { DraftForm } from "~/components/draft-form";
import { ErrorSummary } from "~/components/error-summary";
import type { FieldError } from "~/lib/vocabulary";
import { DateInput, Radios, Select, TextArea, TextInput } from "~/components/form-fields";
import { PactResidentsPanel, TakenUpChoices } from "~/components/staff-responses";
import { dateFields, toDateFields, ukDate } from "~/lib/dates";
import { choice, errorFor, parseForm, type FormValues } from "~/lib/forms";
import { formatDate } from "~/lib/format";
import { THEME_LABELS } from "~/lib/labels";
import { outcomeField, priorityFields } from "~/lib/priority-forms";
import { permitted, requireEditorOfWard } from "~/lib/permissions.server";
import { readForm } from "~/lib/request.server";
import { takenUpField, takenUpOfNewPriorities } from "~/lib/resident-say";
import { listPrioritiesForWard, recordPactMeeting, type PactSlot, type SlotSeen } from "~/models/priority.server";
import { markTakenUpAfterMeeting, responsesForPact } from "~/models/response.server";
import { StaffPageHeading } from "~/components/staff-frame";

const RANKS = [1, 2, 3] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ward } = await requireEditorOfWard(request, params.code);
  const active = listPrioritiesForWard(ward.code).filter((p) => p.status === "active");
  const today = ukDate(new Date());
  return json({ ward, active: active.map(({ id, rank, title, theme, agreedOn, version }) => ({ id, rank, title, theme, agreedOn, version })), today, residents: responsesForPact(actor, ward.code, today) });
}

const actionSchema = z.object(Object.fromEntries(RANKS.map((r) => [`slot${r}-action`, choice(["keep", "replace", "add", "empty"], `Choose what happens to slot ${r}`)])));

/** What the form showed in a slot: "none", or "id:version" of the priority. Anything else counts as a change. */
function slotSeen(value: FormDataEntryValue | null): SlotSeen {
  if (value === "none") return null;
  const m = typeof value === "string" ? /^(\d{1,9}):(\d{1,9})$/.exec(value) : null;
  return m ? { id: Number(m[1]), version: Number(m[2]) } : { id: 0, version: 0 };
}

/** Validate the whole form: the meeting date, then for each slot the fields its choice needs. */
function parsePact(form: FormData): { ok: true; meetingDate: string; slots: PactSlot[] } | { ok: false; errors: FieldError[]; values: FormValues } {
  const base = parseForm(form, actionSchema.extend({ meeting: dateFields("the date of the PACT meeting") }), RANKS.map(takenUpField));
  const errors: FieldError[] = base.ok ? [] : [...base.errors];
  const slots: PactSlot[] = [];
  for (const r of RANKS) {
    const action = base.values[`slot${r}-action`];
    const basedOn = slotSeen(form.get(`slot${r}-seen`));
    if (action !== "add" && action !== "replace") {
      if (action === "keep" || action === "empty") slots.push({ rank: r, action, basedOn });
      continue;
    }
    // Each slot's fields are named slotN-title etc.; read them as title etc.
    const scoped = new FormData();
    for (const key of ["theme", "title", "detail", "outcome"]) scoped.set(key, String(form.get(`slot${r}-${key}`) ?? ""));
    const parsed = parseForm(scoped, priorityFields(` in slot ${r}`).extend(action === "replace" ? { outcome: outcomeField(` of the priority closing in slot ${r}`) } : {}));
    if (!parsed.ok) {
      errors.push(...parsed.errors.map((e) => ({ ...e, field: `slot${r}-${e.field}` })));
      continue;
    }
    const { outcome, ...priority } = parsed.data as { theme: (typeof PRIORITY_THEMES)[number]; title: string; detail: string; outcome?: string };
    slots.push(action === "replace" ? { rank: r, basedOn, action, outcome: outcome!, priority } : { rank: r, basedOn, action, priority });
  }
  if (!base.ok || errors.length) return { ok: false, errors, values: base.values };
  return { ok: true, meetingDate: (base.data as { meeting: string }).meeting, slots };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, ward } = await requireEditorOfWard(request, params.code);
  const form = await readForm(request);
  const parsed = parsePact(form);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await permitted(() => recordPactMeeting(actor, ward.code, { meetingDate: parsed.meetingDate, slots: parsed.slots }));
  if (!result.ok) return json({ errors: result.errors, values: Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)])) as FormValues }, { status: 400 });
  markTakenUpAfterMeeting(actor, takenUpOfNewPriorities(form, parsed.slots, result.value.added));
  return redirect(`/staff/wards/${ward.code}?done=pact-recorded`);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Record a PACT meeting: ${data?.ward.name ?? "ward"} – Kent Neighbourhood Policing` }];

const themeOptions = [{ value: "", label: "Choose a theme" }, ...PRIORITY_THEMES.map((t) => ({ value: t, label: THEME_LABELS[t] }))];

type Considered = Parameters<typeof TakenUpChoices>[0]["considered"];

function NewPriorityFields({ rank, values, errors, considered }: { rank: number; values: FormValues; errors: FieldError[]; considered: Considered }) {
  const v = (k: string) => String(values[`slot${rank}-${k}`] ?? "");
  return (
    <>
      <Select name={`slot${rank}-theme`} label="What is it about?" options={themeOptions} value={v("theme")} error={errorFor(errors, `slot${rank}-theme`)} />
      <TextInput name={`slot${rank}-title`} label="Title" hint="As residents will read it, for example: Speeding on Sutton Road near the school" value={v("title")} error={errorFor(errors, `slot${rank}-title`)} />
      <TextArea name={`slot${rank}-detail`} label="What residents told the meeting (optional)" rows={3} value={v("detail")} error={errorFor(errors, `slot${rank}-detail`)} />
      <TakenUpChoices rank={rank} considered={considered} values={values} errors={errors} />
    </>
  );
}

export default function RecordPactMeeting() {
  const { ward, active, today, residents } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors ?? [];
  const values: FormValues = actionData?.values ?? {};
  const meeting = actionData ? { day: String(values["meeting-day"] ?? ""), month: String(values["meeting-month"] ?? ""), year: String(values["meeting-year"] ?? "") } : toDateFields(null);
  return (
    <>
      <div className="two-thirds">
        <ErrorSummary errors={errors} />
        <StaffPageHeading back={{ to: `/staff/wards/${ward.code}`, label: <>Back to {ward.name}</> }} caption={ward.name}>
          Record a PACT meeting
        </StaffPageHeading>
        <p>
          A ward has up to three priorities, agreed by residents and partners at its PACT meeting. For each slot, say whether the priority carries on, or is
          closed with its outcome and replaced by a new one. Everything here is published on the ward's public page when you save.
        </p>
        {errorFor(errors, "form") ? (
          <p className="error-message" id="form">
            {errorFor(errors, "form")}
          </p>
        ) : null}
        <PactResidentsPanel view={residents.view} considered={residents.considered} wardCode={ward.code} />
        <DraftForm draftKey={`pact:${ward.code}`} submitLabel="Save and publish">
          <DateInput name="meeting" legend="Date of the PACT meeting" hint={`For example, ${toDateFields(today).day} ${toDateFields(today).month} ${toDateFields(today).year}`} value={meeting} error={errorFor(errors, "meeting-day")} />
          {[1, 2, 3].map((rank) => {
            const current = active.find((p) => p.rank === rank);
            const choiceError = errorFor(errors, `slot${rank}-action`);
            // A slot that changed meanwhile goes back to "keep", so the editor decides again on what it holds now.
            const stale = choiceError?.startsWith(`Slot ${rank} changed`);
            const chosen = stale ? (current ? "keep" : undefined) : ((values[`slot${rank}-action`] as string | undefined) ?? (current ? "keep" : undefined));
            const seen = <input type="hidden" name={`slot${rank}-seen`} value={current ? `${current.id}:${current.version}` : "none"} />;
            return current ? (
              // Keyed by what the slot holds, so a slot that changed meanwhile is drawn afresh.
              <div key={`${rank}:${current ? `${current.id}:${current.version}` : "none"}`}>
              {seen}
              <Radios
                key={rank}
                name={`slot${rank}-action`}
                large
                legend={`Slot ${rank}: ${current.title}`}
                hint={`${THEME_LABELS[current.theme]}. Agreed on ${formatDate(current.agreedOn)}.`}
                value={chosen}
                error={choiceError}
                options={[
                  { value: "keep", label: "Keep this priority" },
                  {
                    value: "replace",
                    label: "Close it with its outcome, and agree a new priority in its place",
                    conditional: (
                      <>
                        <TextArea
                          name={`slot${rank}-outcome`}
                          label="The outcome for residents"
                          hint="What changed because of this priority. It is published under “You said, we did”."
                          rows={3}
                          value={String(values[`slot${rank}-outcome`] ?? "")}
                          error={errorFor(errors, `slot${rank}-outcome`)}
                        />
                        <NewPriorityFields rank={rank} values={values} errors={errors} considered={residents.considered} />
                      </>
                    ),
                  },
                ]}
              />
              </div>
            ) : (
              <div key={`${rank}:none`}>
              {seen}
              <Radios
                key={rank}
                name={`slot${rank}-action`}
                large
                legend={`Slot ${rank}: empty`}
                value={chosen}
                error={choiceError}
                options={[
                  { value: "add", label: "Agree a new priority for this slot", conditional: <NewPriorityFields rank={rank} values={values} errors={errors} considered={residents.considered} /> },
                  { value: "empty", label: "Leave it empty for now" },
                ]}
              />
              </div>
            );
          })}
        </DraftForm>
      </div>
    </>
  );
}
