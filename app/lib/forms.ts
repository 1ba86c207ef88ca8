// Validating staff forms: zod schemas built from a few field types, each with the
// message a person needs (GOV.UK style: "Enter a title", "Title must be 120
// characters or fewer"), and the typed values kept to show back in the form.
import { z } from "zod";
import type { FieldError } from "~/lib/vocabulary";

// Everything shown is escaped, so a "<" in prose ("fell to <a dozen") is safe and kept.
// Only whole HTML tags and comments are refused, as residents would see them as
// clutter: refused rather than stripped, so what is published is what was typed.
const MARKUP = /<\s*\/?\s*[a-z][a-z0-9-]*(?:\s+[a-z][a-z0-9:-]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>=`]+))?)*\s*\/?\s*>|<!--|<\?[a-z]/i;
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

interface TextOptions {
  /** How the field is named in messages, e.g. "Title" or "What was done". */
  label: string;
  max: number;
  /** Message when left empty; the field is optional when absent. */
  required?: string;
  multiline?: boolean;
}

export function text({ label, max, required, multiline = false }: TextOptions) {
  return z
    .preprocess((v) => (typeof v === "string" ? v : ""), z.string())
    .transform((v) => {
      const clean = v.replace(/\r\n?/g, "\n").trim();
      return multiline ? clean : clean.replace(/\s+/g, " ");
    })
    .superRefine((v, ctx) => {
      if (required && v.length === 0) ctx.addIssue({ code: "custom", message: required });
      else if (v.length > max) ctx.addIssue({ code: "custom", message: `${label} must be ${max} characters or fewer (it has ${v.length})` });
      else if (MARKUP.test(v)) ctx.addIssue({ code: "custom", message: `${label} must not contain HTML or code such as <script>. Write it as plain text` });
      else if (CONTROL.test(v)) ctx.addIssue({ code: "custom", message: `${label} contains characters that cannot be shown. Retype it rather than pasting it` });
    });
}

export function choice<T extends readonly [string, ...string[]]>(values: T, message: string) {
  return z.preprocess((v) => (typeof v === "string" ? v : ""), z.string()).pipe(z.enum(values, { errorMap: () => ({ message }) }));
}

export function email(required = "Enter an email address") {
  return text({ label: "Email address", max: 254, required }).superRefine((v, ctx) => {
    if (v && !/^[^\s@<>"(),;:]+@[^\s@<>"(),;:]+\.[a-z]{2,}$/i.test(v)) {
      ctx.addIssue({ code: "custom", message: "Enter an email address in the correct format, like name@kent.police.uk" });
    }
  });
}

export const positiveId = z.preprocess((v) => (typeof v === "string" && /^\d{1,9}$/.test(v) ? Number(v) : v), z.number().int().positive());

/** The version of a record a form was loaded with (a hidden field), to catch changes made meanwhile. */
export const versionField = z.preprocess((v) => (typeof v === "string" && /^\d{1,9}$/.test(v) ? Number(v) : undefined), z.number().int().positive().optional());

export type FormValues = Record<string, string | string[]>;

export type ParsedForm<T> = { ok: true; data: T; values: FormValues } | { ok: false; errors: FieldError[]; values: FormValues };

/** Read named fields from a form; `lists` are fields that may repeat (checkboxes). */
export function parseForm<S extends z.ZodTypeAny>(form: FormData, schema: S, lists: string[] = []): ParsedForm<z.output<S>> {
  const values: FormValues = {};
  for (const key of new Set(form.keys())) {
    if (key.startsWith("_")) continue;
    const all = form.getAll(key).filter((v): v is string => typeof v === "string");
    values[key] = lists.includes(key) ? all : (all[0] ?? "");
  }
  for (const key of lists) values[key] ??= [];
  // GOV.UK date inputs arrive as name-day, name-month, name-year; the schema sees { day, month, year }.
  const input: Record<string, unknown> = { ...values };
  const dates = new Set<string>();
  for (const key of Object.keys(values)) {
    const m = /^(.+)-(day|month|year)$/.exec(key);
    if (!m) continue;
    dates.add(m[1]!);
    const v = values[key];
    input[m[1]!] = { ...(input[m[1]!] as object), [m[2]!]: typeof v === "string" ? v : "" };
  }
  for (const d of dates) input[d] = { day: "", month: "", year: "", ...(input[d] as object) };
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data, values };
  return { ok: false, errors: toFieldErrors(result.error, dates), values };
}

export function toFieldErrors(error: z.ZodError, dates: Set<string> = new Set()): FieldError[] {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const issue of error.issues) {
    const head = String(issue.path[0] ?? "");
    // A date's message belongs to its day field, the first of the three.
    const field = dates.has(head) ? `${head}-day` : issue.path.join("-") || "form";
    if (seen.has(field)) continue;
    seen.add(field);
    errors.push({ field, message: issue.message });
  }
  return errors;
}

export const errorFor = (errors: FieldError[] | undefined, field: string) => errors?.find((e) => e.field === field)?.message;
