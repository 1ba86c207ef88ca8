// The fields of a PACT priority and of a monthly update, shared by the staff forms.
import { z } from "zod";
import { PRIORITY_THEMES, UPDATE_STATUSES } from "./vocabulary";
import { choice, text } from "./forms";

export const LIMITS = { title: 120, detail: 1000, outcome: 1000, actionTaken: 2000, partners: 300, nextStep: 500, internalNote: 1000 } as const;

export const priorityFields = (where = "") =>
  z.object({
    theme: choice(PRIORITY_THEMES, `Choose what the priority${where} is about`),
    title: text({ label: "Title", max: LIMITS.title, required: `Enter a title for the priority${where}` }),
    detail: text({ label: "What residents told the meeting", max: LIMITS.detail, multiline: true }),
  });

export const outcomeField = (where = "") =>
  text({ label: "The outcome", max: LIMITS.outcome, multiline: true, required: `Enter the outcome for residents${where}: what changed because of this priority` });

export const updateFields = z.object({
  actionTaken: text({ label: "What the team did", max: LIMITS.actionTaken, multiline: true, required: "Enter what the team did this month" }),
  partners: text({ label: "Partners", max: LIMITS.partners }),
  status: choice(UPDATE_STATUSES, "Choose how the priority is going"),
  nextStep: text({ label: "Next step", max: LIMITS.nextStep, multiline: true }),
  internalNote: text({ label: "The note for staff and partners", max: LIMITS.internalNote, multiline: true }),
});

/** A draft of an update: the same limits, but nothing is required yet. */
export const draftFields = updateFields.extend({
  actionTaken: text({ label: "What the team did", max: LIMITS.actionTaken, multiline: true }),
  status: z.preprocess((v) => (v === "" ? undefined : v), choice(UPDATE_STATUSES, "Choose how the priority is going").optional()).transform((v) => v ?? null),
});
