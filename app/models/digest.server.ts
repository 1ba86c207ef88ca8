// Followers' emails: what was published for their wards since their last one. Built by
// the sender's digest job; one message per address, frequency and period (a UK day for
// "as it happens", the month summarised for "monthly"), guarded by the outbox's unique
// key, so a digest is built and sent at most once whatever crashes or runs twice.
import { and, asc, eq, gt, isNotNull, isNull, lt, max, ne, or, sql } from "drizzle-orm";
import { residentAddresses, teamWards, wardChanges, wardFollows, wards } from "../../db/schema";
import { getDb, prepared } from "~/lib/db.server";
import { formatDate, formatEventTime, formatMonth, ukDate, ukMonth } from "~/lib/format";
import { fromUkDateTime, previousMonth } from "~/lib/dates";
import { EVENT_TYPE_LABELS, UPDATE_STATUS_LABELS } from "~/lib/labels";
import { renderMail, type MailSection } from "~/lib/mail-templates";
import { publicUrl } from "~/lib/public-url.server";
import type { FollowFrequency, UpdateStatus, EventType } from "~/lib/vocabulary";
import { manageLinks } from "./confirmation.server";
import { enqueueMail } from "./outbox.server";
import type { AgreedDetails, ClosedDetails, EventDetails, UpdateDetails } from "./ward-change.server";

type ChangeRow = typeof wardChanges.$inferSelect;

/**
 * "As it happens" waits until a follower's wards have been quiet this long, so an editor
 * publishing a ward's three updates in one sitting sends one email, not one now and the
 * other two tomorrow.
 */
export const DIGEST_SETTLE_MINUTES = 10;

/** The lines one change takes in an email. */
export function describeChange(c: Pick<ChangeRow, "kind" | "details">): string[] {
  const d = JSON.parse(c.details) as Record<string, unknown>;
  switch (c.kind) {
    case "update_published": {
      const u = d as unknown as UpdateDetails;
      return [
        `Monthly update for ${formatMonth(u.month)}: ${u.priorityTitle}`,
        `What we did: ${u.actionTaken}`,
        `Status: ${UPDATE_STATUS_LABELS[u.status as UpdateStatus] ?? u.status}`,
        ...(u.nextStep ? [`Next: ${u.nextStep}`] : []),
      ];
    }
    case "priority_closed": {
      const p = d as unknown as ClosedDetails;
      return [`Priority closed on ${formatDate(p.closedOn)}: ${p.title}`, `Outcome: ${p.outcome}`];
    }
    case "priority_agreed": {
      const p = d as unknown as AgreedDetails;
      return [`New priority agreed at the PACT meeting on ${formatDate(p.agreedOn)}: ${p.title}`, ...(p.detail ? [p.detail] : [])];
    }
    default: {
      const e = d as unknown as EventDetails;
      const what = `${EVENT_TYPE_LABELS[e.type as EventType] ?? "Event"}: ${e.title}`;
      const where = [e.venue, e.address].filter(Boolean).join(", ");
      if (c.kind === "event_cancelled") return [`Cancelled: ${what}`, `It was to be on ${formatEventTime(e.startsAt, e.endsAt)} at ${where}.`];
      if (c.kind === "event_moved") {
        const was = e.previous ? [`It was ${formatEventTime(e.previous.startsAt, e.previous.endsAt)} at ${[e.previous.venue, e.previous.address].filter(Boolean).join(", ")}.`] : [];
        return [`Changed: ${what}`, `Now ${formatEventTime(e.startsAt, e.endsAt)} at ${where}.`, ...was];
      }
      return [`New: ${what}`, `${formatEventTime(e.startsAt, e.endsAt)} at ${where}.`];
    }
  }
}

interface Candidate {
  followId: number;
  addressId: number;
  email: string;
  createdAt: Date;
  wardCode: string;
  wardName: string | null;
  lastChangeId: number;
}

/** The period a digest built now covers, and the newest change it may include. */
function periodOf(frequency: FollowFrequency, now: Date): { period: string; before: Date | null; label: string } {
  if (frequency === "daily") return { period: ukDate(now), before: null, label: "" };
  const month = previousMonth(ukMonth(now));
  // Only what happened before this month began: the rest belongs to next month's summary.
  return { period: month, before: fromUkDateTime(`${ukMonth(now)}-01`, "00:00"), label: formatMonth(month) };
}

