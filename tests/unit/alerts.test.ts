// Residents' alerts end to end through the models and routes, into a real SMTP server:
// follow, confirm, an editor publishes, the digest arrives with the right content, the
// RFC 8058 one-click POST ends it, and the manage page changes and deletes.
import { and, eq } from "drizzle-orm";
import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { outboxMessages, pendingConfirmations, priorities, residentAddresses, wardChanges, wardFollows } from "../../db/schema";
import type { Db } from "~/lib/db.server";
import { fromUkDateTime } from "~/lib/dates";
import { createMailSender, type MailSender } from "~/lib/mail-sender.server";
import { smtpTransport } from "~/lib/mail-transport.server";
import { confirm } from "~/models/confirmation-purposes.server";
import { buildDigests, buildDueDigests, digestJob } from "~/models/digest.server";
import { cancelEvent, createEvent, editEvent } from "~/models/event.server";
import { requestFollow } from "~/models/follow.server";
import { closePriority, publishUpdate } from "~/models/priority.server";
import { action as manageAction, loader as manageLoader } from "~/routes/alerts.manage.$token";
import { action as unsubscribeAction } from "~/routes/alerts.unsubscribe.$token";
import { action as teamFollowAction } from "~/routes/teams.$slug_.follow";
import { dbWithSampleData } from "./helpers/db";
import { startTestMailbox, type TestMailbox } from "./helpers/smtp";
import { clearStaff, createStaff, WARD_A, WARD_B, type Staff } from "./helpers/staff";

let db: Db;
let staff: Staff;
let mailbox: TestMailbox;
let sender: MailSender;
const later = (minutes: number) => new Date(Date.now() + minutes * 60_000);

const activePriority = (ward: string) => db.select().from(priorities).where(and(eq(priorities.wardCode, ward), eq(priorities.status, "active"))).orderBy(priorities.rank).all()[0]!;
const thisMonth = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit" }).format(new Date());
const linkIn = (mail: ParsedMail, path: string) => new RegExp(`https?://[^\\s"]+${path}/([A-Za-z0-9_-]+)`).exec(mail.text ?? "")?.[1] ?? "";

/** Follow and confirm, the way a resident does, and return the confirmed address's manage token. */
async function confirmedFollower(email: string, wardCodes = [WARD_A], frequency: "daily" | "monthly" = "daily") {
  expect(requestFollow({ email, wardCodes, frequency, originIp: null })).toBe("sent");
  await sender.runOnce();
  const mail = mailbox.messages.at(-1)!;
  const result = confirm(linkIn(mail, "/confirm"));
  expect(result.ok).toBe(true);
  return result.ok ? new URL(result.manageUrl).pathname.split("/").pop()! : "";
}

const post = (path: string, body: Record<string, string>, headers: Record<string, string> = { Origin: "http://localhost" }) =>
  new Request(`http://localhost${path}`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers }, body: new URLSearchParams(body).toString() });

beforeAll(async () => {
  db = dbWithSampleData();
  clearStaff(db);
  staff = await createStaff(db, "alerts");
  mailbox = await startTestMailbox();
  // Digests are built "later" in these tests; the sender's clock is ahead so they are due.
  sender = createMailSender({ transport: smtpTransport(mailbox.url), from: "Kent Neighbourhood Policing <alerts@example.org>", now: () => later(3 * 24 * 60) });
});

afterAll(async () => {
  await sender.stop();
  await mailbox.close();
});

beforeEach(() => {
  db.delete(outboxMessages).run();
  db.delete(residentAddresses).run();
  mailbox.messages.length = 0;
});

