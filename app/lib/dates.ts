// Dates and times typed by staff, always meant as UK time, into what the database stores.
import { z } from "zod";

// The UK calendar day lives with the other UK date formatting.
export { ukDate } from "./format";

const TZ = "Europe/London";

const pad = (n: number) => String(n).padStart(2, "0");

/** "HH:MM" UK wall-clock time at a moment. */
export function ukTime(at: Date): string {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone: TZ, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value;
  return `${get("hour")}:${get("minute")}`;
}

function offsetMinutes(at: Date): number {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone: TZ, timeZoneName: "longOffset" }).formatToParts(at);
  const name = parts.find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/** The moment a UK wall-clock date and time (as typed) happens. */
export function fromUkDateTime(date: string, time: string): Date {
  const guess = new Date(`${date}T${time}:00Z`);
  const first = new Date(guess.getTime() - offsetMinutes(guess) * 60_000);
  return new Date(guess.getTime() - offsetMinutes(first) * 60_000);
}

/** The previous calendar month of a YYYY-MM. */
export function previousMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${pad(m - 1)}`;
}

/** A real date from the GOV.UK day/month/year fields, as YYYY-MM-DD. */
export function dateFields(label: string) {
  return z
    .object({ day: z.string(), month: z.string(), year: z.string() })
    .transform((v, ctx) => {
      const [d, m, y] = [v.day.trim(), v.month.trim(), v.year.trim()];
      if (!d && !m && !y) {
        ctx.addIssue({ code: "custom", message: `Enter ${label}` });
        return z.NEVER;
      }
      if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) {
        ctx.addIssue({ code: "custom", message: `${capitalise(label)} must be a real date, like 14 3 2026` });
        return z.NEVER;
      }
      const iso = `${y}-${pad(Number(m))}-${pad(Number(d))}`;
      const check = new Date(`${iso}T12:00:00Z`);
      if (Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== iso) {
        ctx.addIssue({ code: "custom", message: `${capitalise(label)} must be a real date, like 14 3 2026` });
        return z.NEVER;
      }
      return iso;
    });
}

export const timeField = (label: string) =>
  z
    .preprocess((v) => (typeof v === "string" ? v.trim().replace(".", ":") : ""), z.string())
    .superRefine((v, ctx) => {
      if (!v) ctx.addIssue({ code: "custom", message: `Enter ${label}` });
      else if (!/^([01]?\d|2[0-3]):[0-5]\d$/.test(v)) ctx.addIssue({ code: "custom", message: `${capitalise(label)} must be a time on the 24-hour clock, like 19:00` });
    })
    .transform((v) => (v.length === 4 ? `0${v}` : v));

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Split a YYYY-MM-DD into the three GOV.UK date fields. */
export function toDateFields(iso: string | null | undefined): { day: string; month: string; year: string } {
  if (!iso) return { day: "", month: "", year: "" };
  const [y, m, d] = iso.split("-");
  return { day: String(Number(d)), month: String(Number(m)), year: y ?? "" };
}

/**
 * The same weekday of the month in the months that follow ("second Tuesday"), for
 * surgeries held on a monthly pattern. A month without that weekday (a fifth
 * Tuesday) is skipped. Dates are YYYY-MM-DD; the first is the date given.
 */
export function monthlyPattern(first: string, count: number): string[] {
  const [y, m, d] = first.split("-").map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  const nth = Math.ceil(d / 7);
  const dates = [first];
  for (let k = 1; dates.length < count && k <= count * 4; k++) {
    const firstOfMonth = new Date(Date.UTC(y, m - 1 + k, 1));
    const offset = (weekday - firstOfMonth.getUTCDay() + 7) % 7;
    const day = 1 + offset + (nth - 1) * 7;
    const candidate = new Date(Date.UTC(firstOfMonth.getUTCFullYear(), firstOfMonth.getUTCMonth(), day));
    if (candidate.getUTCMonth() === firstOfMonth.getUTCMonth()) dates.push(candidate.toISOString().slice(0, 10));
  }
  return dates;
}
