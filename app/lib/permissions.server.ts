// The one guard family for loaders and actions: each returns the signed-in person
// (and the record the page is about) or throws a response: a redirect to sign in,
// a 404, or a 403 with the one refusal message. Every action starts with one, so
// every state-changing request has its Origin checked before anything else.
import { redirect } from "@remix-run/node";
import { findPriority, findUpdate } from "~/models/priority.server";
import { recordRefusal } from "~/models/audit.server";
import { findWard } from "~/models/ward.server";
import { blankSessionCookie, checkSession } from "./auth.server";
import { positiveId } from "./forms";
import { canForTeam, hasPermission, NotPermittedError, refusalMessage, REFUSED, type Actor, type GlobalPermission, type TeamPermission } from "./permissions";
import { assertSameOrigin } from "./request.server";
import { returnPath } from "./safe-redirect";
import { normaliseGssCode } from "./vocabulary";

export function forbidden(message = REFUSED): Response {
  return new Response(message, { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

const notFound = (what: string) => new Response(`${what} not found`, { status: 404 });

/** A numeric id from the URL, or a 404. */
export function idParam(value: string | undefined): number {
  const parsed = positiveId.safeParse(value);
  if (!parsed.success) throw notFound("Page");
  return parsed.data;
}

/**
 * The ward a public page is about, or a 404. Given `canonical`, a code written in
 * another case is sent there permanently (pages, not form posts, which would lose their body).
 */
export function wardParam(value: string | undefined, canonical?: (code: string) => string) {
  const code = normaliseGssCode(value);
  if (canonical && code && code !== value) throw redirect(canonical(code), 301);
  const ward = code ? findWard(code) : null;
  if (!ward) throw notFound("Ward");
  return ward;
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

/** The 403, written to the audit log first: who tried what. */
function refuse(actor: Actor, request: Request, message: string, teamId: number | null = null): Response {
  recordRefusal(actor, new URL(request.url).pathname, request.method, teamId);
  return forbidden(message);
}

export async function requirePermission(request: Request, permission: GlobalPermission): Promise<Actor> {
  const actor = await requireUser(request);
  if (!hasPermission(actor, permission)) throw refuse(actor, request, REFUSED);
  return actor;
}

/** Someone who may do a team-scoped thing for this team; `subject` names what is refused, e.g. a ward. */
export async function requireTeamPermission(request: Request, permission: TeamPermission, teamId: number | null, subject?: string): Promise<Actor> {
  const actor = await requireUser(request);
  if (!canForTeam(actor, permission, teamId)) throw refuse(actor, request, refusalMessage(actor, subject), teamId);
  return actor;
}

/** An editor of the team that polices this ward, or an administrator. 404 for a ward that does not exist. */
export async function requireEditorOfWard(request: Request, code: string | undefined) {
  const wardCode = normaliseGssCode(code);
  const ward = wardCode ? findWard(wardCode) : null;
  if (!ward) {
    await requireUser(request);
    throw notFound("Ward");
  }
  const actor = await requireTeamPermission(request, "edit:priorities", ward.teamId, ward.name);
  return { actor, ward };
}

/** The priority and someone who may change it, or a 404 / 403 / sign-in redirect. */
export async function requirePriorityEditor(request: Request, id: string | undefined) {
  const found = findPriority(idParam(id));
  if (!found) {
    await requireUser(request);
    throw notFound("Priority");
  }
  const actor = await requireTeamPermission(request, "edit:priorities", found.teamId, found.wardName);
  return { actor, ...found };
}

export async function requireUpdateEditor(request: Request, id: string | undefined) {
  const found = findUpdate(idParam(id));
  if (!found) {
    await requireUser(request);
    throw notFound("Update");
  }
  const actor = await requireTeamPermission(request, "edit:priorities", found.teamId, found.wardName);
  return { actor, ...found };
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
