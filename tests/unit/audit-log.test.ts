// The audit log as administrators read it: filters, names instead of ids, labelled
// fields, the CSV export (safe in a spreadsheet) and who may read it at all.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, priorities, wards } from "../../db/schema";
import { auditCsv } from "~/lib/audit/export";
import { dayRange, filterQuery, NO_FILTERS, parseAuditFilters } from "~/lib/audit/filters";
import { areaLabel, describeChanges, fieldLabel } from "~/lib/audit/labels";
import { csvCell } from "~/lib/csv";
import type { Db } from "~/lib/db.server";
import { NotPermittedError, ROLE_LABELS } from "~/lib/permissions";
import { exportAuditEvents, listAuditEvents, recordAudit } from "~/models/audit.server";
import { editPriority } from "~/models/priority.server";
import { loader as auditLoader } from "~/routes/admin.audit";
import { loader as csvLoader } from "~/routes/admin.audit[.]csv";
import { dbWithSampleData } from "./helpers/db";
import { clearStaff, createStaff, requestAs, WARD_A, WARD_B, type Staff } from "./helpers/staff";

let db: Db;
let staff: Staff;
let priorityId: number;
const wardName = (code: string) => db.select({ name: wards.name }).from(wards).where(eq(wards.code, code)).get()!.name;

beforeAll(async () => {
  db = dbWithSampleData();
  clearStaff(db);
  staff = await createStaff(db, "audit");
  // A real change by editor A, on 20 November; one by editor B on 25 November; a refusal on 1 December.
  const p = db.select().from(priorities).where(eq(priorities.wardCode, WARD_A)).all().find((r) => r.status === "active")!;
  priorityId = p.id;
  const result = editPriority(staff.editorA, p.id, { theme: p.theme, title: "=HYPERLINK(\"http://evil.example\")", detail: p.detail }, new Date("2026-11-20T10:00:00Z"));
  expect(result.ok).toBe(true);
  recordAudit(db, { actor: staff.editorB, action: "event.edit", subjectType: "event", subjectId: 999_999, wardCode: WARD_B, teamId: staff.teamB, before: { venue: "Old hall", teamId: staff.teamB }, after: { venue: "New hall", teamId: staff.teamB }, at: new Date("2026-11-25T23:30:00Z") });
  recordAudit(db, { actor: staff.partner, action: "access.refused", subjectType: "page", subjectId: "POST /staff/wards/E05015608/pact", at: new Date("2026-12-01T09:00:00Z") });
});

const known = () => ({
  areas: new Set(["priority", "event", "access", "user"]),
  people: new Set([staff.editorA.id, staff.editorB.id, staff.partner.id]),
  teams: new Set([staff.teamA, staff.teamB]),
  wards: new Set([WARD_A, WARD_B]),
});

describe("reading the filters from the URL", () => {
  it("keeps the choices that exist and drops the rest", () => {
    const { filters, errors } = parseAuditFilters(new URLSearchParams({ person: staff.editorA.id, team: String(staff.teamA), ward: WARD_A.toLowerCase(), area: "priority" }), known());
    expect(errors).toEqual([]);
    expect(filters).toEqual({ area: "priority", person: staff.editorA.id, team: staff.teamA, ward: WARD_A, from: null, to: null });
    const unknown = parseAuditFilters(new URLSearchParams({ person: "someone", team: "424242", ward: "E05999999", area: "x%" }), known());
    expect(unknown.filters).toEqual(NO_FILTERS);
    // ...and says so, field by field, rather than quietly showing everything.
    expect(unknown.errors.map((e) => e.field)).toEqual(["person", "team", "ward", "area"]);
    const pasted = parseAuditFilters(new URLSearchParams({ person: staff.editorA.email }), known());
    expect(pasted.errors).toEqual([{ field: "person", message: "No account matches the person asked for. Choose the person from the list" }]);
  });

  it("says which date is not a real one, and keeps what was typed", () => {
    const { filters, errors, typed } = parseAuditFilters(new URLSearchParams({ from: "2026-02-30", to: "<script>" }), known());
    expect(errors.map((e) => e.field)).toEqual(["from", "to"]);
    expect(errors[0]!.message).toBe("The start date must be a real date, like 2026-11-30");
    expect(typed).toEqual({ from: "2026-02-30", to: "<script>" });
    expect(filters.from).toBeNull();
    const backwards = parseAuditFilters(new URLSearchParams({ from: "2026-11-30", to: "2026-11-01" }), known());
    expect(backwards.errors).toEqual([{ field: "to", message: "The end date must be the same as or after the start date" }]);
  });

  it("takes dates as UK days, the end day included (GMT and BST)", () => {
    expect(dayRange({ from: "2026-11-25", to: "2026-11-25" })).toEqual({ since: new Date("2026-11-25T00:00:00Z"), before: new Date("2026-11-26T00:00:00Z") });
    expect(dayRange({ from: "2026-07-01", to: null }).since).toEqual(new Date("2026-06-30T23:00:00Z"));
  });

  it("writes the same filters back for the pages and the export link", () => {
    expect(filterQuery({ ...NO_FILTERS, ward: WARD_A, from: "2026-11-01" }, { page: "2" })).toBe(`ward=${WARD_A}&from=2026-11-01&page=2`);
  });
});

