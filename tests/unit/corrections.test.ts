// Putting mistakes right, and stale forms: what residents see afterwards, what the
// history keeps, and that a form based on an older version never overwrites a newer one.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { priorities, priorityUpdates } from "../../db/schema";
import type { Db } from "~/lib/db.server";
import { ukDate, ukMonth } from "~/lib/format";
import { listAuditEventsFor } from "~/models/audit.server";
import { correctOutcome, listMoveTargets, moveUpdate, REOPEN_DAYS, reopenPriority, withdrawUpdate } from "~/models/correction.server";
import { closePriority, editPriority, editUpdate, listPrioritiesForWard, listUpdateVersions, openUpdateMonths, publishUpdate, recordPactMeeting } from "~/models/priority.server";
import { dbWithSampleData } from "./helpers/db";
import { clearStaff, createStaff, WARD_A, type Staff } from "./helpers/staff";

let db: Db;
let staff: Staff;
const NOW = new Date();
const MONTH = ukMonth(NOW);
const TODAY = ukDate(NOW);
const update = { actionTaken: "Patrols on Friday evenings.", partners: "", status: "on_track" as const, nextStep: "", internalNote: "" };
const active = () => db.select().from(priorities).where(and(eq(priorities.wardCode, WARD_A), eq(priorities.status, "active"))).orderBy(priorities.rank).all();
const publicView = () => listPrioritiesForWard(WARD_A);

beforeAll(async () => {
  db = dbWithSampleData();
  clearStaff(db);
  staff = await createStaff(db, "fix");
  for (const p of active()) db.delete(priorityUpdates).where(and(eq(priorityUpdates.priorityId, p.id), eq(priorityUpdates.month, MONTH))).run();
});

describe("withdrawing and moving an update", () => {
  it("withdraws an update: residents see only the date it was withdrawn, the wording stays in its history and the log, and the month is open again", () => {
    const [p1] = active();
    const published = publishUpdate(staff.editorA, p1!.id, { ...update, actionTaken: "Posted by mistake", month: MONTH }, NOW);
    expect(published.ok).toBe(true);
    const id = published.ok ? published.value.id : 0;
    expect(withdrawUpdate(staff.editorA, id, { version: 1 }, NOW).ok).toBe(true);
    const shown = publicView().find((p) => p.id === p1!.id)!.updates.find((u) => u.id === id)!;
    expect(shown).toMatchObject({ actionTaken: "", withdrawnAt: expect.any(Date) });
    expect(JSON.stringify(publicView())).not.toContain("Posted by mistake");
    expect(listUpdateVersions(staff.editorA, id)[0]!.version.actionTaken).toBe("Posted by mistake");
    expect(listAuditEventsFor("update", id).map((e) => e.action)).toEqual(["update.publish", "update.withdraw"]);
    expect(openUpdateMonths(p1!, NOW)).toContain(MONTH);
    expect(withdrawUpdate(staff.editorA, id, {}, NOW).ok).toBe(false);
    expect(editUpdate(staff.editorA, id, update, NOW).ok).toBe(false);
  });

  it("moves an update to the right priority of the ward, marked corrected, and refuses a priority that already has that month", () => {
    const [p1, p2, p3] = active();
    const published = publishUpdate(staff.editorA, p1!.id, { ...update, actionTaken: "Meant for the second priority", month: MONTH }, NOW);
    const id = published.ok ? published.value.id : 0;
    expect(listMoveTargets(staff.editorA, id).map((t) => t.id)).toEqual(expect.arrayContaining([p2!.id, p3!.id]));
    expect(moveUpdate(staff.editorA, id, { toPriorityId: p2!.id, version: 1 }, NOW).ok).toBe(true);
    const view = publicView();
    expect(view.find((p) => p.id === p2!.id)!.updates.find((u) => u.id === id)).toMatchObject({ actionTaken: "Meant for the second priority", revisedAt: expect.any(Date) });
    expect(view.find((p) => p.id === p1!.id)!.updates.some((u) => u.id === id)).toBe(false);
    const again = publishUpdate(staff.editorA, p3!.id, { ...update, month: MONTH }, NOW);
    const other = again.ok ? again.value.id : 0;
    const refused = moveUpdate(staff.editorA, other, { toPriorityId: p2!.id }, NOW);
    expect(refused.ok).toBe(false);
    expect(() => moveUpdate(staff.editorB, id, { toPriorityId: p1!.id }, NOW)).toThrow();
  });
});

describe("correcting and reopening a closed priority", () => {
  it("corrects the outcome with a dated note for residents and the earlier text in the log; reopens within the set period", () => {
    const [, , p3] = active();
    expect(closePriority(staff.editorA, p3!.id, { outcome: "Outcome with a typo", closedOn: TODAY, version: p3!.version }, NOW).ok).toBe(true);
    expect(correctOutcome(staff.editorA, p3!.id, { outcome: "Outcome without the typo", version: p3!.version + 1 }, NOW).ok).toBe(true);
    const closed = publicView().find((p) => p.id === p3!.id)!;
    expect(closed).toMatchObject({ status: "closed", outcome: "Outcome without the typo", correctedAt: expect.any(Date) });
    const log = listAuditEventsFor("priority", p3!.id).at(-1)!;
    expect(JSON.parse(log.before!).outcome).toBe("Outcome with a typo");
    // Too late: past the reopening period.
    const late = new Date(NOW.getTime() + (REOPEN_DAYS + 2) * 24 * 3600 * 1000);
    const refused = reopenPriority(staff.editorA, p3!.id, {}, late);
    expect(refused.ok ? "" : refused.errors[0]!.message).toContain(`within ${REOPEN_DAYS} days`);
    expect(reopenPriority(staff.editorA, p3!.id, { version: p3!.version + 2 }, NOW).ok).toBe(true);
    expect(active().map((p) => p.id)).toContain(p3!.id);
    expect(publicView().find((p) => p.id === p3!.id)).toMatchObject({ status: "active", outcome: null, correctedAt: expect.any(Date) });
  });
});

