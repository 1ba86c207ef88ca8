import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { DraftForm } from "~/components/draft-form";
import { ErrorSummary } from "~/components/error-summary";
import { OfficerFields } from "~/components/officer-fields";
import { parseForm, type FormValues } from "~/lib/forms";
import { officerSchema } from "~/lib/officer-forms";
import { idParam, permitted, requirePermission } from "~/lib/permissions.server";
import { readForm } from "~/lib/request.server";
import { createOfficer } from "~/models/officer.server";
import { findTeamById } from "~/models/team.server";
import { listWardsOfTeam } from "~/models/ward.server";
import { StaffPageHeading } from "~/components/staff-frame";

async function guard(request: Request, id: string | undefined) {
  const actor = await requirePermission(request, "manage:teams");
  const team = findTeamById(idParam(id));
  if (!team) throw new Response("Team not found", { status: 404 });
  return { actor, team };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, team } = await guard(request, params.id);
  return json({ team, wards: listWardsOfTeam(team.id).map(({ code, name }) => ({ code, name })) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, team } = await guard(request, params.id);
  const parsed = parseForm(await readForm(request), officerSchema, ["wardCodes"]);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await permitted(() => createOfficer(actor, team.id, parsed.data));
  if (!result.ok) return json({ errors: result.errors, values: parsed.values }, { status: 400 });
  return redirect(`/staff/teams/${team.id}?done=officer-created`);
}

export const meta: MetaFunction = () => [{ title: "Add an officer – Kent Neighbourhood Policing" }];

export default function NewOfficer() {
  const { team, wards } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors ?? [];
  const values: FormValues = actionData?.values ?? { active: "yes" };
  return (
    <>
      <div className="two-thirds">
        <ErrorSummary errors={errors} />
        <StaffPageHeading back={{ to: `/admin/teams/${team.id}`, label: <>Back to {team.name}</> }} caption={team.name}>
          Add an officer
        </StaffPageHeading>
        <DraftForm draftKey={`officer-new:${team.id}`} submitLabel="Add and publish">
          <OfficerFields values={values} errors={errors} wards={wards} />
        </DraftForm>
      </div>
    </>
  );
}
