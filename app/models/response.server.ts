// Residents' responses before each PACT meeting: one voice per confirmed address per
// ward per month, what is published from them (never below the threshold), what the
// team sees, and how long places and comments are kept.
import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, sql } from "drizzle-orm";
import { createHash } from "node:crypto";
import { priorities, priorityTakenUp, residentResponses, residentResponseThemes, teamWards } from "../../db/schema";
import { previousMonth } from "~/lib/dates";
import { getDb, prepared, type Db } from "~/lib/db.server";
import { formatMonth, ukMonth } from "~/lib/format";
import { assertTeamPermission, canForTeam, NotPermittedError, type Actor } from "~/lib/permissions";
import { meetsThreshold, NETWORK_CAP, RESPONSE_THRESHOLD, networkOf, rankThemes, retentionStartMonth, trendOf, type ResponseInput, type ThemeCount, type Trend } from "~/lib/resident-say";
import { PRIORITY_THEMES, type FieldError, type Outcome, type PriorityTheme } from "~/lib/vocabulary";
import { recordAudit } from "./audit.server";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** At most this many responses are taken from one network in a day, whatever the addresses. */
export const NETWORK_DAILY_LIMIT = 30;
const DAY = 24 * 60 * 60 * 1000;

/** The network an address of origin belongs to, as a hash: the address itself is not kept. */
export function originKeyOf(ip: string | null | undefined): string | null {
  const network = networkOf(ip);
  return network ? createHash("sha256").update(`resident-network:${network}`).digest("base64url").slice(0, 22) : null;
}

/**
 * May another response be taken from this network today? Counted over every ward,
 * confirmed or not, so a script cannot spread a flood over many wards or mailboxes.
 */
export function networkMayRespond(originKey: string | null, now = new Date()): boolean {
  if (!originKey) return true;
  const n =
    getDb()
      .select({ n: sql<number>`count(*)` })
      .from(residentResponses)
      .where(and(eq(residentResponses.originKey, originKey), sql`${residentResponses.createdAt} > ${now.getTime() - DAY}`))
      .get()?.n ?? 0;
  return n < NETWORK_DAILY_LIMIT;
}

export interface NewResponse extends ResponseInput {
  wardCode: string;
  /** Null until the address confirms (a response asked for by email). */
  addressId: number | null;
  originKey: string | null;
}

/** A response waiting for its address to be confirmed. Counts nothing until confirmResponse. */
export function createPendingResponse(input: NewResponse, now = new Date(), tx: Tx | Db = getDb()): number {
  const [row] = tx
    .insert(residentResponses)
    .values({
      wardCode: input.wardCode,
      month: ukMonth(now),
      addressId: input.addressId,
      place: input.place || null,
      comment: input.comment || null,
      originKey: input.originKey,
      createdAt: now,
    })
    .returning({ id: residentResponses.id })
    .all();
  const id = row!.id;
  tx.insert(residentResponseThemes)
    .values(input.themes.map((theme) => ({ responseId: id, theme })))
    .run();
  return id;
}

/**
 * The address has been confirmed: the response counts, and replaces any earlier
 * response from the same address for the same ward and month. Confirming twice
 * changes nothing. Returns null for a response that no longer exists.
 */
export function confirmResponse(responseId: number, now = new Date(), tx: Tx | Db = getDb(), confirmedAddressId?: number): { replaced: boolean; wardCode: string } | null {
  const run = (t: Tx | Db) => {
    const found = t.select().from(residentResponses).where(eq(residentResponses.id, responseId)).get();
    if (!found) return null;
    if (found.confirmedAt) return { replaced: false, wardCode: found.wardCode };
    // A response asked for by email belongs to the address only once that address confirms it.
    const r = confirmedAddressId === undefined ? found : { ...found, addressId: confirmedAddressId };
    const earlier =
      r.addressId === null
        ? []
        : t
            .select({ id: residentResponses.id })
            .from(residentResponses)
            .where(and(eq(residentResponses.wardCode, r.wardCode), eq(residentResponses.month, r.month), eq(residentResponses.addressId, r.addressId), isNotNull(residentResponses.confirmedAt)))
            .all();
    if (earlier.length) t.delete(residentResponses).where(inArray(residentResponses.id, earlier.map((e) => e.id))).run();
    t.update(residentResponses).set({ confirmedAt: now, addressId: r.addressId }).where(eq(residentResponses.id, responseId)).run();
    return { replaced: earlier.length > 0, wardCode: r.wardCode };
  };
  return tx === getDb() ? getDb().transaction(run) : run(tx);
}

