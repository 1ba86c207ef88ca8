// Residents' responses through the model on a migrated database with the real wards:
// one voice per address per ward per month, the threshold, the network cap, what the
// team sees, hiding a comment, "taken up", retention and a resident's deletion.
import { eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { priorityTakenUp, residentAddresses, residentResponses } from "../../db/schema";
import type { Db } from "~/lib/db.server";
import { previousMonth, ukDate } from "~/lib/dates";
import { ukMonth } from "~/lib/format";
import { NotPermittedError } from "~/lib/permissions";
import type { PriorityTheme } from "~/lib/vocabulary";
import { listAuditEventsFor } from "~/models/audit.server";
import { recordPactMeeting } from "~/models/priority.server";
import {
  clearExpiredResponseText,
  confirmResponse,
  createPendingResponse,
  deleteResponsesOfAddress,
  hideComment,
  listTakenUp,
  markTakenUp,
  networkMayRespond,
  NETWORK_DAILY_LIMIT,
  originKeyOf,
  publishedResults,
  recordConfirmedResponse,
  responsesForStaff,
  tallyResponses,
} from "~/models/response.server";
import { dbWithSampleData } from "./helpers/db";
import { clearStaff, createStaff, WARD_A, WARD_B, type Staff } from "./helpers/staff";

let db: Db;
let staff: Staff;
const NOW = new Date();
const MONTH = ukMonth(NOW);
let nextAddress = 1;

function respond(themes: PriorityTheme[], opts: { ward?: string; address?: number; ip?: string; place?: string; comment?: string; at?: Date } = {}) {
  return recordConfirmedResponse(
    { wardCode: opts.ward ?? WARD_A, addressId: opts.address ?? nextAddress++, themes, place: opts.place ?? "", comment: opts.comment ?? "", originKey: originKeyOf(opts.ip ?? `10.0.${nextAddress}.1`) },
    opts.at ?? NOW,
  );
}

beforeAll(async () => {
  db = dbWithSampleData();
  clearStaff(db);
  staff = await createStaff(db, "resp");
  // Responses belong to residents' addresses; these tests need many.
  db.transaction((tx) => {
    for (let id = 1; id <= 1100; id++) tx.insert(residentAddresses).values({ id, email: `resident${id}@example.test`, createdAt: NOW, confirmedAt: NOW, manageTokenHash: `test-${id}` }).run();
  });
});

beforeEach(() => {
  db.delete(priorityTakenUp).run();
  db.delete(residentResponses).run();
});

describe("one voice per address per ward per month", () => {
  it("counts nothing until the address is confirmed", () => {
    const id = createPendingResponse({ wardCode: WARD_A, addressId: 1, themes: ["roads"], place: "", comment: "", originKey: null }, NOW);
    expect(tallyResponses([WARD_A], [MONTH])).toEqual([]);
    expect(confirmResponse(id, NOW)).toEqual({ replaced: false, wardCode: WARD_A });
    expect(tallyResponses([WARD_A], [MONTH])).toEqual([{ wardCode: WARD_A, month: MONTH, respondents: 1, counts: { roads: 1 }, sample: false }]);
  });

  it("replaces the first response with the second in the same month, and counts a confirmation clicked twice once", () => {
    respond(["roads", "asb"], { address: 42 });
    const second = createPendingResponse({ wardCode: WARD_A, addressId: 42, themes: ["drugs"], place: "", comment: "", originKey: null }, NOW);
    expect(confirmResponse(second, NOW)).toEqual({ replaced: true, wardCode: WARD_A });
    expect(confirmResponse(second, NOW)).toEqual({ replaced: false, wardCode: WARD_A });
    expect(tallyResponses([WARD_A], [MONTH])[0]).toMatchObject({ respondents: 1, counts: { drugs: 1 } });
  });

  it("keeps the same address's voice in another ward and another month", () => {
    respond(["roads"], { address: 7 });
    respond(["roads"], { address: 7, ward: WARD_B });
    const lastMonth = new Date(NOW.getTime() - 40 * 24 * 3600 * 1000);
    respond(["roads"], { address: 7, at: lastMonth });
    expect(tallyResponses([WARD_A], [MONTH])[0]!.respondents).toBe(1);
    expect(tallyResponses([WARD_B], [MONTH])[0]!.respondents).toBe(1);
    expect(tallyResponses([WARD_A], [ukMonth(lastMonth)])[0]!.respondents).toBe(1);
  });
});

describe("what the ward page publishes", () => {
  it("shows nothing, not even the number, until 5 people have responded", () => {
    for (let i = 0; i < 4; i++) respond(["roads"]);
    expect(publishedResults(WARD_A, NOW)[0]).toEqual({ month: MONTH, respondents: 0, ranked: null, sample: false });
    respond(["asb", "roads"]);
    expect(publishedResults(WARD_A, NOW)[0]).toEqual({ month: MONTH, respondents: 5, ranked: [{ theme: "roads", count: 5 }, { theme: "asb", count: 1 }], sample: false });
    expect(publishedResults(WARD_A, NOW)[1]).toMatchObject({ month: previousMonth(MONTH), ranked: null });
  });

  it("counts at most 10 confirmed voices a month from one network, however many addresses", () => {
    for (let i = 0; i < 25; i++) respond(["parking"], { ip: "81.2.69.1" + (i % 10) });
    respond(["parking"], { ip: "81.2.70.5" });
    expect(tallyResponses([WARD_A], [MONTH])[0]).toMatchObject({ respondents: 11, counts: { parking: 11 } });
  });

  it("stops taking responses from a network after its daily limit", () => {
    const key = originKeyOf("192.0.2.8");
    for (let i = 0; i < NETWORK_DAILY_LIMIT - 1; i++) createPendingResponse({ wardCode: i % 2 ? WARD_A : WARD_B, addressId: 1000 + i, themes: ["asb"], place: "", comment: "", originKey: key }, NOW);
    expect(networkMayRespond(key, NOW)).toBe(true);
    createPendingResponse({ wardCode: WARD_A, addressId: 999, themes: ["asb"], place: "", comment: "", originKey: key }, NOW);
    expect(networkMayRespond(key, NOW)).toBe(false);
    expect(networkMayRespond(key, new Date(NOW.getTime() + 25 * 3600 * 1000))).toBe(true);
    expect(networkMayRespond(originKeyOf("192.0.3.8"), NOW)).toBe(true);
  });
});

describe("what the team sees", () => {
  it("ranks the month with the trend, lists places and comments for the ward's editors, and not for partners or other teams", () => {
    const lastMonth = new Date(`${previousMonth(MONTH)}-15T12:00:00Z`);
    respond(["roads"], { at: lastMonth });
    respond(["roads"], { place: "Sutton Road", comment: "Cars race past the school at 8am." });
    respond(["roads", "asb"], { place: "sutton road" });
    respond(["asb"], { place: "Park Wood shops" });
    const view = responsesForStaff(staff.editorA, WARD_A, NOW);
    expect(view.respondents).toBe(3);
    expect(view.themes).toEqual([
      { theme: "asb", count: 2, previous: 0, trend: "new" },
      { theme: "roads", count: 2, previous: 1, trend: "up" },
    ]);
    expect(view.places).toEqual([
      { place: "Sutton Road", count: 2 },
      { place: "Park Wood shops", count: 1 },
    ]);
    expect(view.comments.map((c) => c.comment)).toEqual(["Cars race past the school at 8am."]);
    for (const other of [staff.partner, staff.editorB]) {
      const seen = responsesForStaff(other, WARD_A, NOW);
      expect(seen.themes).toHaveLength(2);
      expect([seen.places, seen.comments, seen.mayRead]).toEqual([[], [], false]);
    }
    expect(() => responsesForStaff(null, WARD_A, NOW)).toThrow(NotPermittedError);
  });

  it("hides a comment from the team's pages, keeping its words in the audit log", () => {
    const { id } = respond(["drugs"], { comment: "My neighbour Jo Smith at number 4 deals." });
    expect(() => hideComment(staff.editorB, WARD_A, id, "Names a person")).toThrow(NotPermittedError);
    expect(hideComment(staff.editorA, WARD_A, id, "Names a person")).toEqual({ ok: true, value: null });
    const [c] = responsesForStaff(staff.editorA, WARD_A, NOW).comments;
    expect(c).toMatchObject({ id, hidden: true, comment: null });
    const audit = listAuditEventsFor("response", id);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.action).toBe("response.hide-comment");
    expect(JSON.parse(audit[0]!.before!).comment).toBe("My neighbour Jo Smith at number 4 deals.");
    expect(tallyResponses([WARD_A], [MONTH])[0]!.counts.drugs).toBe(1);
  });
});

