// The team's month: drafts shared by the team and never public, a colleague's
// draft never silently overwritten, publishing all or nothing with nothing typed lost.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { priorities, priorityUpdates, teamWards } from "../../db/schema";
import type { Db } from "~/lib/db.server";
import { ukDate, ukMonth } from "~/lib/format";
import { parseMonthForm } from "~/lib/month-forms";
import { NotPermittedError } from "~/lib/permissions";
import { listTeamMonth, publishMonth, saveMonthDrafts, type MonthEntry } from "~/models/month.server";
import { closePriority, listPrioritiesForWard } from "~/models/priority.server";
import { dbWithSampleData } from "./helpers/db";
import { clearStaff, createStaff, type Staff } from "./helpers/staff";

let db: Db;
let staff: Staff;
const NOW = new Date();
const MONTH = ukMonth(NOW);
const blank = { actionTaken: "", partners: "", status: null, nextStep: "", internalNote: "" };
const entry = (priorityId: number, actionTaken: string, draftVersion = 0, extra: Partial<MonthEntry["input"]> = {}): MonthEntry => ({ priorityId, draftVersion, input: { ...blank, actionTaken, status: "on_track", ...extra } });

beforeAll(async () => {
  db = dbWithSampleData();
  clearStaff(db);
  staff = await createStaff(db, "month");
  // Start the month unwritten for team A.
  const ids = db.select({ id: priorities.id }).from(priorities).innerJoin(teamWards, eq(teamWards.wardCode, priorities.wardCode)).where(eq(teamWards.teamId, staff.teamA)).all().map((r) => r.id);
  for (const id of ids) db.delete(priorityUpdates).where(and(eq(priorityUpdates.priorityId, id), eq(priorityUpdates.month, MONTH))).run();
});