export interface DigestStep {
  /** Only addresses after this one (a run in steps goes on from where it stopped). */
  afterAddressId?: number;
  /** Stop after this many addresses, so the sender can start on what is built. */
  maxAddresses?: number;
  batchSize?: number;
}

/**
 * Write the digests due now to the outbox, in transactions of `batchSize` addresses.
 * Returns how many messages were written. Safe to run at any time and any number of times.
 */
export function buildDigests(frequency: FollowFrequency, now = new Date(), step: DigestStep = {}): number {
  return buildDigestStep(frequency, now, step).written;
}

/** One step of a digest run: what it wrote, and the last address it looked at if there are more. */
export function buildDigestStep(frequency: FollowFrequency, now: Date, step: DigestStep): { written: number; nextAfter: number | null } {
  const batchSize = step.batchSize ?? 500;
  const db = getDb();
  const { period, before, label } = periodOf(frequency, now);
  const newest =
    db
      .select({ id: max(wardChanges.id) })
      .from(wardChanges)
      .where(before ? lt(wardChanges.at, before) : undefined)
      .get()?.id ?? 0;
  if (newest === 0) return { written: 0, nextAfter: null };
  const candidates: Candidate[] = db
    .select({
      followId: wardFollows.id,
      addressId: wardFollows.addressId,
      email: residentAddresses.email,
      createdAt: residentAddresses.createdAt,
      wardCode: wardFollows.wardCode,
      wardName: wards.name,
      lastChangeId: wardFollows.lastChangeId,
    })
    .from(wardFollows)
    .innerJoin(residentAddresses, eq(residentAddresses.id, wardFollows.addressId))
    .leftJoin(wards, eq(wards.code, wardFollows.wardCode))
    .where(
      and(
        eq(wardFollows.frequency, frequency),
        isNotNull(residentAddresses.confirmedAt),
        lt(wardFollows.lastChangeId, newest),
        or(isNull(wardFollows.lastPeriod), ne(wardFollows.lastPeriod, period)),
        step.afterAddressId ? gt(wardFollows.addressId, step.afterAddressId) : undefined,
      ),
    )
    .orderBy(asc(wardFollows.addressId), asc(wardFollows.id))
    .all();
  if (candidates.length === 0) return { written: 0, nextAfter: null };

  // The changes any candidate has not yet had, by ward and by team (team-wide events).
  const since = Math.min(...candidates.map((c) => c.lastChangeId));
  const changes = db
    .select()
    .from(wardChanges)
    .where(and(gt(wardChanges.id, since), sql`${wardChanges.id} <= ${newest}`))
    .orderBy(asc(wardChanges.id))
    .all();
  const byWard = new Map<string, ChangeRow[]>();
  const byTeam = new Map<number, ChangeRow[]>();
  for (const c of changes) {
    if (c.wardCode) byWard.set(c.wardCode, [...(byWard.get(c.wardCode) ?? []), c]);
    else if (c.teamId != null) byTeam.set(c.teamId, [...(byTeam.get(c.teamId) ?? []), c]);
  }
  const teamOf = new Map(db.select().from(teamWards).all().map((r) => [r.wardCode, r.teamId]));
  const relevant = (f: Candidate) => {
    const team = teamOf.get(f.wardCode);
    return [...(byWard.get(f.wardCode) ?? []), ...(team != null ? (byTeam.get(team) ?? []) : [])].filter((c) => c.id > f.lastChangeId).sort((a, b) => a.id - b.id);
  };

  const byAddress = new Map<number, Candidate[]>();
  for (const c of candidates) {
    const list = byAddress.get(c.addressId);
    if (list) list.push(c);
    else byAddress.set(c.addressId, [c]);
  }
  // Many followers share a ward and a starting point: describe each ward's news once.
  const sectionCache = new Map<string, MailSection | null>();
  const sectionFor = (f: Candidate): MailSection | null => {
    const key = `${f.wardCode}:${f.lastChangeId}`;
    if (!sectionCache.has(key)) {
      const items = relevant(f).map(describeChange);
      sectionCache.set(key, items.length ? { heading: f.wardName ?? f.wardCode, items, link: { href: publicUrl(`/wards/${f.wardCode}`), label: `${f.wardName ?? "Ward"} ward page` } } : null);
    }
    return sectionCache.get(key)!;
  };
  const settled = now.getTime() - DIGEST_SETTLE_MINUTES * 60_000;
  const unsettled = (f: Candidate) => relevant(f).some((c) => c.at.getTime() > settled);
  const advance = followCursor();
  const all = [...byAddress.values()];
  const addresses = step.maxAddresses ? all.slice(0, step.maxAddresses) : all;
  let written = 0;
  for (let i = 0; i < addresses.length; i += batchSize) {
    db.transaction((tx) => {
      for (const follows of addresses.slice(i, i + batchSize)) {
        if (frequency === "daily" && follows.some(unsettled)) continue;
        const sections = follows.map(sectionFor).filter((s): s is MailSection => s !== null);
        const address = follows[0]!;
        if (sections.length === 0) {
          // Nothing for these wards up to `newest`: skip them next time without sending anything.
          advance.run({ ids: JSON.stringify(follows.map((f) => f.followId)), lastChangeId: newest, lastPeriod: null });
          continue;
        }
        const links = manageLinks(address);
        const names = sections.map((s) => s.heading);
        const subject =
          frequency === "daily"
            ? `News from your neighbourhood team: ${names.length === 1 ? names[0] : `${names.length} wards`}`
            : `Your monthly summary for ${label}: ${names.length === 1 ? names[0] : `${names.length} wards`}`;
        const content = renderMail({
          heading: frequency === "daily" ? "What your neighbourhood team has published" : `What happened in ${label}`,
          paragraphs: [frequency === "daily" ? "Since our last email:" : `A summary of ${label} for the wards you follow.`],
          sections,
          contactPolice: true,
          sampleNotice: true,
          manage: { href: links.manage, label: "Change how often you hear from us, stop these emails or delete your details" },
        });
        const id = enqueueMail(tx, {
          kind: "digest",
          to: address.email,
          addressId: address.addressId,
          subject,
          ...content,
          headers: { "List-Unsubscribe": `<${links.unsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
          dedupeKey: `digest:${address.addressId}:${frequency}:${period}`,
          at: now,
        });
        // Already built this period (a follow added since): its news waits for the next one rather than being lost.
        advance.run({ ids: JSON.stringify(follows.map((f) => f.followId)), lastChangeId: id === null ? null : newest, lastPeriod: period });
        if (id !== null) written++;
      }
    });
  }
  return { written, nextAfter: addresses.length < all.length ? addresses.at(-1)![0]!.addressId : null };
}

// Built once per connection: this runs for every follower of every ward.
// A null leaves that column as it is. ids: a JSON array of the follows the digest covered.
const followCursor = prepared((db) =>
  db
    .update(wardFollows)
    .set({
      lastChangeId: sql`coalesce(${sql.placeholder("lastChangeId")}, ${wardFollows.lastChangeId})`,
      lastPeriod: sql`coalesce(${sql.placeholder("lastPeriod")}, ${wardFollows.lastPeriod})`,
    })
    .where(sql`${wardFollows.id} in (select value from json_each(${sql.placeholder("ids")}))`)
    .prepare(),
);

/** Both kinds of digest, for the sender's job. */
export function buildDueDigests(now = new Date()): number {
  return buildDigests("daily", now) + buildDigests("monthly", now);
}

/**
 * The sender's digest job: builds at most `maxAddresses` digests per call and says
 * whether there is more, so sending starts after the first thousand, not the last.
 */
export function digestJob(maxAddresses = 1000) {
  const resume: Record<FollowFrequency, number | undefined> = { daily: undefined, monthly: undefined };
  return (now: Date): { more: boolean } => {
    let more = false;
    for (const frequency of ["daily", "monthly"] as const) {
      const { nextAfter } = buildDigestStep(frequency, now, { afterAddressId: resume[frequency], maxAddresses });
      resume[frequency] = nextAfter ?? undefined;
      if (nextAfter !== null) more = true;
    }
    return { more };
  };
}
