// Residents following wards: asking (through a confirmation link), the manage page's
// changes, and one-click unsubscribe. Digests are built in digest.server.ts.
import { and, asc, eq, inArray, max } from "drizzle-orm";
import { z } from "zod";
import { teamWards, wardChanges, wardFollows, wards } from "../../db/schema";
import { getDb } from "~/lib/db.server";
import { FOLLOW_FREQUENCIES, type FollowFrequency } from "~/lib/vocabulary";
import { deleteAddress, findAddressByManageToken, requestConfirmation, type ConfirmationOutcome, type ConfirmationPurpose, type ResidentAddress, type Tx } from "./confirmation.server";

export const FREQUENCY_LABELS: Record<FollowFrequency, string> = {
  daily: "As it happens (at most one email a day)",
  monthly: "A monthly summary",
};

const followPayload = z.object({ wards: z.array(z.string()).min(1).max(100), frequency: z.enum(FOLLOW_FREQUENCIES), teamName: z.string().optional() });

function wardNames(codes: string[], db: Pick<Tx, "select"> = getDb()): Map<string, string> {
  if (codes.length === 0) return new Map();
  return new Map(db.select({ code: wards.code, name: wards.name }).from(wards).where(inArray(wards.code, codes)).all().map((w) => [w.code, w.name]));
}

/** What following means, for the confirm page and the email. */
function describeFollow(codes: string[], names: Map<string, string>, teamName?: string): string {
  if (teamName) return `every ward of ${teamName} (${codes.length} ward${codes.length === 1 ? "" : "s"})`;
  return codes.map((c) => `${names.get(c) ?? c} ward`).join(", ");
}

export const followPurpose: ConfirmationPurpose = {
  describe(c) {
    const p = followPayload.safeParse(c.payload);
    if (!p.success) return null;
    const names = wardNames(p.data.wards);
    if (names.size === 0) return null;
    return {
      heading: `Confirm email alerts for ${describeFollow(p.data.wards, names, p.data.teamName)}`,
      paragraphs: [`Emails will go to ${c.email}: ${FREQUENCY_LABELS[p.data.frequency].toLowerCase()}.`],
      button: "Confirm and start alerts",
    };
  },
  confirm(tx, c, now) {
    const p = { data: followPayload.parse(c.payload) };
    const names = wardNames(p.data.wards, tx);
    // New followers hear of what happens from now on, not the ward's whole history.
    const latest = tx.select({ id: max(wardChanges.id) }).from(wardChanges).get()?.id ?? 0;
    for (const code of p.data.wards.filter((w) => names.has(w))) {
      tx.insert(wardFollows)
        .values({ addressId: c.addressId, wardCode: code, frequency: p.data.frequency, createdAt: now, lastChangeId: latest })
        .onConflictDoUpdate({ target: [wardFollows.addressId, wardFollows.wardCode], set: { frequency: p.data.frequency } })
        .run();
    }
    const first = p.data.wards.find((w) => names.has(w));
    return {
      heading: "Your email alerts are set up",
      paragraphs: [
        `You will get emails about ${describeFollow(p.data.wards, names, p.data.teamName)}: ${FREQUENCY_LABELS[p.data.frequency].toLowerCase()}.`,
        "Every email has a link to change how often you hear from us, stop some or all alerts, or delete everything we hold about you.",
      ],
      links: first ? [{ href: `/wards/${first}`, label: `Back to ${names.get(first)}` }] : [],
    };
  },
};

/** Ask to follow wards: sends a confirmation link; nothing is followed until it is clicked. */
export function requestFollow(input: { email: string; wardCodes: string[]; frequency: FollowFrequency; teamName?: string; originIp: string | null; now?: Date }): ConfirmationOutcome {
  const names = wardNames(input.wardCodes);
  const codes = input.wardCodes.filter((c) => names.has(c));
  if (codes.length === 0) throw new Error("requestFollow needs at least one known ward");
  const what = describeFollow(codes, names, input.teamName);
  return requestConfirmation({
    purpose: "follow",
    email: input.email,
    payload: { wards: codes, frequency: input.frequency, ...(input.teamName ? { teamName: input.teamName } : {}) },
    originIp: input.originIp,
    now: input.now,
    mail: {
      subject: `Confirm email alerts for ${input.teamName ?? names.get(codes[0]!) ?? "your ward"}`,
      heading: "Confirm your email alerts",
      paragraphs: [
        `Someone, probably you, asked for email alerts about ${what} from Kent Neighbourhood Policing: ${FREQUENCY_LABELS[input.frequency].toLowerCase()}.`,
        "We will only send alerts once you confirm.",
      ],
      button: "Confirm email alerts",
    },
  });
}