describe("a follower's digest", () => {
  it("arrives once the ward has been quiet, with the update, the ward link, the sample notice, how to contact the police and one-click unsubscribe; the RFC 8058 POST ends it", async () => {
    const token = await confirmedFollower("reader@example.org");
    mailbox.messages.length = 0;
    const p = activePriority(WARD_A);
    const published = publishUpdate(staff.editorA, p.id, { month: thisMonth(), actionTaken: "Extra patrols by the shops on Friday nights.", partners: "", status: "making_progress", nextStep: "Meet the shopkeepers in January.", internalNote: "Staff only: informant lives at no. 4" });
    expect(published.ok).toBe(true);

    expect(buildDueDigests(new Date())).toBe(0); // the editor may be publishing the ward's other updates
    expect(buildDueDigests(later(11))).toBe(1);
    expect(buildDueDigests(later(12))).toBe(0); // at most one a day
    await sender.runOnce();
    const [mail] = await mailbox.waitFor(1);
    expect(mail!.subject).toBe("News from your neighbourhood team: Park Wood & Mangravet");
    expect(mail!.text).toContain(`Monthly update for`);
    expect(mail!.text).toContain(p.title);
    expect(mail!.text).toContain("What we did: Extra patrols by the shops on Friday nights.");
    expect(mail!.text).toContain("Status: Making progress");
    expect(mail!.text).toContain(`/wards/${WARD_A}`);
    expect(mail!.text).toContain("Sample data");
    expect(mail!.text).toContain("In an emergency, call 999.");
    expect(mail!.text).toContain("call 101 or report online");
    expect(mail!.text).not.toContain("informant");
    expect(mail!.html).toContain("Extra patrols by the shops on Friday nights.");
    expect(mail!.html).toContain(`/alerts/manage/${token}`);
    const header = (key: string) => mail!.headerLines.find((h) => h.key === key)?.line ?? "";
    expect(header("list-unsubscribe-post")).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    const unsubscribeUrl = /^List-Unsubscribe:\s*<([^>\s]+)>$/.exec(header("list-unsubscribe"))?.[1]; // the header may be folded after the colon
    expect(unsubscribeUrl).toContain(`/alerts/unsubscribe/${token}`);

    // A mail provider's server posts from nowhere on this site, with no cookie.
    const response = await unsubscribeAction({ request: post(new URL(unsubscribeUrl!).pathname, { "List-Unsubscribe": "One-Click" }, {}), params: { token }, context: {} });
    expect(response.status).toBe(200);
    expect(db.select().from(wardFollows).all()).toHaveLength(0);

    closePriority(staff.editorA, p.id, { outcome: "Reports fell by half.", closedOn: new Date().toISOString().slice(0, 10) });
    expect(buildDueDigests(later(24 * 60 + 20))).toBe(0);
  });

  it("refuses a one-click POST without the RFC 8058 body or with an unknown token, and changes nothing", async () => {
    const token = await confirmedFollower("keep@example.org");
    expect((await unsubscribeAction({ request: post("/x", { other: "1" }, {}), params: { token }, context: {} })).status).toBe(400);
    expect((await unsubscribeAction({ request: post("/x", { "List-Unsubscribe": "One-Click" }, {}), params: { token: "A".repeat(43) }, context: {} })).status).toBe(404);
    expect(db.select().from(wardFollows).all()).toHaveLength(1);
  });

  it("tells a team's followers about events added, moved and cancelled, including those for the whole team area, in one email", async () => {
    await confirmedFollower("team@example.org", [WARD_A]);
    mailbox.messages.length = 0;
    const start = fromUkDateTime("2027-01-12", "19:00");
    const input = { type: "surgery" as const, title: "Street surgery", wardCode: WARD_A, venue: "Park Wood Parade", address: "Maidstone ME15 9EF", startsAt: start, endsAt: new Date(start.getTime() + 3600_000) };
    const added = createEvent(staff.editorA, staff.teamA, input);
    const teamWide = createEvent(staff.editorA, staff.teamA, { ...input, title: "Team open evening", wardCode: null });
    if (!added.ok || !teamWide.ok) throw new Error("events not created");
    expect(editEvent(staff.editorA, added.value.id, { ...input, venue: "Mangravet Library" }).ok).toBe(true);
    expect(editEvent(staff.editorA, added.value.id, { ...input, venue: "Mangravet Library", title: "Street surgery (reworded)" }).ok).toBe(true);
    expect(cancelEvent(staff.editorA, teamWide.value.id).ok).toBe(true);
    expect(db.select().from(wardChanges).where(eq(wardChanges.teamId, staff.teamA)).all().map((c) => c.kind).slice(-4)).toEqual(["event_added", "event_added", "event_moved", "event_cancelled"]);

    expect(buildDigests("daily", later(11))).toBe(1);
    await sender.runOnce();
    const [mail] = await mailbox.waitFor(1);
    expect(mail!.text).toContain("New: Surgery: Street surgery");
    expect(mail!.text).toContain("Tuesday 12 January 2027, 7pm to 8pm at Park Wood Parade");
    expect(mail!.text).toContain("Changed: Surgery: Street surgery");
    expect(mail!.text).toContain("Now Tuesday 12 January 2027, 7pm to 8pm at Mangravet Library");
    expect(mail!.text).toContain("Cancelled: Surgery: Team open evening");
  });

  it("writes no change when the write it belongs to is refused", () => {
    const before = db.select().from(wardChanges).all().length;
    const p = activePriority(WARD_B);
    expect(closePriority(staff.editorB, p.id, { outcome: "Done", closedOn: "2099-01-01" }).ok).toBe(false);
    expect(db.select().from(wardChanges).all().length).toBe(before);
  });

  it("sends a monthly follower one summary of last month's changes only, in the first days of the next month", () => {
    const month = thisMonth();
    const [y, m] = month.split("-").map(Number) as [number, number];
    const nextMonth = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
    const address = db.insert(residentAddresses).values({ email: "monthly@example.org", createdAt: new Date(), confirmedAt: new Date(), manageTokenHash: "x".repeat(64) }).returning().get();
    db.insert(wardFollows).values({ addressId: address.id, wardCode: WARD_B, frequency: "monthly", createdAt: new Date(), lastChangeId: 0 }).run();
    const p = activePriority(WARD_B);
    publishUpdate(staff.editorB, p.id, { month, actionTaken: "Leaflets on every door.", partners: "", status: "on_track", nextStep: "", internalNote: "" });
    expect(buildDigests("monthly", later(60))).toBe(0); // this month is not over
    const early = fromUkDateTime(`${nextMonth}-01`, "06:00");
    expect(buildDigests("monthly", early)).toBe(1);
    expect(buildDigests("monthly", new Date(early.getTime() + 3600_000))).toBe(0);
    const [row] = db.select().from(outboxMessages).where(eq(outboxMessages.kind, "digest")).all();
    expect(row!.subject).toMatch(/^Your monthly summary for /);
    expect(row!.textBody).toContain("Leaflets on every door.");
    expect(row!.dedupeKey).toBe(`digest:${address.id}:monthly:${month}`);
  });
});

