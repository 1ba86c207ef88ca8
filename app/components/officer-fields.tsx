import { OFFICER_ROLES } from "~/lib/vocabulary";
import type { FieldError } from "~/lib/vocabulary";
import { Checkboxes, Radios, Select, TextArea, TextInput } from "~/components/form-fields";
import { errorFor, type FormValues } from "~/lib/forms";

export function OfficerFields({ values, errors, wards }: { values: FormValues; errors: FieldError[]; wards: { code: string; name: string }[] }) {
  const v = (k: string) => (typeof values[k] === "string" ? (values[k] as string) : "");
  return (
    <>
      <TextInput name="name" label="Name" value={v("name")} error={errorFor(errors, "name")} />
      <Select name="role" label="Role" value={v("role")} error={errorFor(errors, "role")} options={OFFICER_ROLES.map((r) => ({ value: r, label: r }))} />
      <TextInput name="collarNumber" label="Officer number (optional)" width="short" value={v("collarNumber")} error={errorFor(errors, "collarNumber")} />
      <TextInput name="email" label="Email address (optional)" hint="Leave empty to show the team's or district's inbox" type="email" value={v("email")} error={errorFor(errors, "email")} />
      <TextArea name="bio" label="About the officer (optional)" hint="Shown to residents. No personal details." rows={4} value={v("bio")} error={errorFor(errors, "bio")} />
      <Checkboxes
        name="wardCodes"
        legend="Wards they cover"
        hint="Only the team's wards can be chosen"
        values={Array.isArray(values.wardCodes) ? values.wardCodes : []}
        error={errorFor(errors, "wardCodes")}
        options={wards.map((w) => ({ value: w.code, label: w.name }))}
      />
      <Radios
        name="active"
        legend="Show this officer on the public pages?"
        value={v("active")}
        error={errorFor(errors, "active")}
        options={[
          { value: "yes", label: "Yes" },
          { value: "no", label: "No, they have left or are away", hint: "Their profile is kept, but residents do not see it" },
        ]}
      />
    </>
  );
}