describe("filtering the log", () => {
  const actions = (filters: Partial<typeof NO_FILTERS>) => listAuditEvents(staff.admin, { filters: { ...NO_FILTERS, ...filters } }).rows.map((r) => r.action);

  it("by person, team, ward, kind and date range", () => {
    // A person's entries include what was done to their account (here, its creation).
    expect(actions({ person: staff.editorA.id })).toEqual(["user.create", "priority.edit"]);
    expect(actions({ person: staff.editorA.id, to: "2026-12-01" })).toEqual(["priority.edit"]);
    expect(actions({ team: staff.teamB, to: "2026-12-01" })).toEqual(["event.edit"]);
    expect(actions({ ward: WARD_A })).toEqual(["priority.edit"]);
    expect(actions({ area: "access" })).toEqual(["access.refused"]);
    // 23:30 UTC on 25 November is still the 25th in the UK (GMT).
    expect(actions({ from: "2026-11-25", to: "2026-11-25" })).toEqual(["event.edit"]);
    expect(actions({ from: "2026-11-21", to: "2026-12-01" })).toEqual(["access.refused", "event.edit"]);
    expect(actions({ to: "2026-11-24", person: staff.editorB.id })).toEqual([]);
  });

  it("a team's entries include those recorded only with one of its wards", () => {
    recordAudit(db, { actor: staff.admin, action: "response.hide-comment", subjectType: "response", subjectId: 1, wardCode: WARD_A, at: new Date("2026-11-10T12:00:00Z") });
    expect(actions({ team: staff.teamA, to: "2026-11-15" })).toEqual(["response.hide-comment"]);
  });

  it("names people, wards, teams and records, and labels the fields that changed", () => {
    const [edit] = listAuditEvents(staff.admin, { filters: { ...NO_FILTERS, person: staff.editorA.id, area: "priority" } }).rows;
    expect(edit).toMatchObject({ who: "Erin Editor", whoDetail: staff.editorA.email, actionLabel: "Corrected a priority's wording", wardName: wardName(WARD_A) });
    expect(edit!.subject).toBe('Priority: =HYPERLINK("http://evil.example")');
    expect(edit!.changes.map((c) => c.label)).toEqual(["Title"]);
    const [event] = listAuditEvents(staff.admin, { filters: { ...NO_FILTERS, team: staff.teamB, area: "event" } }).rows;
    expect(event!.teamName).toBeTruthy();
    expect(event!.changes).toEqual([{ field: "venue", label: "Venue", before: "Old hall", after: "New hall" }]);
  });

  it("shows ids inside records as names, and never the bookkeeping fields", () => {
    const names = { teams: { "7": "Maidstone Central" }, wards: { [WARD_A]: "Park Wood" }, districts: {}, users: {}, priorities: {} };
    const changes = describeChanges(JSON.stringify({ teamId: 7, wardCode: null, version: 1, internalNote: "" }), JSON.stringify({ teamId: 7, wardCode: WARD_A, version: 2, internalNote: "Call the council" }), names);
    expect(changes).toEqual([
      { field: "wardCode", label: "Ward", before: null, after: "Park Wood" },
      { field: "internalNote", label: "Staff-only note", before: null, after: "Call the council" },
    ]);
    expect(fieldLabel("someNewField")).toBe("Some new field");
  });

  it("shows stored codes in the portal's words, and a priority's id as its title", () => {
    const names = { teams: {}, wards: {}, districts: {}, users: {}, priorities: { "505": "Speeding on the A229" } };
    const changes = describeChanges(JSON.stringify({ status: "on_track", priorityId: 505, theme: "asb", role: "editor" }), JSON.stringify({ status: "needs_partner_action", priorityId: 506, theme: "roads", role: "partner" }), names);
    expect(changes.map((c) => [c.label, c.before, c.after])).toEqual([
      ["Status", "On track", "Needs partner action"],
      ["Priority", "Speeding on the A229", "506"],
      ["Theme", "Anti-social behaviour", "Roads and speeding"],
      ["Role", ROLE_LABELS.editor, ROLE_LABELS.partner],
    ]);
  });

  it("names a monthly update's priority by its title on the page", () => {
    recordAudit(db, { actor: staff.editorA, action: "update.publish", subjectType: "update", subjectId: 888_888, wardCode: WARD_A, after: { priorityId, status: "on_track", actionTaken: "Patrols" }, at: new Date("2026-11-05T12:00:00Z") });
    const title = db.select({ title: priorities.title }).from(priorities).where(eq(priorities.id, priorityId)).get()!.title;
    const [entry] = listAuditEvents(staff.admin, { filters: { ...NO_FILTERS, area: "update", person: staff.editorA.id } }).rows;
    expect(entry!.changes.find((c) => c.field === "priorityId")!.after).toBe(title);
    expect(entry!.changes.find((c) => c.field === "status")!.after).toBe("On track");
  });

  it("offers the kinds of record in words", () => {
    expect(["session", "update", "user"].map(areaLabel)).toEqual(["Sign-in sessions", "Monthly updates", "Staff accounts"]);
    expect(areaLabel("newthing")).toBe("Newthing");
  });
});