describe("the team's month", () => {
  it("lists every active priority of the team's wards still owed this month's update, and refuses other teams' editors and partners", () => {
    const month = listTeamMonth(staff.editorA, staff.teamA, NOW);
    expect(month.due.length).toBe(month.total);
    expect(month.due.length).toBeGreaterThan(3);
    expect(new Set(month.due.map((d) => d.wardName)).size).toBeGreaterThan(1);
    expect(() => listTeamMonth(staff.editorB, staff.teamA, NOW)).toThrow(NotPermittedError);
    expect(() => listTeamMonth(staff.partner, staff.teamA, NOW)).toThrow(NotPermittedError);
  });

  it("keeps a draft for the whole team, never on the public page", () => {
    const [first] = listTeamMonth(staff.editorA, staff.teamA, NOW).due;
    const saved = saveMonthDrafts(staff.editorA, staff.teamA, [entry(first!.id, "Draft text nobody outside the team sees", 0, { status: null })], NOW);
    expect(saved.ok).toBe(true);
    const again = listTeamMonth(staff.admin, staff.teamA, NOW).due.find((d) => d.id === first!.id)!;
    expect(again.draft).toMatchObject({ actionTaken: "Draft text nobody outside the team sees", savedByName: "Erin Editor", version: 1 });
    const publicText = JSON.stringify(listPrioritiesForWard(first!.wardCode));
    expect(publicText).not.toContain("Draft text nobody outside the team sees");
  });

  it("does not overwrite a colleague's newer draft: the second save comes back with both versions", () => {
    const [first] = listTeamMonth(staff.editorA, staff.teamA, NOW).due;
    // Both pages were loaded at version 1; the admin saves first.
    expect(saveMonthDrafts(staff.admin, staff.teamA, [entry(first!.id, "Admin's wording", 1)], NOW).ok).toBe(true);
    const stale = saveMonthDrafts(staff.editorA, staff.teamA, [entry(first!.id, "Erin's wording", 1)], NOW);
    expect(stale.ok).toBe(false);
    if (stale.ok) return;
    expect(stale.conflicts[0]).toMatchObject({ kind: "draft", by: "Alex Admin", theirs: { actionTaken: "Admin's wording" }, version: 2 });
    expect(stale.errors[0]!.message).toContain("Alex Admin changed the draft for this priority while you were writing");
    expect(listTeamMonth(staff.editorA, staff.teamA, NOW).due.find((d) => d.id === first!.id)!.draft!.actionTaken).toBe("Admin's wording");
    // Saving again from the conflict page (which now carries version 2) replaces it on purpose.
    expect(saveMonthDrafts(staff.editorA, staff.teamA, [entry(first!.id, "Erin's wording", 2)], NOW).ok).toBe(true);
  });

  it("publishes all the finished entries together, keeps the unfinished as drafts, and removes published drafts", () => {
    const due = listTeamMonth(staff.editorA, staff.teamA, NOW).due;
    const [a, b, c] = due;
    const result = publishMonth(staff.editorA, staff.teamA, [entry(a!.id, "Published A", 3), entry(b!.id, "Published B"), entry(c!.id, "", 0, { partners: "Council" })], NOW);
    expect(result.ok).toBe(true);
    const after = listTeamMonth(staff.editorA, staff.teamA, NOW).due;
    expect(after.map((d) => d.id)).not.toContain(a!.id);
    expect(after.map((d) => d.id)).not.toContain(b!.id);
    expect(after.find((d) => d.id === c!.id)!.draft).toMatchObject({ partners: "Council" });
    expect(db.select().from(priorityUpdates).where(and(eq(priorityUpdates.priorityId, a!.id), eq(priorityUpdates.month, MONTH))).get()).toMatchObject({ actionTaken: "Published A" });
  });

  it("leaves no draft on a priority nobody touched, whose partners the page filled in from its last update", () => {
    const due = listTeamMonth(staff.editorA, staff.teamA, NOW).due.filter((d) => !d.draft);
    const written = due[0]!;
    const untouched = due.find((d) => d !== written && d.lastUpdate?.partners)!;
    expect(untouched, "a due priority whose last update names partners").toBeDefined();
    const prefilled: MonthEntry = { priorityId: untouched.id, draftVersion: 0, input: { ...blank, partners: untouched.lastUpdate!.partners!, status: untouched.lastUpdate!.status } };
    expect(publishMonth(staff.editorA, staff.teamA, [entry(written.id, "Published with one left alone"), prefilled], NOW).ok).toBe(true);
    expect(listTeamMonth(staff.editorA, staff.teamA, NOW).due.find((d) => d.id === untouched.id)!.draft).toBeNull();
    // Saving drafts from the same page does not make one either; a partner typed in does.
    expect(saveMonthDrafts(staff.editorA, staff.teamA, [prefilled], NOW)).toMatchObject({ ok: true, value: { saved: 0 } });
    expect(listTeamMonth(staff.editorA, staff.teamA, NOW).due.find((d) => d.id === untouched.id)!.draft).toBeNull();
    expect(saveMonthDrafts(staff.editorA, staff.teamA, [{ ...prefilled, input: { ...prefilled.input, partners: "Another partner" } }], NOW).ok).toBe(true);
    expect(listTeamMonth(staff.editorA, staff.teamA, NOW).due.find((d) => d.id === untouched.id)!.draft).toMatchObject({ partners: "Another partner" });
  });

  it("refuses the whole batch when one priority was closed meanwhile or already updated by a colleague, publishing nothing", () => {
    const [x, y, z] = listTeamMonth(staff.editorA, staff.teamA, NOW).due;
    expect(publishMonth(staff.admin, staff.teamA, [entry(z!.id, "The colleague's update")], NOW).ok).toBe(true);
    expect(closePriority(staff.admin, x!.id, { outcome: "Closed by the panel.", closedOn: ukDate(NOW) }, NOW).ok).toBe(true);
    const result = publishMonth(staff.editorA, staff.teamA, [entry(x!.id, "Typed for the closed one"), entry(y!.id, "Fine on its own"), entry(z!.id, "Mine for the same priority")], NOW);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.find((e) => e.field === `p${x!.id}-actionTaken`)!.message).toContain("was closed");
    expect(result.conflicts).toEqual([expect.objectContaining({ priorityId: z!.id, kind: "published", by: "Alex Admin", theirs: expect.objectContaining({ actionTaken: "The colleague's update" }) })]);
    expect(db.select().from(priorityUpdates).where(and(eq(priorityUpdates.priorityId, y!.id), eq(priorityUpdates.month, MONTH))).get()).toBeUndefined();
  });

  it("refuses a priority of another team slipped into the form", () => {
    const other = db.select({ id: priorities.id }).from(priorities).where(and(eq(priorities.wardCode, "E05010411"), eq(priorities.status, "active"))).get()!;
    expect(() => publishMonth(staff.editorA, staff.teamA, [entry(other.id, "Not mine")], NOW)).toThrow(NotPermittedError);
  });
});

describe("reading the month form", () => {
  it("reads each priority's block, checks limits and markup, and ignores ids that are not numbers", () => {
    const f = new FormData();
    for (const id of ["12", "13", "x"]) f.append("priority", id);
    f.set("p12-actionTaken", "Crime fell to <a dozen reports");
    f.set("p12-status", "on_track");
    f.set("p12-draft", "2");
    f.set("p13-actionTaken", "<b>bold</b>");
    const parsed = parseMonthForm(f);
    expect(parsed.entries).toEqual([{ priorityId: 12, draftVersion: 2, input: { actionTaken: "Crime fell to <a dozen reports", partners: "", status: "on_track", nextStep: "", internalNote: "" } }]);
    expect(parsed.errors).toEqual([{ field: "p13-actionTaken", message: "What the team did must not contain HTML or code such as <script>. Write it as plain text" }]);
  });
});
