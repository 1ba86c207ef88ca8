// When does a page stop being true by the clock alone? A ward page lists the
// surgeries that have not yet ended; /map colours wards by how recent their
// update is this month. Models that return such data say when it will change,
// and the response cache (and a CDN's max-age) does not keep the page beyond it.
import { AsyncLocalStorage } from "node:async_hooks";
import { ukMonth } from "./format";

const store = new AsyncLocalStorage<{ until: number }>();

/** Run a render, collecting the earliest moment (ms since epoch) its content changes by time alone; Infinity if never. */
export async function withContentExpiry<T>(render: () => Promise<T>): Promise<{ result: T; changesAt: number }> {
  const slot = { until: Infinity };
  const result = await store.run(slot, render);
  return { result, changesAt: slot.until };
}

/** Called by models: what was just read changes at this moment. Outside a collecting render, nothing happens. */
export function contentChangesAt(at: Date | number | null | undefined): void {
  const slot = store.getStore();
  if (!slot || at == null) return;
  const ms = typeof at === "number" ? at : at.getTime();
  if (ms < slot.until) slot.until = ms;
}

/** The earliest change noted so far in this render, if any. */
export function contentExpiry(): number | null {
  const until = store.getStore()?.until;
  return until === undefined || until === Infinity ? null : until;
}

/** The moment the calendar month in the UK next changes (midnight UK time: 23:00 UTC in summer time). */
export function nextUkMonthStarts(now: Date): Date {
  const [year, month] = ukMonth(now).split("-").map(Number) as [number, number];
  const midnightUtc = Date.UTC(year, month, 1); // month is 1-based, so this is the 1st of the next month
  const summer = new Date(midnightUtc - 60 * 60 * 1000);
  return ukMonth(summer) !== ukMonth(now) ? summer : new Date(midnightUtc);
}
