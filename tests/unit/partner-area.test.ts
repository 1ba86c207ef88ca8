// A partner's area: set only by administrators, for partner accounts only; it decides
// which wards' staff-only notes the partner reads and what their dashboard lists.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, priorities, wards } from "../../db/schema";
import type { Db } from "~/lib/db.server";
import { ukMonth } from "~/lib/format";
import { NotPermittedError } from "~/lib/permissions";
import { areaOf, mayReadNotesIn, partnerDashboard, setPartnerArea } from "~/models/partner-area.server";
import { listPrioritiesForStaff, publishUpdate } from "~/models/priority.server";
import { action as userAction } from "~/routes/admin.users.$id";
import { accountSeen } from "~/models/user.server";
import { loader as dashboardLoader } from "~/routes/staff._index";
import { dbWithSampleData } from "./helpers/db";
import { clearStaff, createStaff, MAIDSTONE, requestAs, WARD_A, WARD_B, type Staff } from "./helpers/staff";

let db: Db;
let staff: Staff;
const CANTERBURY = "E07000106";
const NOTE_A = "Call Sam at Maidstone council, ext 1234.";
const NOTE_B = "Canterbury CCTV reference 88/12.";
const month = ukMonth(new Date());

beforeAll(async () => {
  db = dbWithSampleData();
  clearStaff(db);
  staff = await createStaff(db, "area");
  const publish = (actor: typeof staff.editorA, ward: string, internalNote: string) => {
    const p = db.select().from(priorities).where(eq(priorities.wardCode, ward)).all().find((r) => r.status === "active")!;
    const existing = listPrioritiesForStaff(staff.admin, ward).find((x) => x.id === p.id)!.updates.some((u) => u.month === month);
    if (!existing) expect(publishUpdate(actor, p.id, { month, actionTaken: "Patrols on Friday evenings.", partners: "", status: "on_track", nextStep: "", internalNote }).ok).toBe(true);
  };
  publish(staff.editorA, WARD_A, NOTE_A);
  publish(staff.editorB, WARD_B, NOTE_B);
  expect(db.select().from(wards).where(eq(wards.code, WARD_B)).get()!.districtCode).toBe(CANTERBURY);
});

const notesOf = (actor: typeof staff.partner, ward: string) => listPrioritiesForStaff(actor, ward).flatMap((p) => p.updates.map((u) => u.internalNote)).filter(Boolean);

describe("staff-only notes follow the partner's area", () => {
  it("a Maidstone partner reads Maidstone's notes and not Canterbury's; staff read both", () => {
    expect(notesOf(staff.partner, WARD_A)).toContain(NOTE_A);
    expect(notesOf(staff.partner, WARD_B)).toEqual([]);
    expect(mayReadNotesIn(staff.partner, CANTERBURY)).toBe(false);
    for (const actor of [staff.admin, staff.editorA]) expect(notesOf(actor, WARD_B)).toContain(NOTE_B);
  });

  it("the staff ward page outside the area says why no notes are shown", async () => {
    const { loader } = await import("~/routes/staff.wards.$code");
    const outside = await ((await loader({ request: await requestAs(staff.partner, `/staff/wards/${WARD_B}`), params: { code: WARD_B }, context: {} })) as Response).json();
    expect(outside.notesShown).toBe(false);
    expect(JSON.stringify(outside)).not.toContain(NOTE_B);
    const inside = await ((await loader({ request: await requestAs(staff.partner, `/staff/wards/${WARD_A}`), params: { code: WARD_A }, context: {} })) as Response).json();
    expect(inside.notesShown).toBe(true);
    expect(JSON.stringify(inside)).toContain(NOTE_A);
  });
});

