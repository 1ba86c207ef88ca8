// A resident's email address as typed, checked and put in the one form it is stored
// and compared in. Pure: the follow forms and the models share it.
import { z } from "zod";

/** RFC 5321's limit on a forward path. */
export const MAX_EMAIL_LENGTH = 254;

// Control characters (CR and LF above all), and the characters that would let one
// "address" carry a second recipient or a header: , ; < > " \ and spaces.
const UNSAFE = /[\u0000-\u001f\u007f\s,;<>"\\()[\]]/u;

/** The stored form: trimmed, NFC, lower-case. Real-world mailboxes do not differ by case. */
export function normaliseEmail(value: string): string {
  return value.trim().normalize("NFC").toLowerCase();
}

export const ENTER_EMAIL = "Enter your email address";
export const EMAIL_FORMAT = "Enter an email address in the correct format, like name@example.com";

/** A form's email field: refuses anything that is not one plain address, with a message a person can act on. */
export const emailAddress = z
  .string({ required_error: ENTER_EMAIL, invalid_type_error: ENTER_EMAIL })
  .transform((v) => v.trim())
  .superRefine((v, ctx) => {
    if (!v) ctx.addIssue({ code: "custom", message: ENTER_EMAIL });
    else if (v.length > MAX_EMAIL_LENGTH) ctx.addIssue({ code: "custom", message: `An email address must be ${MAX_EMAIL_LENGTH} characters or fewer` });
    else if (UNSAFE.test(v) || !z.string().email().safeParse(v).success) ctx.addIssue({ code: "custom", message: EMAIL_FORMAT });
  })
  .transform(normaliseEmail);

/** True when a value is safe to put in a mail header as it is: no line breaks or other control characters. */
export function isHeaderSafe(value: string): boolean {
  return !/[\u0000-\u001f\u007f]/u.test(value);
}
