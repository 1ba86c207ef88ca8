import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { DraftForm } from "~/components/draft-form";
import { ErrorSummary } from "~/components/error-summary";
import { Select } from "~/components/form-fields";
import { OfficerFields } from "~/components/officer-fields";
import { errorFor, parseForm, positiveId, type FormValues } from "~/lib/forms";
import { officerSchema } from "~/lib/officer-forms";
import { hasPermission } from "~/lib/permissions";
import { forbidden, idParam, permitted, requireTeamPermission } from "~/lib/permissions.server";
import { readForm } from "~/lib/request.server";
import { editOfficer, findOfficer, moveOfficer } from "~/models/officer.server";
import { listAllTeams } from "~/models/team.server";
import { listWardsOfTeam } from "~/models/ward.server";
import { StaffPageHeading } from "~/components/staff-frame";

async function guard(request: Request, id: string | undefined) {
  const officer = findOfficer(idParam(id));
  const actor = await requireTeamPermission(request, "edit:officers", officer?.teamId ?? null);
  if (!officer) throw new Response("Officer not found", { status: 404 });
  return { actor, officer };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, officer } = await guard(request, params.id);
  const canMove = hasPermission(actor, "manage:teams");
  return json({
    officer,
    wards: listWardsOfTeam(officer.teamId).map(({ code, name }) => ({ code, name })),
    teams: canMove ? listAllTeams().map((t) => ({ value: String(t.id), label: `${t.name} (${t.districtName})` })) : null,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, officer } = await guard(request, params.id);
  const form = await readForm(request);
  if (form.get("_intent") === "move") {
    if (!hasPermission(actor, "manage:teams")) throw forbidden();
    const teamId = positiveId.safeParse(form.get("teamId"));
    if (!teamId.success) return json({ errors: [{ field: "teamId", message: "Choose a team from the list" }], values: {} as FormValues }, { status: 400 });
    const moved = await permitted(() => moveOfficer(actor, officer.id, teamId.data));
    if (!moved.ok) return json({ errors: moved.errors, values: {} as FormValues }, { status: 400 });
    return redirect(`/staff/teams/${teamId.data}?done=officer-moved`);
  }
  const parsed = parseForm(form, officerSchema, ["wardCodes"]);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await permitted(() => editOfficer(actor, officer.id, parsed.data));
  if (!result.ok) return json({ errors: result.errors, values: parsed.values }, { status: 400 });
  return redirect(`/staff/teams/${officer.teamId}?done=officer-edited`);
}

export const meta: MetaFunction = () => [{ title: "Edit an officer – Kent Neighbourhood Policing" }];

export default function EditOfficer() {
  const { officer, wards, teams } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors ?? [];
  const values: FormValues = actionData?.values ?? {
    name: officer.name,
    role: officer.role,
    collarNumber: officer.collarNumber ?? "",
    email: officer.email ?? "",
    bio: officer.bio,
    wardCodes: officer.wardCodes,
    active: officer.active ? "yes" : "no",
  };
  return (
    <>
      <div className="two-thirds">
        <ErrorSummary errors={errors} />
        <StaffPageHeading back={{ to: `/staff/teams/${officer.teamId}`, label: "Back to the team" }} caption="Officer profile">
          {officer.role} {officer.name}
        </StaffPageHeading>
        <DraftForm draftKey={`officer:${officer.id}`} submitLabel="Save and publish">
          <OfficerFields values={values} errors={errors} wards={wards} />
        </DraftForm>
        {teams ? (
          <>
            <h2>Move to another team</h2>
            <p>They stop covering this team's wards. Choose their wards on the new team's page.</p>
            <Form method="post" noValidate>
              <input type="hidden" name="_intent" value="move" />
              <Select name="teamId" label="New team" options={teams} value={String(officer.teamId)} error={errorFor(errors, "teamId")} />
              <button type="submit" className="button button--secondary">
                Move officer
              </button>
            </Form>
          </>
        ) : null}
      </div>
    </>
  );
}