describe("setting the area", () => {
  it("only administrators set it, only on partner accounts, only to real districts; each change is audited", () => {
    expect(() => setPartnerArea(staff.editorA, staff.partner.id, [CANTERBURY])).toThrow(NotPermittedError);
    expect(() => setPartnerArea(staff.partner, staff.partner.id, [CANTERBURY])).toThrow(NotPermittedError);
    expect(setPartnerArea(staff.admin, staff.editorB.id, [CANTERBURY])).toMatchObject({ ok: false, errors: [{ field: "districts", message: "Only partner accounts have an area" }] });
    expect(setPartnerArea(staff.admin, staff.partner.id, ["E07999999"])).toMatchObject({ ok: false, errors: [{ field: "districts" }] });
    expect(areaOf(staff.partner.id).map((d) => d.code)).toEqual([MAIDSTONE]);

    expect(setPartnerArea(staff.admin, staff.partner.id, [MAIDSTONE, CANTERBURY]).ok).toBe(true);
    expect(notesOf(staff.partner, WARD_B)).toContain(NOTE_B);
    const entry = db.select().from(auditEvents).where(eq(auditEvents.action, "user.area")).all().at(-1)!;
    expect(JSON.parse(entry.before!)).toEqual({ districts: [MAIDSTONE] });
    expect(JSON.parse(entry.after!)).toEqual({ districts: [CANTERBURY, MAIDSTONE].sort() });

    // An empty area: no notes anywhere.
    expect(setPartnerArea(staff.admin, staff.partner.id, []).ok).toBe(true);
    expect(notesOf(staff.partner, WARD_A)).toEqual([]);
    expect(setPartnerArea(staff.admin, staff.partner.id, [MAIDSTONE]).ok).toBe(true);
  });

  it("through the account page's one form, with the account's other fields: both are saved, or on an error neither and both are kept", async () => {
    const fields = { name: "Pat Partner", email: "area.partner@maidstone.gov.uk", role: "partner", teamId: "", organisation: "Maidstone Borough Council", _area: "1", districts: CANTERBURY, seen: accountSeen(staff.partner.id) };
    const post = async (actor: typeof staff.admin, body: Record<string, string>) =>
      userAction({ request: await requestAs(actor, `/admin/users/${staff.partner.id}`, { method: "POST", body }), params: { id: staff.partner.id }, context: {} }).catch((e: unknown) => e);
    expect(((await post(staff.editorA, fields)) as Response).status).toBe(403);
    expect(areaOf(staff.partner.id).map((d) => d.code)).toEqual([MAIDSTONE]);

    // A mistake in another field: nothing saved, and the districts chosen come back with the error.
    const refused = (await post(staff.admin, { ...fields, name: "" })) as Response;
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ errors: [{ field: "name" }], area: [CANTERBURY] });
    expect(areaOf(staff.partner.id).map((d) => d.code)).toEqual([MAIDSTONE]);

    const response = (await post(staff.admin, { ...fields, organisation: "Maidstone BC" })) as Response;
    expect(response.headers.get("Location")).toBe(`/admin/users/${staff.partner.id}?done=user-edited`);
    expect(areaOf(staff.partner.id).map((d) => d.code)).toEqual([CANTERBURY]);
    expect(db.select().from(auditEvents).where(eq(auditEvents.action, "user.area")).all().at(-1)!.after).toContain(CANTERBURY);
    expect(((await post(staff.admin, { ...fields, organisation: "Maidstone Borough Council", districts: MAIDSTONE, seen: accountSeen(staff.partner.id) })) as Response).status).toBe(302);
    expect(areaOf(staff.partner.id).map((d) => d.code)).toEqual([MAIDSTONE]);
  });

  it("shows an administrator a change another saved since their page was loaded, and overwrites nothing", async () => {
    const post = async (body: Record<string, string>) =>
      (await userAction({ request: await requestAs(staff.admin, `/admin/users/${staff.partner.id}`, { method: "POST", body }), params: { id: staff.partner.id }, context: {} })) as Response;
    const fields = { name: "Pat Partner", email: "area.partner@maidstone.gov.uk", role: "partner", teamId: "", organisation: "Maidstone Borough Council", _area: "1" };
    // Two administrators open the page: the first adds Canterbury and saves.
    const seen = accountSeen(staff.partner.id);
    expect((await post({ ...fields, districts: CANTERBURY, seen })).status).toBe(302);
    expect(areaOf(staff.partner.id).map((d) => d.code)).toEqual([CANTERBURY]);
    // The second, from the page as it was, renames the organisation with the old area ticked: refused, shown the first's change.
    const refused = await post({ ...fields, organisation: "Maidstone BC", districts: MAIDSTONE, seen });
    expect(refused.status).toBe(409);
    const body = (await refused.json()) as { errors: { message: string }[]; values: Record<string, string>; area: string[]; seen: string };
    expect(body.errors[0]!.message).toMatch(/^This account was changed while you were on this page: Alex Admin changed it at .+\. It is now saved as: Pat Partner; area\.partner@maidstone\.gov\.uk; Partner viewer; Maidstone Borough Council; area: Canterbury\. Your changes are below and have not been saved/);
    expect(body.values.organisation).toBe("Maidstone BC");
    expect(body.area).toEqual([MAIDSTONE]);
    expect(areaOf(staff.partner.id).map((d) => d.code)).toEqual([CANTERBURY]);
    // Having seen it, their next save (from the refused page) is theirs to make.
    expect((await post({ ...fields, districts: MAIDSTONE, seen: body.seen })).status).toBe(302);
    expect(areaOf(staff.partner.id).map((d) => d.code)).toEqual([MAIDSTONE]);
    // A form that says nothing of what it showed is refused too.
    expect((await post({ ...fields, districts: MAIDSTONE })).status).toBe(409);
  });
});

