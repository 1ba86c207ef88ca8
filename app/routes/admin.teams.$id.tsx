import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary } from "~/components/error-summary";
import { GSS_CODE, type FieldError } from "~/lib/vocabulary";
import { Checkboxes } from "~/components/form-fields";
import { TeamFields } from "~/components/team-fields";
import { errorFor, parseForm, type FormValues } from "~/lib/forms";
import { idParam, permitted, requirePermission } from "~/lib/permissions.server";
import { readForm } from "~/lib/request.server";
import { teamSchema } from "~/lib/team-forms";
import { listDistricts } from "~/models/district.server";
import { listTeamOfficersForStaff } from "~/models/officer.server";
import { editTeam, findTeamById, setTeamWards } from "~/models/team.server";
import { listWardsInDistrict, listWardsOfTeam } from "~/models/ward.server";
import { StaffPageHeading } from "~/components/staff-frame";

const wardsSchema = z.object({ wardCodes: z.array(z.string().regex(GSS_CODE, "Choose wards from the list")).max(300) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:teams");
  const team = findTeamById(idParam(params.id));
  if (!team) throw new Response("Team not found", { status: 404 });
  const own = listWardsOfTeam(team.id);
  // The team's district, plus any ward it covers elsewhere.
  const district = listWardsInDistrict(team.districtCode);
  const wards = [...district, ...own.filter((w) => !district.some((d) => d.code === w.code))];
  return json({
    team,
    districts: listDistricts(),
    wards: wards.map((w) => ({ code: w.code, name: w.name, teamName: w.teamName })),
    covered: own.map((w) => w.code),
    officers: listTeamOfficersForStaff(team.id),
  });
}

type ActionData = { errors: FieldError[]; values: FormValues };

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "manage:teams");
  const teamId = idParam(params.id);
  const form = await readForm(request);
  const fail = (errors: FieldError[], values: FormValues) => json<ActionData>({ errors, values }, { status: 400 });
  if (form.get("_intent") === "wards") {
    const parsed = parseForm(form, wardsSchema, ["wardCodes"]);
    if (!parsed.ok) return fail(parsed.errors, parsed.values);
    const result = await permitted(() => setTeamWards(actor, teamId, parsed.data.wardCodes));
    if (!result.ok) return fail(result.errors, parsed.values);
    return redirect(`/admin/teams/${teamId}?done=team-wards`);
  }
  const parsed = parseForm(form, teamSchema);
  if (!parsed.ok) return fail(parsed.errors, parsed.values);
  if (!listDistricts().some((d) => d.code === parsed.data.districtCode)) return fail([{ field: "districtCode", message: "Choose a district from the list" }], parsed.values);
  const result = await permitted(() => editTeam(actor, teamId, parsed.data));
  if (!result.ok) return fail(result.errors, parsed.values);
  return redirect(`/admin/teams/${teamId}?done=team-edited`);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.team.name ?? "Team"} – Teams and wards – Kent Neighbourhood Policing` }];

export default function TeamAdmin() {
  const { team, districts, wards, covered, officers } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors ?? [];
  const values: FormValues =
    actionData && !("wardCodes" in actionData.values)
      ? actionData.values
      : { name: team.name, slug: team.slug, districtCode: team.districtCode, email: team.email ?? "", description: team.description };
  const chosen = actionData && Array.isArray(actionData.values.wardCodes) ? actionData.values.wardCodes : covered;
  return (
    <>
      <div className="two-thirds">
        <ErrorSummary errors={errors} />
        <StaffPageHeading back={{ to: "/admin/teams", label: "Back to teams" }} caption={team.districtName}>
          {team.name}
        </StaffPageHeading>
        <p>
          <Link to={`/staff/teams/${team.id}`}>Team's staff page</Link> · <Link to={`/teams/${team.slug}`}>Public page</Link>
        </p>

        <h2>Details</h2>
        <Form method="post" noValidate>
          <TeamFields values={values} errors={errors} districts={districts} />
          <button type="submit" className="button">
            Save details
          </button>
        </Form>

        <h2>Wards covered</h2>
        <p>Each ward has one team. Choosing a ward covered by another team moves it here, and that team's officers stop covering it.</p>
        <Form method="post" noValidate>
          <input type="hidden" name="_intent" value="wards" />
          <Checkboxes
            name="wardCodes"
            legend={`Wards in ${team.districtName}`}
            values={chosen}
            error={errorFor(errors, "wardCodes")}
            options={wards.map((w) => ({ value: w.code, label: w.name, hint: w.teamName && w.teamName !== team.name ? `Now covered by ${w.teamName}` : !w.teamName ? "Not covered by any team" : undefined }))}
          />
          <button type="submit" className="button">
            Save wards
          </button>
        </Form>

        <h2>Officers</h2>
        <p>
          <Link to={`/admin/teams/${team.id}/officers/new`} className="button button--secondary">
            Add an officer to this team
          </Link>
        </p>
        <ul className="list">
          {officers.map((o) => (
            <li key={o.id}>
              <Link to={`/staff/officers/${o.id}/edit`}>
                {o.role} {o.name}
              </Link>
              {o.active ? "" : " (not listed publicly)"}
            </li>
          ))}
        </ul>
        <p className="small">To move an officer to another team, open their profile.</p>
      </div>
    </>
  );
}
