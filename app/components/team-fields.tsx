import type { FieldError } from "~/lib/vocabulary";
import { Select, TextArea, TextInput } from "~/components/form-fields";
import { errorFor, type FormValues } from "~/lib/forms";

export function TeamFields({ values, errors, districts }: { values: FormValues; errors: FieldError[]; districts: { code: string; name: string }[] }) {
  const v = (k: string) => String(values[k] ?? "");
  return (
    <>
      <TextInput name="name" label="Name" hint="For example, Maidstone Central Neighbourhood Team" value={v("name")} error={errorFor(errors, "name")} />
      <TextInput name="slug" label="Web address" hint="The end of the team page's address: /teams/maidstone-central" value={v("slug")} error={errorFor(errors, "slug")} />
      <Select
        name="districtCode"
        label="District"
        value={v("districtCode")}
        error={errorFor(errors, "districtCode")}
        options={[{ value: "", label: "Choose a district" }, ...districts.map((d) => ({ value: d.code, label: d.name }))]}
      />
      <TextInput name="email" label="Team email address (optional)" type="email" value={v("email")} error={errorFor(errors, "email")} />
      <TextArea name="description" label="Description (optional)" rows={3} value={v("description")} error={errorFor(errors, "description")} />
    </>
  );
}
