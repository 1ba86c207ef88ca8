// Words shown to people for the codes stored in the database.
import type { EVENT_TYPES, PRIORITY_THEMES, UPDATE_STATUSES } from "./vocabulary";

export const THEME_LABELS: Record<(typeof PRIORITY_THEMES)[number], string> = {
  asb: "Anti-social behaviour",
  roads: "Roads and speeding",
  drugs: "Drugs",
  parking: "Parking",
  theft: "Theft and shoplifting",
  burglary: "Burglary",
  environment: "Fly-tipping and environment",
  violence: "Violence and disorder",
};

export const UPDATE_STATUS_LABELS: Record<(typeof UPDATE_STATUSES)[number], string> = {
  on_track: "On track",
  making_progress: "Making progress",
  needs_partner_action: "Needs partner action",
  resolved: "Resolved",
};

export const EVENT_TYPE_LABELS: Record<(typeof EVENT_TYPES)[number], string> = {
  surgery: "Surgery",
  pact_meeting: "PACT meeting",
  street_meeting: "Street meeting",
  online: "Online surgery",
};

/** The one name residents see for a district's non-urgent email address. */
export const CSU_INBOX = "Community Safety Unit (CSU) inbox";