describe("stale forms", () => {
  it("a second PACT form based on the same page does not close the first editor's new priority", () => {
    const [p1] = active();
    const seen = { id: p1!.id, version: p1!.version };
    const first = recordPactMeeting(staff.editorA, WARD_A, { meetingDate: TODAY, slots: [{ rank: 1, basedOn: seen, action: "replace", outcome: "First editor's outcome", priority: { theme: "roads", title: "First editor's priority", detail: "" } }] }, NOW);
    expect(first.ok).toBe(true);
    const second = recordPactMeeting(staff.admin, WARD_A, { meetingDate: TODAY, slots: [{ rank: 1, basedOn: seen, action: "replace", outcome: "Second editor's outcome", priority: { theme: "drugs", title: "Second editor's priority", detail: "" } }] }, NOW);
    expect(second.ok).toBe(false);
    const message = second.ok ? "" : second.errors[0]!.message;
    expect(message).toContain("Slot 1 changed while you were filling in this form. Erin Editor changed it at");
    expect(message).toContain(`You saw: “${p1!.title}”. Now: “First editor's priority”`);
    expect(active()[0]!.title).toBe("First editor's priority");
    expect(db.select().from(priorities).where(eq(priorities.id, p1!.id)).get()!.outcome).toBe("First editor's outcome");
  });

  it("a meeting that keeps all three priorities is recorded, changing none of them", () => {
    const before = active();
    const slots = before.map((p) => ({ rank: p.rank, basedOn: { id: p.id, version: p.version }, action: "keep" as const }));
    expect(recordPactMeeting(staff.editorA, WARD_A, { meetingDate: TODAY, slots }, NOW).ok).toBe(true);
    expect(active()).toEqual(before);
    expect(listAuditEventsFor("ward", WARD_A).at(-1)).toMatchObject({ action: "ward.pact-meeting" });
  });

  it("refuses a PACT meeting dated more than a year ago", () => {
    const result = recordPactMeeting(staff.editorA, WARD_A, { meetingDate: "1900-01-01", slots: [{ rank: 1, action: "keep" }] }, NOW);
    expect(result.ok ? "" : result.errors[0]!.message).toBe("The date of the PACT meeting must be within the last 12 months");
  });

  it("an edit or close form based on an older version says who changed it and what it says now", () => {
    const [, p2] = active();
    expect(editPriority(staff.admin, p2!.id, { theme: p2!.theme, title: "Reworded by the admin", detail: "", version: p2!.version }, NOW).ok).toBe(true);
    const stale = editPriority(staff.editorA, p2!.id, { theme: p2!.theme, title: "Erin's wording", detail: "", version: p2!.version }, NOW);
    expect(stale.ok ? "" : stale.errors[0]!.message).toMatch(/^This priority was changed while you were on this page: Alex Admin changed it at .+\. It now reads: “Reworded by the admin”/);
    const close = closePriority(staff.editorA, p2!.id, { outcome: "x", closedOn: TODAY, version: p2!.version }, NOW);
    expect(close.ok).toBe(false);
    expect(active().find((p) => p.id === p2!.id)!.title).toBe("Reworded by the admin");
  });
});

describe("the audit log", () => {
  it("records a refused attempt with who tried what, and writes nothing for an officer profile saved unchanged", async () => {
    const { requireTeamPermission } = await import("~/lib/permissions.server");
    const { requestAs } = await import("./helpers/staff");
    const { listAuditEvents } = await import("~/models/audit.server");
    const { editOfficer, findOfficer } = await import("~/models/officer.server");
    const { officers } = await import("../../db/schema");
    const refused = await requireTeamPermission(await requestAs(staff.editorB, "/staff/wards/E05015608/pact"), "edit:priorities", staff.teamA, "Park Wood").catch((e: Response) => e);
    expect((refused as Response).status).toBe(403);
    const { findTeamById } = await import("~/models/team.server");
    expect(listAuditEvents(staff.admin).rows[0]).toMatchObject({ action: "access.refused", who: "Bo Other", subject: "Page: GET /staff/wards/E05015608/pact", teamName: findTeamById(staff.teamA)!.name });
    const officer = db.select().from(officers).where(eq(officers.teamId, staff.teamA)).get()!;
    const o = findOfficer(officer.id)!;
    const before = listAuditEvents(staff.admin).total;
    const same = editOfficer(staff.editorA, o.id, { name: o.name, role: o.role, collarNumber: o.collarNumber, bio: o.bio, email: o.email, wardCodes: o.wardCodes, active: o.active }, NOW);
    expect(same.ok ? "" : same.errors[0]!.message).toBe("Nothing has changed. Change the profile, or go back");
    expect(listAuditEvents(staff.admin).total).toBe(before);
  });
});
