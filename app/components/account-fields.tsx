import type { FieldError } from "~/lib/vocabulary";
import { Radios, Select, TextInput } from "~/components/form-fields";
import { errorFor, type FormValues } from "~/lib/forms";
import { ROLE_LABELS } from "~/lib/permissions";

export function AccountFields({ values, errors, teams }: { values: FormValues; errors: FieldError[]; teams: { id: number; name: string }[] }) {
  const v = (k: string) => String(values[k] ?? "");
  return (
    <>
      <TextInput name="name" label="Full name" value={v("name")} error={errorFor(errors, "name")} />
      <TextInput name="email" label="Work email address" type="email" spellCheck={false} value={v("email")} error={errorFor(errors, "email")} />
      <Radios
        name="role"
        legend="What can they do?"
        value={v("role")}
        error={errorFor(errors, "role") ?? errorFor(errors, "teamId") ?? errorFor(errors, "organisation")}
        options={[
          {
            value: "editor",
            label: ROLE_LABELS.editor,
            hint: "Sergeants, PCs and PCSOs: priorities, updates, events and officers for their own team's wards",
            conditional: (
              <Select
                name="teamId"
                label="Team"
                value={v("teamId")}
                error={errorFor(errors, "teamId")}
                options={[{ value: "", label: "Choose a team" }, ...teams.map((t) => ({ value: String(t.id), label: t.name }))]}
              />
            ),
          },
          {
            value: "partner",
            label: ROLE_LABELS.partner,
            hint: "Council, fire service, housing: sees staff notes and the partner map, changes nothing",
            conditional: <TextInput name="organisation" label="Organisation" value={v("organisation")} error={errorFor(errors, "organisation")} />,
          },
          { value: "admin", label: ROLE_LABELS.admin, hint: "Everything, everywhere, including staff accounts and teams" },
        ]}
      />
    </>
  );
}