describe("the partner's dashboard", () => {
  it("lists the area's wards and its latest updates, nothing from elsewhere", () => {
    const view = partnerDashboard(staff.partner, month);
    expect(view.area.map((d) => d.name)).toEqual(["Maidstone"]);
    expect(view.wards.length).toBeGreaterThan(10);
    expect(view.wards.every((w) => w.districtCode === MAIDSTONE)).toBe(true);
    expect(view.wards.map((w) => w.code)).toContain(WARD_A);
    expect(view.updates.length).toBeGreaterThan(0);
    expect(view.updates.every((u) => view.wards.some((w) => w.code === u.wardCode))).toBe(true);
    expect(view.updates.map((u) => u.wardCode)).not.toContain(WARD_B);
  });

  it("is the partner's staff home instead of the force's due list; editors keep theirs", async () => {
    const asPartner = await ((await dashboardLoader({ request: await requestAs(staff.partner, "/staff"), params: {}, context: {} })) as Response).json();
    expect(asPartner.partner.area).toEqual([{ code: MAIDSTONE, name: "Maidstone" }]);
    expect(asPartner.teams).toEqual([]);
    expect(asPartner.districts).toEqual([]);
    const asEditor = await ((await dashboardLoader({ request: await requestAs(staff.editorA, "/staff"), params: {}, context: {} })) as Response).json();
    expect(asEditor.partner).toBeNull();
    expect(asEditor.teams.map((t: { id: number }) => t.id)).toEqual([staff.teamA]);
  });

  it("is dropped when the account stops being a partner's", async () => {
    const { updateUser } = await import("~/models/user.server");
    const { createUserFromCommandLine } = await import("~/models/user.server");
    const made = await createUserFromCommandLine({ email: "area.moved@kent.gov.uk", name: "Moved Partner", role: "partner", teamId: null, organisation: "KCC", password: "correct horse battery staple", districts: [MAIDSTONE] });
    const id = made.ok ? made.value.id : "";
    expect(areaOf(id).map((d) => d.code)).toEqual([MAIDSTONE]);
    expect((await updateUser(staff.admin, id, { name: "Moved Partner", email: "area.moved@kent.gov.uk", role: "editor", teamId: staff.teamA, organisation: "" })).ok).toBe(true);
    expect(areaOf(id)).toEqual([]);
  });
});