describe("the CSV export", () => {
  it("escapes every cell a spreadsheet would run as a formula", () => {
    for (const bad of ["=1+1", "+44 1622", "-2", "@SUM(A1)", "\tcmd", "\rcmd"]) expect(csvCell(bad).replace(/^"/, "")).toMatch(/^'/);
    expect(csvCell("a, \"b\"")).toBe('"a, ""b"""');
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell(-2)).toBe("-2");
  });

  it("holds exactly what the filters show, readable and escaped", () => {
    const { entries } = exportAuditEvents(staff.admin, { ...NO_FILTERS, ward: WARD_A });
    const csv = auditCsv(entries);
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe("When (UTC),Who,Who (as recorded),What,Action,About,Ward,Team,Changes");
    expect(lines).toHaveLength(1 + entries.length);
    expect(csv).toContain("Erin Editor");
    expect(csv).toContain('Priority: =HYPERLINK(""http://evil.example"")');
    expect(csv).not.toContain("event.edit");
  });

  it("escapes an entry whose name or change starts like a formula", () => {
    const csv = auditCsv([
      { at: "2026-11-20T10:00:00.000Z", who: "=cmd|' /C calc'!A0", whoDetail: null, action: "user.edit", actionLabel: "Changed an account", subject: "@SUM(1)", wardName: null, teamName: "+Team", changes: [] },
    ]);
    const row = csv.split("\r\n")[1]!;
    expect(row).toBe(`2026-11-20T10:00:00.000Z,'=cmd|' /C calc'!A0,'=cmd|' /C calc'!A0,Changed an account,user.edit,'@SUM(1),,'+Team,`);
  });

  it("the download answers with the filtered entries as an attachment", async () => {
    const response = await csvLoader({ request: await requestAs(staff.admin, `/admin/audit.csv?person=${staff.editorB.id}`), params: {}, context: {} });
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="kent-audit-log-\d{4}-\d{2}-\d{2}\.csv"$/);
    const body = await response.text();
    expect(body).toContain("Changed an event");
    expect(body).not.toContain("Corrected a priority's wording");
  });
});

describe("who may read the log", () => {
  it("only administrators: editors and partners are refused the page and the download, and the refusal is logged", async () => {
    for (const actor of [staff.editorA, staff.partner]) {
      for (const [load, path] of [
        [auditLoader, "/admin/audit"],
        [csvLoader, "/admin/audit.csv"],
      ] as const) {
        const before = db.select().from(auditEvents).where(eq(auditEvents.action, "access.refused")).all().length;
        const outcome = await load({ request: await requestAs(actor, path), params: {}, context: {} }).catch((e: unknown) => e);
        expect((outcome as Response).status, `${actor.role} ${path}`).toBe(403);
        expect(db.select().from(auditEvents).where(eq(auditEvents.action, "access.refused")).all()).toHaveLength(before + 1);
      }
      expect(() => listAuditEvents(actor)).toThrow(NotPermittedError);
      expect(() => exportAuditEvents(actor)).toThrow(NotPermittedError);
    }
  });

  it("the page keeps the filters in its links to other pages", async () => {
    for (let i = 0; i < 60; i++) recordAudit(db, { actor: staff.admin, action: "mail.retry", subjectType: "mail", subjectId: i, at: new Date("2026-10-05T12:00:00Z") });
    const response = (await auditLoader({ request: await requestAs(staff.admin, "/admin/audit?area=mail&page=2"), params: {}, context: {} })) as Response;
    const data = await response.json();
    expect(data).toMatchObject({ total: 60, pages: 2, page: 2, filters: { area: "mail" } });
    expect(data.rows).toHaveLength(10);
    void priorityId;
  });
});
