// The monthly PACT cycle through the models and the staff forms' actions: what is
// refused, with which message, and that nothing already saved is lost.
import { and, eq } from "drizzle-orm";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { priorities, priorityUpdates, teams, users } from "../../db/schema";
import type { Db } from "~/lib/db.server";
import { previousMonth, ukDate } from "~/lib/dates";
import { parseForm } from "~/lib/forms";
import { ukMonth } from "~/lib/format";
import { updateFields } from "~/lib/priority-forms";
import { listAuditEventsFor } from "~/models/audit.server";
import { isDue } from "~/lib/due";
import { editUpdate, listPrioritiesForStaff, listPrioritiesForWard, listUpdateVersions, listWardProgress, publishUpdate, recordPactMeeting } from "~/models/priority.server";
import { action as pactAction } from "~/routes/staff.wards.$code_.pact";
import { action as publishAction } from "~/routes/staff.priorities.$id.updates.new";
import { knownGeography } from "../../scripts/lib/known-geography";
import { COLUMNS, loadNeighbourhoods, NEIGHBOURHOOD_FILES, readNeighbourhoods, toCsv } from "../../scripts/lib/neighbourhoods";
import { generateSampleData } from "../../scripts/lib/sample-data";
import { dbWithSampleData, TEST_TODAY } from "./helpers/db";
import { clearStaff, createStaff, requestAs, WARD_A, WARD_B, type Staff } from "./helpers/staff";

let db: Db;
let staff: Staff;
const NOW = new Date();
const TODAY = ukDate(NOW);
const MONTH = ukMonth(NOW);

const active = (ward: string) => db.select().from(priorities).where(and(eq(priorities.wardCode, ward), eq(priorities.status, "active"))).orderBy(priorities.rank).all();
const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};
const update = { actionTaken: "Patrols on Friday evenings.", partners: "Maidstone Borough Council", status: "making_progress" as const, nextStep: "Report back in March.", internalNote: "Contact: Sam at the council, ext 1234." };

beforeAll(async () => {
  db = dbWithSampleData();
  clearStaff(db);
  staff = await createStaff(db, "pact");
});

describe("setting priorities after a PACT meeting", () => {
  it("closes the replaced priority with its outcome, agrees the new one in its slot, and logs both with before and after", () => {
    const [old] = active(WARD_A);
    const result = recordPactMeeting(staff.editorA, WARD_A, {
      meetingDate: TODAY,
      slots: [{ rank: 1, action: "replace", outcome: "Reports fell by half.", priority: { theme: "roads", title: "Speeding on Sutton Road", detail: "Near the school" } }],
    });
    expect(result.ok).toBe(true);
    const now = active(WARD_A);
    expect(now.map((p) => p.rank)).toEqual([1, 2, 3]);
    expect(now[0]).toMatchObject({ title: "Speeding on Sutton Road", agreedOn: TODAY });
    const closed = db.select().from(priorities).where(eq(priorities.id, old!.id)).get()!;
    expect(closed).toMatchObject({ status: "closed", outcome: "Reports fell by half.", closedOn: TODAY });
    const [log] = listAuditEventsFor("priority", old!.id);
    expect(log).toMatchObject({ action: "priority.close", actorId: staff.editorA.id, wardCode: WARD_A });
    expect(JSON.parse(log!.before!)).toMatchObject({ status: "active", outcome: null });
    expect(JSON.parse(log!.after!)).toMatchObject({ status: "closed", outcome: "Reports fell by half." });
    // The closed priority stays in the ward's public history.
    expect(listPrioritiesForWard(WARD_A).find((p) => p.id === old!.id)).toMatchObject({ status: "closed", outcome: "Reports fell by half." });
  });

  it("refuses a fourth active priority, and leaves the three in place", () => {
    const before = active(WARD_A);
    const result = recordPactMeeting(staff.editorA, WARD_A, { meetingDate: TODAY, slots: [{ rank: 2, action: "add", priority: { theme: "drugs", title: "A fourth one", detail: "" } }] });
    expect(result).toMatchObject({ ok: false, errors: [{ field: "slot2-action", message: expect.stringContaining("at most three") }] });
    expect(active(WARD_A)).toEqual(before);
  });

  it("refuses a meeting in the future and a slot outside 1 to 3", () => {
    const tomorrow = ukDate(new Date(NOW.getTime() + 2 * 86400_000));
    expect(recordPactMeeting(staff.editorA, WARD_A, { meetingDate: tomorrow, slots: [{ rank: 1, action: "keep" }] })).toMatchObject({ ok: false });
    expect(recordPactMeeting(staff.editorA, WARD_A, { meetingDate: TODAY, slots: [{ rank: 4, action: "add", priority: { theme: "drugs", title: "Four", detail: "" } }] })).toMatchObject({ ok: false });
    expect(active(WARD_A)).toHaveLength(3);
  });
});