describe("the sender's digest job", () => {
  it("builds a run in steps, each follower once, and says when it has finished", () => {
    for (const n of [1, 2, 3]) {
      const a = db.insert(residentAddresses).values({ email: `step${n}@example.org`, createdAt: new Date(), confirmedAt: new Date(), manageTokenHash: `step-${n}` }).returning().get();
      db.insert(wardFollows).values({ addressId: a.id, wardCode: WARD_B, frequency: "daily", createdAt: new Date(), lastChangeId: 0 }).run();
    }
    db.insert(wardChanges).values({ wardCode: WARD_B, teamId: staff.teamB, kind: "priority_closed", subjectId: 1, details: JSON.stringify({ title: "Litter", outcome: "Cleared", closedOn: "2026-11-30" }), at: new Date(Date.now() - 3600_000) }).run();
    const job = digestJob(2);
    expect(job(later(20))).toEqual({ more: true });
    expect(db.select().from(outboxMessages).all()).toHaveLength(2);
    expect(job(later(20))).toEqual({ more: false });
    expect(job(later(20))).toEqual({ more: false });
    expect(db.select({ to: outboxMessages.toAddress }).from(outboxMessages).all().map((r) => r.to).sort()).toEqual(["step1@example.org", "step2@example.org", "step3@example.org"]);
  });
});