/** For an address already confirmed: the response counts straight away. */
export function recordConfirmedResponse(input: NewResponse, now = new Date(), outer?: Tx): { id: number; replaced: boolean; wardCode: string } {
  if (outer) {
    const id = createPendingResponse(input, now, outer);
    return { id, ...confirmResponse(id, now, outer)! };
  }
  return getDb().transaction((tx) => {
    const id = createPendingResponse(input, now, tx);
    return { id, ...confirmResponse(id, now, tx)! };
  });
}

/** Everything held of one address's responses, for the resident deleting their data. */
export function deleteResponsesOfAddress(addressId: number, tx: Tx | Db = getDb()): number {
  return tx.delete(residentResponses).where(eq(residentResponses.addressId, addressId)).run().changes;
}

/** A resident's own responses, newest first, for their manage page. */
export function listResponsesOfAddress(addressId: number) {
  const rows = getDb()
    .select({ id: residentResponses.id, wardCode: residentResponses.wardCode, month: residentResponses.month, confirmedAt: residentResponses.confirmedAt })
    .from(residentResponses)
    .where(and(eq(residentResponses.addressId, addressId), isNotNull(residentResponses.confirmedAt)))
    .orderBy(desc(residentResponses.month))
    .all();
  return rows;
}

// The responses that count: confirmed, and no more than NETWORK_CAP per network per
// ward per month (the earliest confirmed). Responses without a known network each count.
// Prepared once per connection: the ward page runs these on every view.
const countedWhere = (where: string) => `
  SELECT id, ward_code, month FROM (
    SELECT id, ward_code, month,
      ROW_NUMBER() OVER (PARTITION BY ward_code, month, COALESCE(origin_key, 'response:' || id) ORDER BY confirmed_at, id) AS n
    FROM resident_responses
    WHERE confirmed_at IS NOT NULL AND ${where}
  ) WHERE n <= ${NETWORK_CAP}`;

function tallyStatements(where: string) {
  return prepared((db) => ({
    totals: db.$client.prepare<unknown[], { ward_code: string; month: string; respondents: number; sample: number }>(
      `WITH c AS (${countedWhere(where)}) SELECT c.ward_code, c.month, count(*) AS respondents, max(r.sample) AS sample FROM c JOIN resident_responses r ON r.id = c.id GROUP BY c.ward_code, c.month`,
    ),
    themes: db.$client.prepare<unknown[], { ward_code: string; month: string; theme: PriorityTheme; n: number }>(
      `WITH c AS (${countedWhere(where)}) SELECT c.ward_code, c.month, t.theme, count(*) AS n FROM c JOIN resident_response_themes t ON t.response_id = c.id GROUP BY c.ward_code, c.month, t.theme`,
    ),
  }));
}
const oneWardMonth = tallyStatements("ward_code = ? AND month = ?");
const everyWardInMonth = tallyStatements("month = ?");

export interface MonthTally {
  wardCode: string;
  month: string;
  respondents: number;
  counts: Partial<Record<PriorityTheme, number>>;
  sample: boolean;
}

/** Respondents and theme counts per ward and month, as counted (every ward when wardCodes is null). */
export function tallyResponses(wardCodes: string[] | null, months: string[]): MonthTally[] {
  const out = new Map<string, MonthTally>();
  const key = (w: string, m: string) => `${w}|${m}`;
  const collect = (statements: ReturnType<ReturnType<typeof tallyStatements>>, args: string[]) => {
    for (const t of statements.totals.all(...args)) out.set(key(t.ward_code, t.month), { wardCode: t.ward_code, month: t.month, respondents: t.respondents, counts: {}, sample: !!t.sample });
    for (const t of statements.themes.all(...args)) {
      const tally = out.get(key(t.ward_code, t.month));
      if (tally) tally.counts[t.theme] = t.n;
    }
  };
  for (const month of months) {
    if (wardCodes === null) collect(everyWardInMonth(), [month]);
    else for (const ward of wardCodes) collect(oneWardMonth(), [ward, month]);
  }
  return [...out.values()];
}

