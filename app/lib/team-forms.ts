import { z } from "zod";
import { email, text } from "./forms";

export const teamSchema = z
  .object({
    name: text({ label: "Name", max: 100, required: "Enter the team's name" }),
    slug: text({ label: "Web address", max: 80, required: "Enter the team's web address, for example maidstone-central" }).refine((v) => v === "" || /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(v), {
      message: "Web address must be lower-case letters and numbers, joined by hyphens, like maidstone-central",
    }),
    districtCode: text({ label: "District", max: 9, required: "Choose the district" }),
    email: email("").or(z.literal("")),
    description: text({ label: "Description", max: 1000, multiline: true }),
  })
  .transform(({ email, ...rest }) => ({ ...rest, email: email || null }));