describe("the manage page", () => {
  it("lists the followed wards, changes frequency, stops one ward, and deletes everything held about the address", async () => {
    const token = await confirmedFollower("manage@example.org", [WARD_A, WARD_B]);
    const page = await (await manageLoader({ request: new Request(`http://localhost/alerts/manage/${token}`), params: { token }, context: {} })).json();
    expect(page.email).toBe("manage@example.org");
    expect(page.follows.map((f: { wardCode: string }) => f.wardCode).sort()).toEqual([WARD_A, WARD_B].sort());

    const frequency = await manageAction({ request: post(`/alerts/manage/${token}`, { _intent: "frequency", frequency: "monthly" }), params: { token }, context: {} });
    expect(frequency.status).toBe(303);
    expect(db.select({ f: wardFollows.frequency }).from(wardFollows).all()).toEqual([{ f: "monthly" }, { f: "monthly" }]);

    const followId = page.follows.find((f: { wardCode: string }) => f.wardCode === WARD_B)!.id;
    await manageAction({ request: post(`/alerts/manage/${token}`, { _intent: "unfollow", followId: String(followId) }), params: { token }, context: {} });
    expect(db.select({ w: wardFollows.wardCode }).from(wardFollows).all()).toEqual([{ w: WARD_A }]);

    db.transaction((tx) => {
      const id = db.select().from(residentAddresses).get()!.id;
      tx.insert(outboxMessages).values({ kind: "digest", toAddress: "manage@example.org", addressId: id, subject: "s", textBody: "t", messageId: "<pending@test>", nextAttemptAt: later(60), createdAt: new Date() }).run();
    });
    const deleted = await manageAction({ request: post(`/alerts/manage/${token}`, { _intent: "delete" }), params: { token }, context: {} });
    expect(deleted.headers.get("Location")).toBe("/alerts/deleted");
    expect(db.select().from(residentAddresses).all()).toHaveLength(0);
    expect(db.select().from(wardFollows).all()).toHaveLength(0);
    expect(db.select().from(pendingConfirmations).all()).toHaveLength(0);
    expect(db.select().from(outboxMessages).where(eq(outboxMessages.toAddress, "manage@example.org")).all()).toHaveLength(0);
    await expect(manageLoader({ request: new Request("http://localhost/"), params: { token }, context: {} })).rejects.toMatchObject({ status: 404 });
  });

  it("refuses a link that is not a manage token, and a cross-site change", async () => {
    const token = await confirmedFollower("safe@example.org");
    await expect(manageLoader({ request: new Request("http://localhost/"), params: { token: "<script>alert(1)</script>" }, context: {} })).rejects.toMatchObject({ status: 404 });
    await expect(manageAction({ request: post(`/alerts/manage/${token}`, { _intent: "delete" }, { Origin: "https://evil.example" }), params: { token }, context: {} })).rejects.toMatchObject({ status: 403 });
    expect(db.select().from(residentAddresses).all()).toHaveLength(1);
  });
});

describe("following a team", () => {
  it("asks once to follow every ward of the team, and confirming follows them all", async () => {
    const request = post("/teams/x/follow", { email: "all@example.org", frequency: "daily" });
    const { findTeamById } = await import("~/models/team.server");
    const team = findTeamById(staff.teamA)!;
    const response = (await teamFollowAction({ request, params: { slug: team.slug }, context: {} })) as Response;
    expect(response.status).toBe(303);
    await sender.runOnce();
    const [mail] = await mailbox.waitFor(1);
    expect(mail!.subject).toBe(`Confirm email alerts for ${team.name}`);
    expect(confirm(linkIn(mail!, "/confirm")).ok).toBe(true);
    const { wardCodesOfTeam } = await import("~/models/follow.server");
    expect(db.select({ w: wardFollows.wardCode }).from(wardFollows).all().map((r) => r.w).sort()).toEqual(wardCodesOfTeam(staff.teamA).sort());
  });
});