// ---------------------------------------------------------------- manage page

export interface FollowRow {
  id: number;
  wardCode: string;
  wardName: string | null;
  frequency: FollowFrequency;
  /** For a ward retired by a boundary review: the new wards covering it. */
  successors: { code: string; name: string }[];
}

const successorList = (value: string | null): string[] => {
  const parsed = z.array(z.string()).safeParse(value ? JSON.parse(value) : []);
  return parsed.success ? parsed.data : [];
};

export function listFollows(addressId: number): FollowRow[] {
  const rows = getDb()
    .select({ id: wardFollows.id, wardCode: wardFollows.wardCode, wardName: wards.name, frequency: wardFollows.frequency, successorCodes: wardFollows.successorCodes })
    .from(wardFollows)
    .leftJoin(wards, eq(wards.code, wardFollows.wardCode))
    .where(eq(wardFollows.addressId, addressId))
    .orderBy(asc(wards.name), asc(wardFollows.wardCode))
    .all();
  const names = wardNames(rows.flatMap((r) => successorList(r.successorCodes)));
  return rows.map(({ successorCodes, ...r }) => ({
    ...r,
    successors: r.wardName ? [] : successorList(successorCodes).flatMap((code) => (names.has(code) ? [{ code, name: names.get(code)! }] : [])),
  }));
}

export type ManageChange =
  | { action: "frequency"; frequency: FollowFrequency }
  | { action: "unfollow"; followId: number }
  | { action: "follow-successor"; followId: number; wardCode: string }
  | { action: "unfollow-all" }
  | { action: "delete" };

/** A change from the manage page; the token is the only credential. Null if the token opens nothing. */
export function applyManageChange(token: string, change: ManageChange): { address: ResidentAddress | null; changed: number } | null {
  const address = findAddressByManageToken(token);
  if (!address) return null;
  const db = getDb();
  return db.transaction((tx) => {
    switch (change.action) {
      case "frequency":
        return { address, changed: tx.update(wardFollows).set({ frequency: change.frequency }).where(eq(wardFollows.addressId, address.id)).run().changes };
      case "unfollow":
        return { address, changed: tx.delete(wardFollows).where(and(eq(wardFollows.addressId, address.id), eq(wardFollows.id, change.followId))).run().changes };
      case "follow-successor": {
        // Only a ward the boundary email offered, for a follow of this address: the manage token is the only credential.
        const old = tx.select().from(wardFollows).where(and(eq(wardFollows.addressId, address.id), eq(wardFollows.id, change.followId))).get();
        if (!old || !successorList(old.successorCodes).includes(change.wardCode) || !wardNames([change.wardCode], tx).size) return { address, changed: 0 };
        const latest = tx.select({ id: max(wardChanges.id) }).from(wardChanges).get()?.id ?? 0;
        tx.insert(wardFollows)
          .values({ addressId: address.id, wardCode: change.wardCode, frequency: old.frequency, createdAt: new Date(), lastChangeId: latest })
          .onConflictDoNothing()
          .run();
        // The retired ward goes once every successor the resident wanted is followed; keep it while others are still on offer.
        const remaining = successorList(old.successorCodes).filter((c) => c !== change.wardCode);
        const followed = new Set(tx.select({ code: wardFollows.wardCode }).from(wardFollows).where(eq(wardFollows.addressId, address.id)).all().map((r) => r.code));
        if (remaining.every((c) => followed.has(c))) tx.delete(wardFollows).where(eq(wardFollows.id, old.id)).run();
        return { address, changed: 1 };
      }
      case "unfollow-all":
        return { address, changed: tx.delete(wardFollows).where(eq(wardFollows.addressId, address.id)).run().changes };
      case "delete":
        deleteAddress(tx, address.id);
        return { address: null, changed: 1 };
    }
  });
}

/** RFC 8058 one-click unsubscribe: every alert for this address stops. True if the token was real. */
export function unsubscribeAll(token: string): boolean {
  return applyManageChange(token, { action: "unfollow-all" }) !== null;
}

/** Every ward a team covers, for "follow every ward of this team". */
export function wardCodesOfTeam(teamId: number): string[] {
  return getDb().select({ code: teamWards.wardCode }).from(teamWards).where(eq(teamWards.teamId, teamId)).all().map((r) => r.code);
}

