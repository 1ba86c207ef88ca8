// Guards for loaders and actions: each returns the signed-in person or throws a
// response (a redirect to sign in, or a 403). Every action starts with one, so
// every state-changing request has its Origin checked before anything else.
import { redirect } from "@remix-run/node";
import { findTeamIdOfWard } from "~/models/priority.server";
import { findWard } from "~/models/ward.server";
import { blankSessionCookie, checkSession } from "./auth.server";
import { canForTeam, hasPermission, NotPermittedError, type Actor, type GlobalPermission, type TeamPermission } from "./permissions";
import { assertSameOrigin } from "./request.server";
import { returnPath } from "./safe-redirect";

export function forbidden(message = "You do not have permission to do that."): Response {
  return new Response(message, { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/** The signed-in person, or a redirect to /login that brings them back here afterwards. */
export async function requireUser(request: Request): Promise<Actor> {
  assertSameOrigin(request);
  const check = await checkSession(request);
  if (check.actor) return check.actor;
  const params = new URLSearchParams({ redirectTo: returnPath(request) });
  if (check.expired) params.set("expired", "1");
  throw redirect(`/login?${params}`, check.expired ? { headers: { "Set-Cookie": blankSessionCookie() } } : undefined);
}

/** Anyone signed in, or nobody: for pages that look different to staff. Never redirects. */
export async function getOptionalUser(request: Request): Promise<Actor | null> {
  return (await checkSession(request)).actor;
}

export async function requirePermission(request: Request, permission: GlobalPermission): Promise<Actor> {
  const actor = await requireUser(request);
  if (!hasPermission(actor, permission)) throw forbidden();
  return actor;
}

export async function requireTeamPermission(request: Request, permission: TeamPermission, teamId: number | null): Promise<Actor> {
  const actor = await requireUser(request);
  if (!canForTeam(actor, permission, teamId)) {
    throw forbidden(actor.role === "editor" ? "You can only change wards, officers and events of your own team." : undefined);
  }
  return actor;
}

/** An editor of the team that polices this ward, or an administrator. 404 for a ward that does not exist. */
export async function requireEditorOfWard(request: Request, wardCode: string) {
  const actor = await requireUser(request);
  const ward = findWard(wardCode);
  if (!ward) throw new Response("Ward not found", { status: 404 });
  const teamId = findTeamIdOfWard(ward.code);
  if (!canForTeam(actor, "edit:priorities", teamId)) {
    throw forbidden(actor.role === "editor" ? `${ward.name} is not one of your team's wards, so you cannot change it.` : undefined);
  }
  return { actor, ward: { ...ward, teamId } };
}

/**
 * Run a model's write. Models check permissions again (defence in depth); a
 * refusal there, e.g. for an id changed in the form, becomes the same 403.
 */
export async function permitted<T>(write: () => T | Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (e instanceof NotPermittedError) throw forbidden(e.message);
    throw e;
  }
}
