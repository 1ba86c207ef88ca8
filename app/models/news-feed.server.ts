// What the Atom feeds list: each published monthly update, each closed priority with
// its outcome, and each PACT meeting (the priorities it agreed), newest first.
import { desc, eq, inArray } from "drizzle-orm";
import { priorities, priorityUpdates, wards } from "../../db/schema";
import { getDb } from "~/lib/db.server";
import type { UpdateStatus } from "~/lib/vocabulary";

export type NewsEntry =
  | { kind: "update"; key: string; at: Date; wardCode: string; wardName: string; priorityTitle: string; month: string; actionTaken: string; status: UpdateStatus; nextStep: string }
  | { kind: "closure"; key: string; at: Date; wardCode: string; wardName: string; title: string; outcome: string; closedOn: string }
  | { kind: "pact"; key: string; at: Date; wardCode: string; wardName: string; meetingDate: string; titles: string[] };

const noonUtc = (day: string) => new Date(`${day}T12:00:00Z`);

export function listNewsForWards(wardCodes: string[], limit = 50): NewsEntry[] {
  if (wardCodes.length === 0) return [];
  const db = getDb();
  const updates = db
    .select({ u: priorityUpdates, title: priorities.title, wardCode: priorities.wardCode, wardName: wards.name })
    .from(priorityUpdates)
    .innerJoin(priorities, eq(priorities.id, priorityUpdates.priorityId))
    .innerJoin(wards, eq(wards.code, priorities.wardCode))
    .where(inArray(priorities.wardCode, wardCodes))
    .orderBy(desc(priorityUpdates.publishedAt))
    .limit(limit)
    .all();
  const all = db
    .select({ p: priorities, wardName: wards.name })
    .from(priorities)
    .innerJoin(wards, eq(wards.code, priorities.wardCode))
    .where(inArray(priorities.wardCode, wardCodes))
    .all();
  const entries: NewsEntry[] = updates.map(({ u, title, wardCode, wardName }) => ({
    kind: "update",
    key: `update-${u.id}`,
    at: u.revisedAt && u.revisedAt > u.publishedAt ? u.revisedAt : u.publishedAt,
    wardCode,
    wardName,
    priorityTitle: title,
    month: u.month,
    actionTaken: u.actionTaken,
    status: u.status,
    nextStep: u.nextStep,
  }));
  for (const { p, wardName } of all) {
    if (p.status === "closed" && p.closedOn) {
      entries.push({ kind: "closure", key: `closure-${p.id}`, at: noonUtc(p.closedOn), wardCode: p.wardCode, wardName, title: p.title, outcome: p.outcome ?? "", closedOn: p.closedOn });
    }
  }
  const meetings = new Map<string, Extract<NewsEntry, { kind: "pact" }>>();
  for (const { p, wardName } of all) {
    const key = `pact-${p.wardCode}-${p.agreedOn}`;
    const m = meetings.get(key) ?? { kind: "pact" as const, key, at: noonUtc(p.agreedOn), wardCode: p.wardCode, wardName, meetingDate: p.agreedOn, titles: [] };
    m.titles.push(p.title);
    meetings.set(key, m);
  }
  entries.push(...meetings.values());
  return entries.sort((a, b) => b.at.getTime() - a.at.getTime() || b.key.localeCompare(a.key)).slice(0, limit);
}

