import { UPDATE_STATUSES } from "~/lib/vocabulary";
import type { FieldError } from "~/lib/vocabulary";
import { Radios, TextArea, TextInput } from "~/components/form-fields";
import { errorFor, type FormValues } from "~/lib/forms";
import { UPDATE_STATUS_LABELS } from "~/lib/labels";
import { LIMITS } from "~/lib/priority-forms";

/** The fields of a monthly update on a PACT priority. */
export function UpdateFields({ values, errors }: { values: FormValues; errors: FieldError[] }) {
  const v = (k: string) => String(values[k] ?? "");
  return (
    <>
      <TextArea
        name="actionTaken"
        label="What the team did this month"
        hint="Written for residents: patrols, arrests, warnings, work with partners. Do not name people or give details that could identify a victim."
        rows={6}
        value={v("actionTaken")}
        error={errorFor(errors, "actionTaken")}
        maxLength={LIMITS.actionTaken}
      />
      <TextInput
        name="partners"
        label="Partners who helped (optional)"
        hint="They are credited on the update, for example: Maidstone Borough Council; Kent Fire and Rescue Service"
        value={v("partners")}
        error={errorFor(errors, "partners")}
        maxLength={LIMITS.partners}
      />
      <Radios
        name="status"
        legend="How is the priority going?"
        value={v("status")}
        error={errorFor(errors, "status")}
        options={UPDATE_STATUSES.map((s) => ({ value: s, label: UPDATE_STATUS_LABELS[s] }))}
      />
      <TextArea name="nextStep" label="Next step (optional)" rows={3} value={v("nextStep")} error={errorFor(errors, "nextStep")} maxLength={LIMITS.nextStep} />
      <TextArea
        name="internalNote"
        label="Note for staff and partners (optional, not published)"
        hint="Only signed-in staff and partner organisations see this, for example who to contact at the council. Residents never see it."
        rows={3}
        value={v("internalNote")}
        error={errorFor(errors, "internalNote")}
        maxLength={LIMITS.internalNote}
      />
    </>
  );
}
