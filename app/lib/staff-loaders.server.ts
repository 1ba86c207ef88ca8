// Finding the record a staff page is about, then checking the person may change it.
import { canForTeam, type TeamPermission } from "./permissions";
import { forbidden, requireUser } from "./permissions.server";
import { positiveId } from "./forms";
import { findPriority, findUpdate } from "~/models/priority.server";

export function idParam(value: string | undefined): number {
  const parsed = positiveId.safeParse(value);
  if (!parsed.success) throw new Response("Not found", { status: 404 });
  return parsed.data;
}

async function requireTeam(request: Request, permission: TeamPermission, teamId: number | null, wardName: string) {
  const actor = await requireUser(request);
  if (!canForTeam(actor, permission, teamId)) {
    throw forbidden(actor.role === "editor" ? `${wardName} is not one of your team's wards, so you cannot change it.` : undefined);
  }
  return actor;
}

/** The priority and someone who may change it, or a 404 / 403 / sign-in redirect. */
export async function requirePriorityEditor(request: Request, id: string | undefined) {
  const found = findPriority(idParam(id));
  if (!found) {
    await requireUser(request);
    throw new Response("Priority not found", { status: 404 });
  }
  const actor = await requireTeam(request, "edit:priorities", found.teamId, found.wardName);
  return { actor, ...found };
}

export async function requireUpdateEditor(request: Request, id: string | undefined) {
  const found = findUpdate(idParam(id));
  if (!found) {
    await requireUser(request);
    throw new Response("Update not found", { status: 404 });
  }
  const actor = await requireTeam(request, "edit:priorities", found.teamId, found.wardName);
  return { actor, ...found };
}