export interface PublishedMonth {
  month: string;
  respondents: number;
  /** Null below the threshold: nothing but "fewer than 5" is published. */
  ranked: ThemeCount[] | null;
  sample: boolean;
}

/** This month and last month for a ward's public page. Below the threshold only the fact is shown, not the number. */
export function publishedResults(wardCode: string, now = new Date()): PublishedMonth[] {
  const month = ukMonth(now);
  const months = [month, previousMonth(month)];
  const tallies = tallyResponses([wardCode], months);
  return months.map((m) => {
    const t = tallies.find((x) => x.month === m);
    const respondents = t?.respondents ?? 0;
    return meetsThreshold(respondents)
      ? { month: m, respondents, ranked: rankThemes(t!.counts), sample: t!.sample }
      : { month: m, respondents: 0, ranked: null, sample: false };
  });
}

export interface StaffTheme extends ThemeCount {
  previous: number;
  trend: Trend;
}

/**
 * What the team sees for a ward: this month and last month ranked, with the trend,
 * and (for the ward's editors and administrators) the places and comments.
 */
export function responsesForStaff(actor: Actor | null, wardCode: string, now = new Date()) {
  if (!actor) throw new NotPermittedError();
  const month = ukMonth(now);
  const last = previousMonth(month);
  const [current, previous] = [month, last].map((m) => tallyResponses([wardCode], [m])[0]);
  const themes: StaffTheme[] = rankThemes(current?.counts ?? {}).map((t) => {
    const before = previous?.counts[t.theme] ?? 0;
    return { ...t, previous: before, trend: trendOf(t.count, before) };
  });
  const dropped = PRIORITY_THEMES.filter((t) => !current?.counts[t] && previous?.counts[t]).map((t) => ({ theme: t, previous: previous!.counts[t]! }));
  const teamId = teamOfWard(wardCode);
  const mayRead = canForTeam(actor, "moderate:responses", teamId);
  const rows = mayRead
    ? getDb()
        .select({
          id: residentResponses.id,
          month: residentResponses.month,
          place: residentResponses.place,
          comment: residentResponses.comment,
          hiddenAt: residentResponses.commentHiddenAt,
          confirmedAt: residentResponses.confirmedAt,
          sample: residentResponses.sample,
          themes: sql<string>`(SELECT group_concat(theme) FROM ${residentResponseThemes} WHERE response_id = ${residentResponses.id})`,
        })
        .from(residentResponses)
        .where(and(eq(residentResponses.wardCode, wardCode), inArray(residentResponses.month, [month, last]), isNotNull(residentResponses.confirmedAt)))
        .orderBy(desc(residentResponses.confirmedAt), desc(residentResponses.id))
        .all()
    : [];
  const places = new Map<string, { place: string; count: number }>();
  // Spelt as the first resident to name it spelt it.
  for (const r of [...rows].reverse()) {
    if (!r.place || r.month !== month) continue;
    const k = r.place.toLowerCase();
    places.set(k, { place: places.get(k)?.place ?? r.place, count: (places.get(k)?.count ?? 0) + 1 });
  }
  return {
    month,
    lastMonth: last,
    respondents: current?.respondents ?? 0,
    previousRespondents: previous?.respondents ?? 0,
    themes,
    dropped,
    mayRead,
    places: [...places.values()].sort((a, b) => b.count - a.count || a.place.localeCompare(b.place)),
    comments: rows
      .filter((r) => r.comment)
      .map((r) => ({
        id: r.id,
        month: r.month,
        place: r.place,
        themes: (r.themes ?? "").split(",").filter(Boolean) as PriorityTheme[],
        hidden: !!r.hiddenAt,
        // A hidden comment is not sent to the page at all; its words stay in the audit log.
        comment: r.hiddenAt ? null : r.comment,
        sample: r.sample,
      })),
  };
}

function teamOfWard(wardCode: string): number | null {
  return getDb().select({ teamId: teamWards.teamId }).from(teamWards).where(eq(teamWards.wardCode, wardCode)).get()?.teamId ?? null;
}

const refuse = (field: string, message: string): { ok: false; errors: FieldError[] } => ({ ok: false, errors: [{ field, message }] });

