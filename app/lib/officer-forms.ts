import { z } from "zod";
import { GSS_CODE, OFFICER_ROLES } from "./vocabulary";
import { choice, email, text } from "./forms";

export const officerSchema = z
  .object({
    name: text({ label: "Name", max: 100, required: "Enter the officer's name" }),
    role: choice(OFFICER_ROLES, "Choose the officer's role"),
    collarNumber: text({ label: "Officer number", max: 12 }).refine((v) => v === "" || /^[A-Za-z0-9]+$/.test(v), { message: "Officer number must be letters and numbers only" }),
    email: email("").or(z.literal("")),
    bio: text({ label: "About the officer", max: 1000, multiline: true }),
    wardCodes: z.array(z.string().regex(GSS_CODE, "Choose wards from the list")).max(50),
    active: choice(["yes", "no"], "Choose whether the officer is listed on the public pages"),
  })
  .transform(({ collarNumber, email, active, ...rest }) => ({ ...rest, collarNumber: collarNumber || null, email: email || null, active: active === "yes" }));
