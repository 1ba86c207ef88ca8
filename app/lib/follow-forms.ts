// The follow form (ward and team pages, and their /follow pages), validated the same everywhere.
import { z } from "zod";
import { emailAddress } from "./email-address";
import { choice } from "./forms";
import { FOLLOW_FREQUENCIES } from "./vocabulary";

export const followForm = z.object({
  email: emailAddress,
  frequency: choice(FOLLOW_FREQUENCIES, "Choose how often you want to hear from us"),
});

/** What is put back in the field after an error: never more than an address could be. */
export const typedEmail = (value: unknown) => (typeof value === "string" ? value.slice(0, 320) : "");
