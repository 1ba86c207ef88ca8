// Dates and times as people in Kent read them, whatever the server's time zone.
const TZ = "Europe/London";

const dateFmt = new Intl.DateTimeFormat("en-GB", { timeZone: TZ, day: "numeric", month: "long", year: "numeric" });
const weekdayFmt = new Intl.DateTimeFormat("en-GB", { timeZone: TZ, weekday: "long" });
const timeFmt = new Intl.DateTimeFormat("en-GB", { timeZone: TZ, hour: "numeric", minute: "2-digit", hourCycle: "h12" });
const monthFmt = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", month: "long", year: "numeric" });

/** "14 March 2026" from a Date or a YYYY-MM-DD string. */
export function formatDate(value: Date | string): string {
  const d = typeof value === "string" ? new Date(`${value}T12:00:00Z`) : value;
  return dateFmt.format(d);
}

/** GOV.UK style: "7pm", "8:30pm", "midday", "midnight". */
function formatTime(d: Date): string {
  const t = timeFmt.format(d).replace(":00", "").replace(/\s/g, "").toLowerCase();
  return t === "12pm" ? "midday" : t === "12am" ? "midnight" : t;
}

/** "Tuesday 1 December 2026, 7pm to 8:30pm" */
export function formatEventTime(startsAt: Date | string, endsAt: Date | string): string {
  const start = new Date(startsAt);
  return `${weekdayFmt.format(start)} ${dateFmt.format(start)}, ${formatTime(start)} to ${formatTime(new Date(endsAt))}`;
}

const shortDateFmt = new Intl.DateTimeFormat("en-GB", { timeZone: TZ, weekday: "short", day: "numeric", month: "short" });

/** "Tue 1 Dec, 7pm to 8:30pm": for a summary line, where the event is weeks away at most. */
export function formatShortEventTime(startsAt: Date | string, endsAt: Date | string): string {
  const start = new Date(startsAt);
  return `${shortDateFmt.format(start).replace(",", "")}, ${formatTime(start)} to ${formatTime(new Date(endsAt))}`;
}

/** "March 2026" from "2026-03". */
export function formatMonth(month: string): string {
  return monthFmt.format(new Date(`${month}-01T00:00:00Z`));
}

/** YYYY-MM-DD for the UK calendar day at a moment. */
// Building a formatter costs far more than using one: the ward page asks for the UK month on every view.
const isoDayFmt = new Intl.DateTimeFormat("en-GB", { timeZone: TZ, year: "numeric", month: "2-digit", day: "2-digit" });

export function ukDate(at: Date): string {
  const parts = isoDayFmt.formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value;
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/** The calendar month (YYYY-MM) in the UK at a given moment. */
export function ukMonth(at: Date): string {
  return ukDate(at).slice(0, 7);
}

/** "2:05pm on 2 December 2026": when a draft or a colleague's change was saved. */
export function formatSavedAt(at: Date | string): string {
  const d = new Date(at);
  return `${formatTime(d)} on ${dateFmt.format(d)}`;
}

/** An email address in the pieces it may wrap between on a narrow screen: after its "@" and after each dot, never mid-word. */
export function emailLineBreaks(address: string): string[] {
  return address.split(/(?<=[@.])/);
}
