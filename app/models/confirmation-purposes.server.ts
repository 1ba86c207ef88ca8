// Every purpose a confirmation link can have, and what clicking it does.
// A feature that needs residents to confirm by email adds its handler here (see the
// comment at the top of confirmation.server.ts); the Record type makes it required.
import type { ConfirmationPurpose as PurposeName } from "~/lib/vocabulary";
import { confirmWith, deleteUnconfirmed, findConfirmation, type ConfirmationPurpose } from "./confirmation.server";
import { followPurpose } from "./follow.server";
import { respondPurpose } from "./response-confirmation.server";

const PURPOSES: Record<PurposeName, ConfirmationPurpose> = {
  follow: followPurpose,
  respond: respondPurpose,
};

/** What the link stands for, for the page shown before the click; null when it cannot be used. */
export function describeConfirmationLink(token: string, now = new Date()) {
  const found = findConfirmation(token, now);
  if (found.state !== "valid") return { state: found.state, description: null };
  const description = PURPOSES[found.confirmation.purpose].describe(found.confirmation);
  return description ? { state: "valid" as const, description } : { state: "unknown" as const, description: null };
}

/** Use a confirmation link (the click on the confirm page). */
export function confirm(token: string, now = new Date()) {
  return confirmWith(PURPOSES, token, now);
}

/** The 7-day clean-up of links never clicked and addresses never confirmed. */
export function deleteUnconfirmedAddresses(now = new Date()) {
  return deleteUnconfirmed(PURPOSES, now);
}