/** One response's comment, for the page that hides it. Only for the ward's team. */
export function findCommentForModeration(actor: Actor | null, wardCode: string, responseId: number) {
  assertTeamPermission(actor, "moderate:responses", teamOfWard(wardCode));
  const r = getDb()
    .select({ id: residentResponses.id, month: residentResponses.month, place: residentResponses.place, comment: residentResponses.comment, hiddenAt: residentResponses.commentHiddenAt })
    .from(residentResponses)
    .where(and(eq(residentResponses.id, responseId), eq(residentResponses.wardCode, wardCode), isNotNull(residentResponses.confirmedAt)))
    .get();
  return r && r.comment ? { ...r, comment: r.hiddenAt ? null : r.comment } : null;
}

/** Hide an abusive or identifying comment from the team's pages. Its words stay in the audit log. */
export function hideComment(actor: Actor | null, wardCode: string, responseId: number, reason: string, now = new Date()): Outcome<null> {
  const teamId = teamOfWard(wardCode);
  assertTeamPermission(actor, "moderate:responses", teamId);
  const db = getDb();
  const r = db.select().from(residentResponses).where(and(eq(residentResponses.id, responseId), eq(residentResponses.wardCode, wardCode))).get();
  if (!r || !r.comment) return refuse("form", "That comment no longer exists. It may have been deleted by the resident or after 12 months");
  if (r.commentHiddenAt) return { ok: true, value: null };
  db.transaction((tx) => {
    tx.update(residentResponses).set({ commentHiddenAt: now }).where(eq(residentResponses.id, responseId)).run();
    recordAudit(tx, {
      actor,
      action: "response.hide-comment",
      subjectType: "response",
      subjectId: responseId,
      wardCode,
      teamId,
      before: { comment: r.comment, place: r.place },
      after: { hidden: true, reason },
      at: now,
    });
  });
  return { ok: true, value: null };
}

/** The month whose responses a PACT meeting on this date looked at: its own month once it has enough, otherwise the month before. */
export function monthConsideredAt(wardCode: string, meetingDate: string): string {
  const month = meetingDate.slice(0, 7);
  const [t] = tallyResponses([wardCode], [month]);
  return t && meetsThreshold(t.respondents) ? month : previousMonth(month);
}

/**
 * Mark which residents' themes a priority took up, with how many people had named
 * each in the month the meeting looked at. Replaces the priority's earlier marks.
 */
export function markTakenUp(actor: Actor | null, priorityId: number, themes: PriorityTheme[], now = new Date()): Outcome<{ month: string }> {
  const db = getDb();
  const p = db.select().from(priorities).where(eq(priorities.id, priorityId)).get();
  if (!p) throw new NotPermittedError("That priority does not exist.");
  const teamId = teamOfWard(p.wardCode);
  assertTeamPermission(actor, "edit:priorities", teamId);
  if (p.status !== "active") return refuse("form", "This priority has been closed, so what it took up can no longer change");
  const month = monthConsideredAt(p.wardCode, p.agreedOn);
  const [tally] = tallyResponses([p.wardCode], [month]);
  if (themes.length && !meetsThreshold(tally?.respondents ?? 0)) {
    return refuse("form", `Fewer than ${RESPONSE_THRESHOLD} residents responded in ${formatMonth(month)}, so their themes cannot be published as taken up`);
  }
  const unknown = themes.filter((t) => !tally?.counts[t]);
  if (unknown.length) return refuse("form", "Choose themes residents named in their responses");
  const before = db.select().from(priorityTakenUp).where(eq(priorityTakenUp.priorityId, priorityId)).all();
  db.transaction((tx) => {
    tx.delete(priorityTakenUp).where(eq(priorityTakenUp.priorityId, priorityId)).run();
    if (themes.length) {
      tx.insert(priorityTakenUp)
        .values(themes.map((theme) => ({ priorityId, theme, month, residents: tally!.counts[theme]!, markedAt: now, markedBy: actor.id })))
        .run();
    }
    recordAudit(tx, { actor, action: "priority.taken-up", subjectType: "priority", subjectId: priorityId, wardCode: p.wardCode, teamId, before: { themes: before.map((b) => b.theme) }, after: { themes, month }, at: now });
  });
  return { ok: true, value: { month } };
}

/**
 * After a PACT meeting is recorded: the residents' themes ticked under each new
 * priority (in the order the slots were saved). A theme no one named in the month
 * the meeting looked at is left out rather than refusing a meeting already saved.
 */
