import { z } from "zod";
import { EVENT_TYPES, GSS_CODE } from "./vocabulary";
import { dateFields, fromUkDateTime, timeField, toDateFields, ukDate, ukTime } from "./dates";
import { choice, text, versionField, type FormValues } from "./forms";
import { parsePostcode } from "./postcode";

/** How many dates a monthly repeating surgery is created for, the first included. */
export const REPEAT_MONTHS = 6;

const postcodeField = text({ label: "Postcode", max: 20 }).transform((v, ctx) => {
  if (!v) return null;
  const parsed = parsePostcode(v);
  if (parsed.kind !== "valid") {
    ctx.addIssue({ code: "custom", message: "Enter a real postcode, like ME15 6RB, or leave it blank" });
    return z.NEVER;
  }
  return parsed.postcode;
});

// A point picked on the ward map (the picker writes these hidden fields; without
// JavaScript they are absent and the postcode places the pin).
const coordinate = (min: number, max: number) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() !== "" ? Number(v) : undefined), z.number().finite().min(min).max(max).optional());

export const eventSchema = z
  .object({
    type: choice(EVENT_TYPES, "Choose what kind of event it is"),
    title: text({ label: "Title", max: 120, required: "Enter a title" }),
    wardCode: text({ label: "Ward", max: 9 }).refine((v) => v === "" || GSS_CODE.test(v), { message: "Choose a ward from the list" }),
    venue: text({ label: "Venue", max: 120, required: "Enter the venue" }),
    address: text({ label: "Address", max: 200 }),
    postcode: postcodeField,
    date: dateFields("the date"),
    startTime: timeField("the start time"),
    endTime: timeField("the end time"),
    pinLat: coordinate(-90, 90),
    pinLng: coordinate(-180, 180),
  })
  .transform(({ date, startTime, endTime, wardCode, pinLat, pinLng, ...rest }) => ({
    ...rest,
    wardCode: wardCode || null,
    pin: pinLat !== undefined && pinLng !== undefined ? { lat: pinLat, lng: pinLng } : null,
    date,
    startTime,
    endTime,
    startsAt: fromUkDateTime(date, startTime),
    endsAt: fromUkDateTime(date, endTime),
  }));

export const newEventSchema = eventSchema.and(z.object({ repeat: z.preprocess((v) => v === "monthly", z.boolean()) }));
export const editEventSchema = eventSchema.and(z.object({ version: versionField }));

/** An event as the form's starting values. */
export function eventValues(e: { type: string; title: string; wardCode: string | null; venue: string; address: string; postcode?: string | null; lat?: number | null; lng?: number | null; startsAt: Date; endsAt: Date }): FormValues {
  const d = toDateFields(ukDate(e.startsAt));
  return {
    type: e.type,
    title: e.title,
    wardCode: e.wardCode ?? "",
    venue: e.venue,
    address: e.address,
    postcode: e.postcode ?? "",
    "date-day": d.day,
    "date-month": d.month,
    "date-year": d.year,
    startTime: ukTime(e.startsAt),
    endTime: ukTime(e.endsAt),
    pinLat: e.lat != null ? String(e.lat) : "",
    pinLng: e.lng != null ? String(e.lng) : "",
  };
}

/**
 * Why the venue's pin (picked on the map, or put at the postcode) is refused when it
 * lies in none of the wards it may be in: the ward chosen in the form, or any of the
 * team's wards for a team-wide event. The server and the map's picker say the same words.
 */
export function pinOutsideMessage(chosenWardName: string | null): string {
  return chosenWardName
    ? `The pin is outside ${chosenWardName}. Move it inside ${chosenWardName}, or check the postcode`
    : "The pin is outside your team's wards. Move it inside them, or check the postcode";
}

/** A picked point in another of the team's wards than the one chosen: either may be the mistake. */
export function pinInOtherWardMessage(inWardName: string, chosenWardName: string): string {
  return `The pin is in ${inWardName}, not ${chosenWardName}. Move it inside ${chosenWardName}, or choose ${inWardName} as the ward`;
}

/** The same rules for a venue placed by its postcode alone, naming the postcode. */
export function postcodeOutsideMessage(postcode: string, chosenWardName: string | null): string {
  return chosenWardName
    ? `${postcode} is outside ${chosenWardName}. Check the postcode, or put the pin on the venue inside ${chosenWardName}`
    : `${postcode} is outside your team's wards. Check the postcode, or put the pin on the venue inside them`;
}

export function postcodeInOtherWardMessage(postcode: string, inWardName: string, chosenWardName: string): string {
  return `${postcode} is in ${inWardName}, not ${chosenWardName}. Check the postcode, or choose ${inWardName} as the ward`;
}
