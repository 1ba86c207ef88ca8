// Every role against every write action, on a ward of team A and a ward of team B,
// through the real model functions and guards on an in-memory database. Each case
// runs inside a savepoint that is rolled back, so cases cannot affect each other.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { events, officers, priorities, priorityUpdates } from "../../db/schema";
import type { Db } from "~/lib/db.server";
import { ukDate } from "~/lib/dates";
import { ukMonth } from "~/lib/format";
import { NotPermittedError, type Actor } from "~/lib/permissions";
import { requireEditorOfWard, requirePermission, requireTeamPermission } from "~/lib/permissions.server";
import { cancelEvent, createEvent, editEvent } from "~/models/event.server";
import { createOfficer, editOfficer, findOfficer, moveOfficer } from "~/models/officer.server";
import { closePriority, editPriority, editUpdate, listPrioritiesForStaff, publishUpdate, recordPactMeeting } from "~/models/priority.server";
import { createTeam, editTeam, setTeamWards } from "~/models/team.server";
import { disableUser, inviteUser, issuePasswordLink, updateUser } from "~/models/user.server";
import { listWardsOfTeam } from "~/models/ward.server";
import { listAuditEvents } from "~/models/audit.server";
import { dbWithSampleData } from "./helpers/db";
import { auditCount, clearStaff, createStaff, requestAs, WARD_A, WARD_B, type Staff } from "./helpers/staff";

let db: Db;
let staff: Staff;
const NOW = new Date();
const TODAY = ukDate(NOW);

type Role = "anonymous" | "partner" | "editor of team A" | "administrator";
const ROLES: Role[] = ["anonymous", "partner", "editor of team A", "administrator"];
const actorFor = (role: Role): Actor | null =>
  ({ anonymous: null, partner: staff.partner, "editor of team A": staff.editorA, administrator: staff.admin })[role];

interface Target {
  ward: string;
  teamId: number;
  activePriority: number;
  freshPriority: number; // active, with no update yet this month
  update: number;
  event: number;
  officer: number;
  /** An account to act on: the editor who belongs to this ward's team. */
  account: string;
}
const targets: Record<"A" | "B", Target> = {} as never;

