import { z } from "zod";
import { EVENT_TYPES, GSS_CODE } from "./vocabulary";
import { dateFields, fromUkDateTime, timeField, toDateFields, ukDate, ukTime } from "./dates";
import { choice, text, type FormValues } from "./forms";


export const eventSchema = z
  .object({
    type: choice(EVENT_TYPES, "Choose what kind of event it is"),
    title: text({ label: "Title", max: 120, required: "Enter a title" }),
    wardCode: text({ label: "Ward", max: 9 }).refine((v) => v === "" || GSS_CODE.test(v), { message: "Choose a ward from the list" }),
    venue: text({ label: "Venue", max: 120, required: "Enter the venue" }),
    address: text({ label: "Address", max: 200 }),
    date: dateFields("the date"),
    startTime: timeField("the start time"),
    endTime: timeField("the end time"),
  })
  .transform(({ date, startTime, endTime, wardCode, ...rest }) => ({
    ...rest,
    wardCode: wardCode || null,
    startsAt: fromUkDateTime(date, startTime),
    endsAt: fromUkDateTime(date, endTime),
  }));

/** An event as the form's starting values. */
export function eventValues(e: { type: string; title: string; wardCode: string | null; venue: string; address: string; startsAt: Date; endsAt: Date }): FormValues {
  const d = toDateFields(ukDate(e.startsAt));
  return {
    type: e.type,
    title: e.title,
    wardCode: e.wardCode ?? "",
    venue: e.venue,
    address: e.address,
    "date-day": d.day,
    "date-month": d.month,
    "date-year": d.year,
    startTime: ukTime(e.startsAt),
    endTime: ukTime(e.endsAt),
  };
}
