// The POST both follow pages share: check the form, ask for the confirmation link,
// and answer the same way whether or not the address is known (no enumeration).
import { json, redirect, type AppLoadContext } from "@remix-run/node";
import { parseForm } from "./forms";
import { followForm, typedEmail } from "./follow-forms";
import { CONFIRMATIONS_PER_ORIGIN_PER_HOUR } from "./mail-limits";
import { nudgeMailSender } from "./mail-sender.server";
import { assertSameOrigin, clientIp, readForm } from "./request.server";
import { requestFollow } from "~/models/follow.server";

export async function followAction(request: Request, context: AppLoadContext | undefined, target: { wardCodes: string[]; teamName?: string; page: string }) {
  assertSameOrigin(request);
  const form = await readForm(request);
  const parsed = parseForm(form, followForm);
  const values = { email: typedEmail(form.get("email")), frequency: String(form.get("frequency") ?? "").slice(0, 20) };
  if (!parsed.ok) return json({ errors: parsed.errors, values }, { status: 400 });
  const outcome = requestFollow({ email: parsed.data.email, wardCodes: target.wardCodes, frequency: parsed.data.frequency, teamName: target.teamName, originIp: clientIp(context) });
  if (outcome === "too-many-from-origin") {
    const message = `Too many alert requests have come from your internet connection in the last hour (the limit is ${CONFIRMATIONS_PER_ORIGIN_PER_HOUR}). Try again in an hour`;
    return json({ errors: [{ field: "email", message }], values }, { status: 429 });
  }
  nudgeMailSender();
  // "sent" and "suppressed" look the same, so the page tells nobody whether the address is already in use.
  return redirect(`${target.page}?sent=1`, 303);
}
