import { asc, desc, eq, sql } from "drizzle-orm";
import { priorities, priorityUpdates } from "../../db/schema";
import { prepared } from "~/lib/db.server";

export type PriorityWithHistory = ReturnType<typeof listPrioritiesForWard>[number];

const prioritiesOfWard = prepared((db) =>
  db
    .select()
    .from(priorities)
    .where(eq(priorities.wardCode, sql.placeholder("wardCode")))
    .orderBy(asc(priorities.status), asc(priorities.rank), desc(priorities.closedOn))
    .prepare(),
);

const updatesOfWard = prepared((db) =>
  db
    .select({ update: priorityUpdates })
    .from(priorityUpdates)
    .innerJoin(priorities, eq(priorities.id, priorityUpdates.priorityId))
    .where(eq(priorities.wardCode, sql.placeholder("wardCode")))
    .orderBy(desc(priorityUpdates.month))
    .prepare(),
);

/**
 * A ward's PACT priorities: the active ones by rank, then closed ones (newest
 * first), each with its monthly updates newest first and its last-updated date.
 */
export function listPrioritiesForWard(wardCode: string) {
  const rows = prioritiesOfWard().all({ wardCode });
  const updates = updatesOfWard()
    .all({ wardCode })
    .map((r) => r.update);
  return rows.map((p) => {
    const history = updates.filter((u) => u.priorityId === p.id);
    const lastUpdated = history.reduce<Date | null>((latest, u) => (!latest || u.publishedAt > latest ? u.publishedAt : latest), null);
    return { ...p, updates: history, lastUpdated };
  });
}
