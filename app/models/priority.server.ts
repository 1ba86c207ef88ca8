import { asc, desc, eq, inArray } from "drizzle-orm";
import { priorities, priorityUpdates } from "../../db/schema";
import { getDb } from "~/lib/db.server";

export type PriorityWithHistory = ReturnType<typeof listPrioritiesForWard>[number];

/**
 * A ward's PACT priorities: the active ones by rank, then closed ones (newest
 * first), each with its monthly updates newest first and its last-updated date.
 */
export function listPrioritiesForWard(wardCode: string) {
  const db = getDb();
  const rows = db
    .select()
    .from(priorities)
    .where(eq(priorities.wardCode, wardCode))
    .orderBy(asc(priorities.status), asc(priorities.rank), desc(priorities.closedOn))
    .all();
  const updates = rows.length
    ? db
        .select()
        .from(priorityUpdates)
        .where(inArray(priorityUpdates.priorityId, rows.map((r) => r.id)))
        .orderBy(desc(priorityUpdates.month))
        .all()
    : [];
  return rows.map((p) => {
    const history = updates.filter((u) => u.priorityId === p.id);
    const lastUpdated = history.reduce<Date | null>((latest, u) => (!latest || u.publishedAt > latest ? u.publishedAt : latest), null);
    return { ...p, updates: history, lastUpdated };
  });
}