describe("monthly updates", () => {
  it("publishes one update per priority per month, for this month or a late one for last month only", () => {
    const fresh = active(WARD_A)[0]!; // agreed today, no updates yet
    const wrongMonths = ["2031-01", previousMonth(previousMonth(MONTH)), "2026-13"];
    for (const month of wrongMonths) {
      expect(publishUpdate(staff.editorA, fresh.id, { ...update, month })).toMatchObject({ ok: false, errors: [{ field: "month" }] });
    }
    expect(publishUpdate(staff.editorA, fresh.id, { ...update, month: MONTH })).toMatchObject({ ok: true });
    expect(publishUpdate(staff.editorA, fresh.id, { ...update, month: MONTH })).toMatchObject({
      ok: false,
      errors: [{ field: "month", message: expect.stringContaining("already an update") }],
    });
  });

  it("keeps the earlier wording when an update is corrected", () => {
    const [p] = active(WARD_A);
    const u = db.select().from(priorityUpdates).where(eq(priorityUpdates.priorityId, p!.id)).get()!;
    expect(editUpdate(staff.editorA, u.id, { ...update, actionTaken: "Patrols on Friday and Saturday evenings." })).toEqual({ ok: true, value: null });
    const versions = listUpdateVersions(staff.editorA, u.id);
    expect(versions).toHaveLength(1);
    expect(versions[0]!.version).toMatchObject({ actionTaken: "Patrols on Friday evenings.", replacedBy: staff.editorA.id });
    expect(db.select().from(priorityUpdates).where(eq(priorityUpdates.id, u.id)).get()).toMatchObject({ actionTaken: "Patrols on Friday and Saturday evenings.", revisedAt: expect.any(Date) });
    expect(editUpdate(staff.editorA, u.id, { ...update, actionTaken: "Patrols on Friday and Saturday evenings." })).toMatchObject({ ok: false });
  });

  it("never gives residents the staff-only note; staff and partners see it", () => {
    const publicUpdates = listPrioritiesForWard(WARD_A).flatMap((p) => p.updates);
    expect(publicUpdates.length).toBeGreaterThan(0);
    for (const u of publicUpdates) expect(u).not.toHaveProperty("internalNote");
    const notes = listPrioritiesForStaff(staff.partner, WARD_A).flatMap((p) => p.updates.map((u) => u.internalNote));
    expect(notes).toContain(update.internalNote);
  });

  it("takes a ward off the due list once every active priority has this month's update", () => {
    const due = () => listWardProgress([staff.teamA], MONTH).find((w) => w.wardCode === WARD_A)!;
    for (const p of active(WARD_A)) publishUpdate(staff.editorA, p.id, { ...update, month: MONTH });
    expect(isDue(due())).toBe(false);
    recordPactMeeting(staff.editorA, WARD_A, { meetingDate: TODAY, slots: [{ rank: 3, action: "replace", outcome: "Done.", priority: { theme: "theft", title: "Shop theft", detail: "" } }] });
    expect(isDue(due())).toBe(true);
  });
});