describe("taken up at the PACT meeting", () => {
  it("links a new priority to the themes residents named, with how many named them", () => {
    for (let i = 0; i < 6; i++) respond(i < 4 ? ["roads"] : ["asb"]);
    const meeting = recordPactMeeting(staff.editorA, WARD_A, {
      meetingDate: ukDate(NOW),
      slots: [{ rank: 1, action: "replace", outcome: "Done.", priority: { theme: "roads", title: "Speeding on Sutton Road near the school", detail: "" } }],
    });
    if (!meeting.ok) throw new Error("meeting not recorded");
    const priorityId = meeting.value.added[0]!;
    expect(markTakenUp(staff.editorA, priorityId, ["parking"]).ok).toBe(false);
    expect(() => markTakenUp(staff.editorB, priorityId, ["roads"])).toThrow(NotPermittedError);
    expect(markTakenUp(staff.editorA, priorityId, ["roads"])).toEqual({ ok: true, value: { month: MONTH } });
    expect(listTakenUp(WARD_A)).toEqual([
      { priorityId, rank: 1, title: "Speeding on Sutton Road near the school", agreedOn: ukDate(NOW), theme: "roads", month: MONTH, residents: 4 },
    ]);
    expect(listAuditEventsFor("priority", priorityId).map((a) => a.action)).toEqual(["priority.create", "priority.taken-up"]);
  });
});

describe("retention and deletion", () => {
  it("deletes places and comments after 12 months and keeps the counts", () => {
    const old = new Date(NOW.getTime() - 400 * 24 * 3600 * 1000);
    respond(["roads"], { at: old, place: "Old Road", comment: "Old comment" });
    respond(["roads"], { place: "New Road", comment: "New comment" });
    expect(clearExpiredResponseText(NOW)).toBe(1);
    expect(clearExpiredResponseText(NOW)).toBe(0);
    const rows = db.select().from(residentResponses).orderBy(residentResponses.id).all();
    expect(rows.map((r) => [r.place, r.comment])).toEqual([
      [null, null],
      ["New Road", "New comment"],
    ]);
    expect(tallyResponses([WARD_A], [ukMonth(old)])[0]!.counts.roads).toBe(1);
  });

  it("deletes every response of an address when the resident asks", () => {
    respond(["roads"], { address: 77 });
    respond(["asb"], { address: 77, ward: WARD_B });
    respond(["asb"], { address: 78 });
    expect(deleteResponsesOfAddress(77)).toBe(2);
    expect(db.select().from(residentResponses).where(eq(residentResponses.addressId, 77)).all()).toEqual([]);
    expect(db.select().from(residentResponses).all()).toHaveLength(1);
  });
});
