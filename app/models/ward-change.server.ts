// What followers of a ward are told about. Each write path that residents would want
// to hear of records one row here, inside its own transaction, so an alert exists
// exactly when the change does. Details are a snapshot: a later edit does not rewrite
// what an email said.
import { wardChanges } from "../../db/schema";
import type { Db } from "~/lib/db.server";
import type { WardChangeKind } from "~/lib/vocabulary";

type Tx = Pick<Db, "insert">;

export interface UpdateDetails {
  priorityTitle: string;
  month: string;
  actionTaken: string;
  status: string;
  nextStep: string;
}
export interface ClosedDetails {
  title: string;
  outcome: string;
  closedOn: string;
}
export interface AgreedDetails {
  title: string;
  detail: string;
  agreedOn: string;
}
export interface EventDetails {
  type: string;
  title: string;
  venue: string;
  address: string;
  startsAt: string; // ISO
  endsAt: string;
  previous?: { startsAt: string; endsAt: string; venue: string; address: string };
}

export type WardChange =
  | { kind: "update_published"; details: UpdateDetails }
  | { kind: "priority_closed"; details: ClosedDetails }
  | { kind: "priority_agreed"; details: AgreedDetails }
  | { kind: "event_added" | "event_moved" | "event_cancelled"; details: EventDetails };

/** Record a change for followers. wardCode null with a teamId: an event for the whole team area. */
export function recordWardChange(tx: Tx, change: WardChange & { wardCode: string | null; teamId: number | null; subjectId: number; at: Date }): void {
  tx.insert(wardChanges)
    .values({ wardCode: change.wardCode, teamId: change.teamId, kind: change.kind satisfies WardChangeKind, subjectId: change.subjectId, details: JSON.stringify(change.details), at: change.at })
    .run();
}

type EventRow = { type: string; title: string; venue: string; address: string; startsAt: Date; endsAt: Date };

export function eventDetails(e: EventRow, previous?: EventRow): EventDetails {
  return {
    type: e.type,
    title: e.title,
    venue: e.venue,
    address: e.address,
    startsAt: e.startsAt.toISOString(),
    endsAt: e.endsAt.toISOString(),
    ...(previous ? { previous: { startsAt: previous.startsAt.toISOString(), endsAt: previous.endsAt.toISOString(), venue: previous.venue, address: previous.address } } : {}),
  };
}

/** An edit residents need to hear about: the time or the place changed (not a reworded title). */
export function eventMoved(before: EventRow, after: EventRow): boolean {
  return before.startsAt.getTime() !== after.startsAt.getTime() || before.endsAt.getTime() !== after.endsAt.getTime() || before.venue !== after.venue || before.address !== after.address;
}