describe("what the forms refuse", () => {
  it.each([
    ["empty", { ...update, actionTaken: "   " }, "actionTaken", "Enter what the team did this month"],
    ["oversized", { ...update, actionTaken: "x".repeat(2001) }, "actionTaken", "What the team did must be 2000 characters or fewer (it has 2001)"],
    ["HTML", { ...update, partners: '<script>alert("x")</script>' }, "partners", "Partners must not contain HTML or code such as <script>. Write it as plain text"],
    ["an unknown status", { ...update, status: "great" }, "status", "Choose how the priority is going"],
  ])("%s text gets a message on its field", (_label, fields, field, message) => {
    const parsed = parseForm(form(fields), updateFields);
    expect(parsed).toMatchObject({ ok: false, errors: [{ field, message }] });
  });

  it("keeps what was typed and saves nothing when the update form is refused", async () => {
    const [p] = active(WARD_A);
    const count = db.select().from(priorityUpdates).all().length;
    const typed = "We spoke to <b>everyone</b> on the estate.";
    const request = await requestAs(staff.editorA, `/staff/priorities/${p!.id}/updates/new`, { method: "POST", body: { ...update, actionTaken: typed, month: MONTH } });
    const response = await publishAction({ request, params: { id: String(p!.id) }, context: {} });
    expect(response.status).toBe(400);
    const data = (await response.json()) as { errors: { field: string }[]; values: Record<string, string> };
    expect(data.errors[0]!.field).toBe("actionTaken");
    expect(data.values.actionTaken).toBe(typed);
    expect(db.select().from(priorityUpdates).all()).toHaveLength(count);
  });

  it("refuses an editor who changes the ward in the address or form to another team's, and changes nothing", async () => {
    const before = active(WARD_B);
    const body = {
      "meeting-day": String(Number(TODAY.slice(8))),
      "meeting-month": String(Number(TODAY.slice(5, 7))),
      "meeting-year": TODAY.slice(0, 4),
      "slot1-action": "replace",
      "slot1-outcome": "Taken over",
      "slot1-theme": "asb",
      "slot1-title": "Hijacked",
      "slot2-action": "keep",
      "slot3-action": "keep",
    };
    const request = await requestAs(staff.editorA, `/staff/wards/${WARD_B}/pact`, { method: "POST", body });
    const outcome = await pactAction({ request, params: { code: WARD_B }, context: {} }).catch((e: unknown) => e);
    expect((outcome as Response).status).toBe(403);
    expect(await (outcome as Response).text()).toContain("is not one of your team's wards");
    expect(active(WARD_B)).toEqual(before);
  });
});

describe("reloading the neighbourhood data with --replace", () => {
  it("keeps staff accounts, re-attached to the team with the same slug, and refuses to orphan one", () => {
    const teamOf = (userId: string) => db.select({ slug: teams.slug }).from(users).innerJoin(teams, eq(teams.id, users.teamId)).where(eq(users.id, userId)).get()?.slug;
    const slugA = teamOf(staff.editorA.id)!;
    const known = knownGeography(db);
    const sample = generateSampleData(known.districts, known.wards, TEST_TODAY);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "replace-"));
    const write = () => {
      for (const key of Object.keys(NEIGHBOURHOOD_FILES) as (keyof typeof NEIGHBOURHOOD_FILES)[]) fs.writeFileSync(path.join(dir, NEIGHBOURHOOD_FILES[key]), toCsv(COLUMNS[key], sample[key]));
    };
    write();
    loadNeighbourhoods(db, readNeighbourhoods(dir, known), { replace: true });
    expect(teamOf(staff.editorA.id)).toBe(slugA);

    // Rename team A's slug in the files: its editor would be left without a team.
    const rename = (slug: string) => (slug === slugA ? "renamed-team" : slug);
    for (const t of sample.teams) t.slug = rename(t.slug);
    for (const o of sample.officers) o.team_slug = rename(o.team_slug);
    for (const e of sample.events) e.team_slug = rename(e.team_slug);
    write();
    expect(() => loadNeighbourhoods(db, readNeighbourhoods(dir, known), { replace: true })).toThrow(/belongs to team .* not in the new teams.csv/);
    expect(teamOf(staff.editorA.id)).toBe(slugA);
  });
});