function targetFor(ward: string, teamId: number, account: string): Target {
  const active = db.select().from(priorities).where(and(eq(priorities.wardCode, ward), eq(priorities.status, "active"))).orderBy(priorities.rank).all();
  // Slot 1 gets a new priority agreed today, so a monthly update can always be published on it.
  const result = recordPactMeeting(staff.admin, ward, {
    meetingDate: TODAY,
    slots: [{ rank: 1, action: "replace", outcome: "Done.", priority: { theme: "asb", title: "Fresh priority", detail: "" } }],
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  const update = db.select().from(priorityUpdates).where(eq(priorityUpdates.priorityId, active[1]!.id)).get()!;
  const event = db.select().from(events).where(eq(events.teamId, teamId)).get()!;
  const officer = db.select().from(officers).where(eq(officers.teamId, teamId)).get()!;
  return { ward, teamId, activePriority: active[1]!.id, freshPriority: result.value.added[0]!, update: update.id, event: event.id, officer: officer.id, account };
}

const soon = () => new Date(NOW.getTime() + 7 * 86400_000);
const later = () => new Date(NOW.getTime() + 7 * 86400_000 + 3600_000);
const newPriority = { theme: "roads" as const, title: "Speeding near the school", detail: "" };
const updateInput = { actionTaken: "Patrolled.", partners: "", status: "on_track" as const, nextStep: "", internalNote: "" };

/** Each write action, done by `actor` to ward `t`. Resolves to the model's result. */
const ACTIONS: Record<string, { scope: "team" | "admin"; run: (actor: Actor | null, t: Target) => unknown }> = {
  "record a PACT meeting (replace a priority)": {
    scope: "team",
    run: (a, t) => recordPactMeeting(a, t.ward, { meetingDate: TODAY, slots: [{ rank: 2, action: "replace", outcome: "Resolved.", priority: newPriority }] }),
  },
  "correct a priority's wording": { scope: "team", run: (a, t) => editPriority(a, t.activePriority, newPriority) },
  "close a priority with its outcome": { scope: "team", run: (a, t) => closePriority(a, t.activePriority, { outcome: "Fewer reports.", closedOn: TODAY }) },
  "publish a monthly update": { scope: "team", run: (a, t) => publishUpdate(a, t.freshPriority, { ...updateInput, month: ukMonth(NOW) }) },
  "correct a monthly update": { scope: "team", run: (a, t) => editUpdate(a, t.update, { ...updateInput, actionTaken: "Corrected wording." }) },
  "add a surgery": {
    scope: "team",
    run: (a, t) => createEvent(a, t.teamId, { type: "surgery", title: "Surgery", wardCode: t.ward, venue: "Library", address: "", startsAt: soon(), endsAt: later() }),
  },
  "change a surgery": {
    scope: "team",
    run: (a, t) => editEvent(a, t.event, { type: "surgery", title: "Moved surgery", wardCode: t.ward, venue: "Hall", address: "", startsAt: soon(), endsAt: later() }),
  },
  "cancel a surgery": { scope: "team", run: (a, t) => cancelEvent(a, t.event) },
  "edit an officer's profile": {
    scope: "team",
    run: (a, t) => {
      const o = findOfficer(t.officer)!;
      return editOfficer(a, t.officer, { name: o.name, role: o.role, collarNumber: o.collarNumber, bio: "New bio", email: null, wardCodes: o.wardCodes, active: true });
    },
  },
  "invite a staff account": {
    scope: "admin",
    run: (a, t) => inviteUser(a, { name: "New Person", email: `new.${t.ward}@kent.police.uk`, role: "editor", teamId: t.teamId, organisation: "" }),
  },
  "change a staff account's role": {
    scope: "admin",
    run: (a, t) => updateUser(a, t.account, { name: "Renamed", email: `renamed.${t.ward}@kent.police.uk`, role: "partner", teamId: null, organisation: "Kent Fire and Rescue Service" }),
  },
  "disable a staff account": { scope: "admin", run: (a, t) => disableUser(a, t.account) },
  "issue a set-password link": { scope: "admin", run: (a, t) => issuePasswordLink(a, t.account) },
  "create a team": {
    scope: "admin",
    run: (a, t) => createTeam(a, { name: "New Team", slug: `new-team-${t.ward.toLowerCase()}`, districtCode: "E07000110", email: null, description: "" }),
  },
  "edit a team's details": {
    scope: "admin",
    run: (a, t) => editTeam(a, t.teamId, { name: "Renamed Team", slug: `renamed-${t.ward.toLowerCase()}`, districtCode: "E07000110", email: null, description: "" }),
  },
  "change which wards a team covers": {
    scope: "admin",
    run: (a, t) =>
      setTeamWards(
        a,
        t.teamId,
        listWardsOfTeam(t.teamId)
          .map((w) => w.code)
          .filter((c) => c !== t.ward),
      ),
  },
  "add an officer to a team": {
    scope: "admin",
    run: (a, t) => createOfficer(a, t.teamId, { name: "Sam New", role: "PCSO", collarNumber: null, bio: "", email: null, wardCodes: [t.ward], active: true }),
  },
  "move an officer to another team": {
    scope: "admin",
    run: (a, t) => moveOfficer(a, t.officer, t.teamId === staff.teamA ? staff.teamB : staff.teamA),
  },
};

function expected(role: Role, scope: "team" | "admin", ward: "A" | "B"): boolean {
  if (role === "administrator") return true;
  if (role === "editor of team A") return scope === "team" && ward === "A";
  return false;
}

/** Run inside a savepoint and roll back, returning whether the model allowed it. */
async function attempt(run: () => unknown): Promise<{ allowed: boolean; result?: unknown; auditAdded: number }> {
  const before = auditCount(db);
  db.$client.exec("SAVEPOINT matrix_case");
  try {
    const result = await run();
    return { allowed: true, result, auditAdded: auditCount(db) - before };
  } catch (e) {
    if (e instanceof NotPermittedError) return { allowed: false, auditAdded: auditCount(db) - before };
    throw e;
  } finally {
    db.$client.exec("ROLLBACK TO matrix_case; RELEASE matrix_case");
  }
}

beforeAll(async () => {
  db = dbWithSampleData();
  clearStaff(db);
  staff = await createStaff(db, "matrix");
  targets.A = targetFor(WARD_A, staff.teamA, staff.editorA.id);
  targets.B = targetFor(WARD_B, staff.teamB, staff.editorB.id);
});

describe("permission matrix: model functions", () => {
  const cases = Object.entries(ACTIONS).flatMap(([name, action]) =>
    ROLES.flatMap((role) => (["A", "B"] as const).map((ward) => ({ name, action, role, ward, allowed: expected(role, action.scope, ward) }))),
  );
  it.each(cases)("$role: $name on a ward of team $ward → allowed: $allowed", async ({ action, role, ward, allowed }) => {
    const outcome = await attempt(() => action.run(actorFor(role), targets[ward]));
    expect(outcome.allowed).toBe(allowed);
    if (allowed) {
      // Allowed means it really happened, and was logged.
      expect(outcome.result).toMatchObject({ ok: true });
      expect(outcome.auditAdded).toBeGreaterThan(0);
    } else {
      expect(outcome.auditAdded).toBe(0);
    }
  });
});

describe("permission matrix: reading staff-only information", () => {
  it.each(ROLES)("%s: staff notes and the audit log", (role) => {
    const actor = actorFor(role);
    const canSeeNotes = role !== "anonymous";
    const canSeeAudit = role === "administrator";
    expect(() => listPrioritiesForStaff(actor, WARD_A)).toSatisfy((f: () => unknown) => (canSeeNotes ? (f(), true) : throwsNotPermitted(f)));
    expect(() => listAuditEvents(actor)).toSatisfy((f: () => unknown) => (canSeeAudit ? (f(), true) : throwsNotPermitted(f)));
  });
});

function throwsNotPermitted(f: () => unknown): boolean {
  try {
    f();
    return false;
  } catch (e) {
    return e instanceof NotPermittedError;
  }
}

/** What a guard does with a request: "ok", a status, or "sign in". */
async function guardOutcome(run: () => Promise<unknown>): Promise<"ok" | "sign in" | number> {
  try {
    await run();
    return "ok";
  } catch (e) {
    if (!(e instanceof Response)) throw e;
    if (e.status === 302 && e.headers.get("Location")?.startsWith("/login?redirectTo=")) return "sign in";
    return e.status;
  }
}

describe("permission matrix: guards on real requests", () => {
  const expectations: Record<Role, { wardA: unknown; wardB: unknown; staff: unknown; audit: unknown; partnerMap: unknown }> = {
    anonymous: { wardA: "sign in", wardB: "sign in", staff: "sign in", audit: "sign in", partnerMap: "sign in" },
    partner: { wardA: 403, wardB: 403, staff: 403, audit: 403, partnerMap: "ok" },
    "editor of team A": { wardA: "ok", wardB: 403, staff: 403, audit: 403, partnerMap: "ok" },
    administrator: { wardA: "ok", wardB: "ok", staff: "ok", audit: "ok", partnerMap: "ok" },
  };
  it.each(ROLES)("%s", async (role) => {
    const actor = actorFor(role);
    const post = (path: string) => requestAs(actor, path, { method: "POST" });
    const got = {
      wardA: await guardOutcome(async () => requireEditorOfWard(await post(`/staff/wards/${WARD_A}/pact`), WARD_A)),
      wardB: await guardOutcome(async () => requireEditorOfWard(await post(`/staff/wards/${WARD_B}/pact`), WARD_B)),
      staff: await guardOutcome(async () => requirePermission(await post("/admin/users/new"), "manage:staff")),
      audit: await guardOutcome(async () => requirePermission(await requestAs(actor, "/admin/audit"), "view:audit-log")),
      partnerMap: await guardOutcome(async () => requirePermission(await requestAs(actor, "/partners/map"), "view:partner-map")),
    };
    expect(got).toEqual(expectations[role]);
    // The team guard used by the event and officer pages agrees.
    const teamB = await guardOutcome(async () => requireTeamPermission(await post("/staff/teams/x/events/new"), "edit:events", staff.teamB));
    expect(teamB).toBe(role === "administrator" ? "ok" : role === "anonymous" ? "sign in" : 403);
  });
});
