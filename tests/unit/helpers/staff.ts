// Staff accounts for tests: an administrator, an editor of team A, an editor of
// team B and a partner viewer, created the way the command line creates them.
import { eq, inArray } from "drizzle-orm";
import { auditEvents, loginAttempts, passwordTokens, priorityUpdateVersions, sessions, updateDrafts, userDistricts, users } from "../../../db/schema";
import { createUserSession } from "~/lib/auth.server";
import type { Db } from "~/lib/db.server";
import type { Actor } from "~/lib/permissions";
import { findTeamIdOfWard } from "~/models/ward.server";
import { createUserFromCommandLine } from "~/models/user.server";

/** Park Wood & Mangravet (Maidstone) is team A's; Wincheap (Canterbury) is team B's. */
export const WARD_A = "E05015608";
export const WARD_B = "E05010411";
/** The partner's area: the Maidstone district, which holds ward A and not ward B. */
export const MAIDSTONE = "E07000110";
export const PASSWORD = "correct horse battery staple";

export interface Staff {
  admin: Actor;
  editorA: Actor;
  editorB: Actor;
  partner: Actor;
  teamA: number;
  teamB: number;
}

/** Remove every account (and what hangs off it), so each test file starts from none. */
export function clearStaff(db: Db) {
  db.delete(sessions).run();
  db.delete(passwordTokens).run();
  db.delete(loginAttempts).run();
  db.delete(priorityUpdateVersions).run();
  db.delete(updateDrafts).run();
  db.delete(auditEvents).run();
  db.delete(userDistricts).run();
  db.delete(users).run();
}

async function create(db: Db, email: string, name: string, role: Actor["role"], teamId: number | null, organisation = "", districts: string[] = []): Promise<Actor> {
  const result = await createUserFromCommandLine({ email, name, role, teamId, organisation, password: PASSWORD, districts });
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join("; "));
  const row = db.select().from(users).where(eq(users.id, result.value.id)).get()!;
  return { id: row.id, email: row.email, name: row.name, role: row.role, teamId: row.teamId, organisation: row.organisation };
}

export async function createStaff(db: Db, prefix = "t"): Promise<Staff> {
  const teamA = findTeamIdOfWard(WARD_A)!;
  const teamB = findTeamIdOfWard(WARD_B)!;
  if (teamA === teamB) throw new Error("test wards must belong to different teams");
  return {
    teamA,
    teamB,
    admin: await create(db, `${prefix}.admin@kent.police.uk`, "Alex Admin", "admin", null),
    editorA: await create(db, `${prefix}.editor.a@kent.police.uk`, "Erin Editor", "editor", teamA),
    editorB: await create(db, `${prefix}.editor.b@kent.police.uk`, "Bo Other", "editor", teamB),
    partner: await create(db, `${prefix}.partner@maidstone.gov.uk`, "Pat Partner", "partner", null, "Maidstone Borough Council", [MAIDSTONE]),
  };
}

/** A request from this site's own page, carrying the actor's session cookie. */
export async function requestAs(actor: Actor | null, path: string, init: { method?: string; body?: Record<string, string>; origin?: string | null; now?: Date } = {}): Promise<Request> {
  const headers = new Headers();
  if (actor) {
    const setCookie = await createUserSession(actor.id, { now: init.now });
    headers.set("Cookie", setCookie.split(";")[0]!);
  }
  const method = init.method ?? "GET";
  if (method !== "GET" && init.origin !== null) headers.set("Origin", init.origin ?? "http://localhost");
  let body: string | undefined;
  if (init.body) {
    headers.set("Content-Type", "application/x-www-form-urlencoded");
    body = new URLSearchParams(init.body).toString();
  }
  return new Request(`http://localhost${path}`, { method, headers, body });
}

export function auditCount(db: Db): number {
  return db.select({ id: auditEvents.id }).from(auditEvents).all().length;
}

export function sessionCount(db: Db, userIds: string[]): number {
  return db.select({ id: sessions.id }).from(sessions).where(inArray(sessions.userId, userIds)).all().length;
}
