// Whether a ward owes this month's PACT updates; used on the server and in pages.
export interface WardProgress {
  wardCode: string;
  wardName: string;
  teamId: number;
  active: number;
  updatedThisMonth: number;
}

/** Due: an active priority lacks this month's update. */
export const isDue = (w: WardProgress) => w.updatedThisMonth < w.active;
/** Fewer than three priorities: a slot to fill at the next PACT meeting. */
export const hasEmptySlot = (w: WardProgress) => w.active < 3;
