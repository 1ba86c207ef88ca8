// Reading the team's month form: one block of update fields per priority, named
// p{id}-actionTaken etc., with the draft version the page showed in p{id}-draft.
import type { FieldError } from "./vocabulary";
import { parseForm, positiveId, type FormValues } from "./forms";
import { draftFields } from "./priority-forms";

export const UPDATE_FIELD_NAMES = ["actionTaken", "partners", "status", "nextStep", "internalNote"] as const;

export interface ParsedEntry {
  priorityId: number;
  draftVersion: number;
  input: { actionTaken: string; partners: string; status: "on_track" | "making_progress" | "needs_partner_action" | "resolved" | null; nextStep: string; internalNote: string };
}

export const fieldName = (priorityId: number, field: string) => `p${priorityId}-${field}`;

/** Every priority block in the form, checked against the update limits; at most `max` blocks. */
export function parseMonthForm(form: FormData, max = 200): { entries: ParsedEntry[]; errors: FieldError[]; values: FormValues } {
  const ids = [...new Set(form.getAll("priority").map((v) => positiveId.safeParse(v)).flatMap((r) => (r.success ? [r.data] : [])))].slice(0, max);
  const entries: ParsedEntry[] = [];
  const errors: FieldError[] = [];
  const values: FormValues = { priority: ids.map(String) };
  for (const id of ids) {
    const scoped = new FormData();
    for (const key of UPDATE_FIELD_NAMES) {
      const v = form.get(fieldName(id, key));
      scoped.set(key, typeof v === "string" ? v : "");
      values[fieldName(id, key)] = typeof v === "string" ? v : "";
    }
    const version = Number(form.get(fieldName(id, "draft")));
    values[fieldName(id, "draft")] = String(Number.isInteger(version) && version >= 0 ? version : 0);
    const parsed = parseForm(scoped, draftFields);
    if (!parsed.ok) {
      errors.push(...parsed.errors.map((e) => ({ ...e, field: fieldName(id, e.field) })));
      continue;
    }
    entries.push({ priorityId: id, draftVersion: Number(values[fieldName(id, "draft")]), input: parsed.data });
  }
  return { entries, errors, values };
}
