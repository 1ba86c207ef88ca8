// Who may do what, in one place, shared by the server (guards and models) and the
// UI (which links and buttons to show). The UI only hides what the server refuses.
import type { USER_ROLES } from "./vocabulary";

export type Role = (typeof USER_ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Force administrator",
  editor: "Team editor",
  partner: "Partner viewer",
};

/**
 * Each permission and the roles that hold it. Team-scoped permissions let an
 * editor act only on their own team's wards, officers and events; an
 * administrator holds them everywhere.
 */
const PERMISSIONS = {
  "view:staff-area": { roles: ["admin", "editor", "partner"], scoped: false },
  "view:staff-notes": { roles: ["admin", "editor", "partner"], scoped: false },
  "view:partner-map": { roles: ["admin", "editor", "partner"], scoped: false },
  "edit:priorities": { roles: ["admin", "editor"], scoped: true },
  "edit:events": { roles: ["admin", "editor"], scoped: true },
  "edit:officers": { roles: ["admin", "editor"], scoped: true },
  // Residents' places and comments are read by the ward's own team, not by partners.
  "moderate:responses": { roles: ["admin", "editor"], scoped: true },
  "manage:staff": { roles: ["admin"], scoped: false },
  "manage:teams": { roles: ["admin"], scoped: false },
  "view:audit-log": { roles: ["admin"], scoped: false },
  "manage:mail": { roles: ["admin"], scoped: false },
} as const satisfies Record<string, { roles: readonly Role[]; scoped: boolean }>;

export type Permission = keyof typeof PERMISSIONS;
export type TeamPermission = { [P in Permission]: (typeof PERMISSIONS)[P]["scoped"] extends true ? P : never }[Permission];
export type GlobalPermission = Exclude<Permission, TeamPermission>;

/** The signed-in person as the rest of the app sees them. */
export interface Actor {
  id: string;
  email: string;
  name: string;
  role: Role;
  teamId: number | null;
  organisation: string;
}

export function hasPermission(actor: Pick<Actor, "role"> | null | undefined, permission: Permission): boolean {
  return !!actor && (PERMISSIONS[permission].roles as readonly Role[]).includes(actor.role);
}

/** May this person do a team-scoped thing for the team that owns the ward, officer or event? */
export function canForTeam(actor: Pick<Actor, "role" | "teamId"> | null | undefined, permission: TeamPermission, teamId: number | null): boolean {
  if (!actor || !hasPermission(actor, permission)) return false;
  if (actor.role === "admin") return true;
  return teamId !== null && actor.teamId === teamId;
}

export const REFUSED = "You do not have permission to do that.";

/**
 * The one refusal message. An editor acting outside their team is told why, naming the
 * ward when it is known.
 */
export function refusalMessage(actor: Pick<Actor, "role"> | null | undefined, subject?: string): string {
  if (actor?.role !== "editor") return REFUSED;
  return subject ? `${subject} is not one of your team's wards, so you cannot change it.` : "You can only change wards, officers and events of your own team.";
}

/** Thrown by a model when the acting user may not make a change; routes turn it into a 403. */
export class NotPermittedError extends Error {
  constructor(message = REFUSED) {
    super(message);
    this.name = "NotPermittedError";
  }
}

export function assertPermission(actor: Actor | null, permission: GlobalPermission): asserts actor is Actor {
  if (!hasPermission(actor, permission)) throw new NotPermittedError();
}

export function assertTeamPermission(actor: Actor | null, permission: TeamPermission, teamId: number | null): asserts actor is Actor {
  if (!canForTeam(actor, permission, teamId)) {
    throw new NotPermittedError(refusalMessage(actor));
  }
}