export function markTakenUpAfterMeeting(actor: Actor | null, newPriorities: { priorityId: number; themes: PriorityTheme[] }[], now = new Date()): void {
  for (const { priorityId, themes } of newPriorities) {
    if (themes.length === 0) continue;
    const p = getDb().select({ wardCode: priorities.wardCode, agreedOn: priorities.agreedOn }).from(priorities).where(eq(priorities.id, priorityId)).get();
    if (!p) continue;
    const [tally] = tallyResponses([p.wardCode], [monthConsideredAt(p.wardCode, p.agreedOn)]);
    markTakenUp(actor, priorityId, themes.filter((t) => tally?.counts[t]), now);
  }
}

/** For the PACT form: the team's view, and the month's results a meeting on this date can take up. */
export function responsesForPact(actor: Actor | null, wardCode: string, meetingDate: string, now = new Date()) {
  const view = responsesForStaff(actor, wardCode, now);
  const month = monthConsideredAt(wardCode, meetingDate);
  const [tally] = tallyResponses([wardCode], [month]);
  const respondents = tally?.respondents ?? 0;
  return { view, considered: { month, respondents, ranked: rankThemes(tally?.counts ?? {}), publishable: meetsThreshold(respondents) } };
}

/** "You said … we agreed …": each active priority of a ward with the residents' themes it took up. */
const takenUpOfWard = prepared((db) =>
  db
    .select({ priorityId: priorities.id, rank: priorities.rank, title: priorities.title, agreedOn: priorities.agreedOn, theme: priorityTakenUp.theme, month: priorityTakenUp.month, residents: priorityTakenUp.residents })
    .from(priorityTakenUp)
    .innerJoin(priorities, eq(priorities.id, priorityTakenUp.priorityId))
    .where(and(eq(priorities.wardCode, sql.placeholder("wardCode")), eq(priorities.status, "active")))
    .orderBy(asc(priorities.rank), desc(priorityTakenUp.residents))
    .prepare(),
);

export function listTakenUp(wardCode: string) {
  return takenUpOfWard().all({ wardCode });
}

/** What a ward's public page shows of its residents' say. */
export function wardVoices(wardCode: string, now = new Date()) {
  return { months: publishedResults(wardCode, now), takenUp: listTakenUp(wardCode) };
}

/** The partner map's residents' layer: wards where at least 5 people responded in the month, with their counts. */
export function partnerVoices(month: string): Record<string, { respondents: number; counts: MonthTally["counts"] }> {
  return Object.fromEntries(
    tallyResponses(null, [month])
      .filter((t) => meetsThreshold(t.respondents))
      .map((t) => [t.wardCode, { respondents: t.respondents, counts: t.counts }]),
  );
}

/** Places and comments from months before the retention window are deleted; the themes (the counts) stay. */
export function clearExpiredResponseText(now = new Date()): number {
  const start = retentionStartMonth(ukMonth(now));
  return getDb()
    .update(residentResponses)
    .set({ place: null, comment: null, textDeletedAt: now })
    .where(and(lt(residentResponses.month, start), isNull(residentResponses.textDeletedAt)))
    .run().changes;
}

/** Unconfirmed responses are dropped once their confirmation link has expired. */
export function deleteUnconfirmedResponses(olderThan: Date): number {
  return getDb()
    .delete(residentResponses)
    .where(and(isNull(residentResponses.confirmedAt), lt(residentResponses.createdAt, olderThan)))
    .run().changes;
}

export interface SampleResponse {
  wardCode: string;
  month: string;
  themes: PriorityTheme[];
  place: string | null;
  comment: string | null;
  at: Date;
}

/** Load invented responses, marked as sample, replacing any sample responses already loaded. */
export function loadSampleResponses(rows: SampleResponse[], db: Db = getDb()): number {
  return db.transaction((tx) => {
    tx.delete(residentResponses).where(eq(residentResponses.sample, true)).run();
    for (const r of rows) {
      const [row] = tx
        .insert(residentResponses)
        .values({ wardCode: r.wardCode, month: r.month, addressId: null, place: r.place, comment: r.comment, createdAt: r.at, confirmedAt: r.at, sample: true })
        .returning({ id: residentResponses.id })
        .all();
      tx.insert(residentResponseThemes)
        .values(r.themes.map((theme) => ({ responseId: row!.id, theme })))
        .run();
    }
    return rows.length;
  });
}
