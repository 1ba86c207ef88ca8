import { z } from "zod";
import { USER_ROLES } from "./vocabulary";
import { choice, email, text } from "./forms";

export const accountSchema = z
  .object({
    name: text({ label: "Name", max: 100, required: "Enter the person's name" }),
    email: email(),
    role: choice(USER_ROLES, "Choose what the person can do"),
    teamId: text({ label: "Team", max: 9 }).refine((v) => v === "" || /^\d+$/.test(v), { message: "Choose a team from the list" }),
    organisation: text({ label: "Organisation", max: 120 }),
  })
  .superRefine((v, ctx) => {
    if (v.role === "editor" && !v.teamId) ctx.addIssue({ code: "custom", path: ["teamId"], message: "Choose the team this editor works for" });
    if (v.role === "partner" && !v.organisation) ctx.addIssue({ code: "custom", path: ["organisation"], message: "Enter the partner's organisation, for example Maidstone Borough Council" });
  })
  .transform((v) => ({ ...v, teamId: v.teamId ? Number(v.teamId) : null }));
