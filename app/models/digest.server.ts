// Followers' emails: what was published for their wards since their last one. Built by
// the sender's digest job; one message per address, frequency and period (a UK day for
// "as it happens", the month summarised for "monthly"), guarded by the outbox's unique
// key, so a digest is built and sent at most once whatever crashes or runs twice.
import { and, asc, eq, gt, inArray, isNotNull, isNull, lt, max, ne, or, sql } from "drizzle-orm";
import { residentAddresses, teamWards, wardChanges, wardFollows, wards } from "../../db/schema";
import { previousMonth } from "~/lib/dates";
import { getDb } from "~/lib/db.server";
import { formatDate, formatEventTime, formatMonth, ukDate, ukMonth } from "~/lib/format";
import { fromUkDateTime } from "~/lib/dates";
import { EVENT_TYPE_LABELS, UPDATE_STATUS_LABELS } from "~/lib/labels";
import { renderMail, type MailSection } from "~/lib/mail-templates";
import { publicUrl } from "~/lib/public-url.server";
import type { FollowFrequency, UpdateStatus, EventType } from "~/lib/vocabulary";
import { manageLinks, unsubscribeHeaders } from "./confirmation.server";
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

/**
 * Write the digests due now to the outbox, in transactions of `batchSize` addresses.
 * Returns how many messages were written. Safe to run at any time and any number of times.
 */
export function buildDigests(frequency: FollowFrequency, now = new Date(), batchSize = 500): number {
  const db = getDb();
  const { period, before, label } = periodOf(frequency, now);
  const newest =
    db
      .select({ id: max(wardChanges.id) })
      .from(wardChanges)
      .where(before ? lt(wardChanges.at, before) : undefined)
      .get()?.id ?? 0;
  if (newest === 0) return 0;
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
      ),
    )
    .orderBy(asc(wardFollows.addressId), asc(wardFollows.id))
    .all();
  if (candidates.length === 0) return 0;

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
  for (const c of candidates) byAddress.set(c.addressId, [...(byAddress.get(c.addressId) ?? []), c]);
  const addresses = [...byAddress.values()];
  let written = 0;
  for (let i = 0; i < addresses.length; i += batchSize) {
    db.transaction((tx) => {
      for (const follows of addresses.slice(i, i + batchSize)) {
        const sections: MailSection[] = [];
        const settled = now.getTime() - DIGEST_SETTLE_MINUTES * 60_000;
        if (frequency === "daily" && follows.some((f) => relevant(f).some((c) => c.at.getTime() > settled))) continue;
        for (const f of follows) {
          const items = relevant(f).map(describeChange);
          if (items.length) sections.push({ heading: f.wardName ?? f.wardCode, items, link: { href: publicUrl(`/wards/${f.wardCode}`), label: `${f.wardName ?? "Ward"} ward page` } });
        }
        const ids = follows.map((f) => f.followId);
        if (sections.length === 0) {
          // Nothing for these wards up to `newest`: skip them next time without sending anything.
          tx.update(wardFollows).set({ lastChangeId: newest }).where(inArray(wardFollows.id, ids)).run();
          continue;
        }
        const address = follows[0]!;
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
          headers: unsubscribeHeaders(address),
          dedupeKey: `digest:${address.addressId}:${frequency}:${period}`,
          at: now,
        });
        tx.update(wardFollows).set({ lastChangeId: newest, lastPeriod: period }).where(inArray(wardFollows.id, ids)).run();
        if (id !== null) written++;
      }
    });
  }
  return written;
}

/** Both kinds of digest, for the sender's job. */
export function buildDueDigests(now = new Date()): number {
  return buildDigests("daily", now) + buildDigests("monthly", now);
}
