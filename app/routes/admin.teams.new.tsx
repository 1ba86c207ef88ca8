import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "~/components/error-summary";
import { TeamFields } from "~/components/team-fields";
import { parseForm } from "~/lib/forms";
import { permitted, requirePermission } from "~/lib/permissions.server";
import { readForm } from "~/lib/request.server";
import { teamSchema } from "~/lib/team-forms";
import { listDistricts } from "~/models/district.server";
import { createTeam } from "~/models/team.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:teams");
  return json({ districts: listDistricts() });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "manage:teams");
  const parsed = parseForm(await readForm(request), teamSchema);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  if (!listDistricts().some((d) => d.code === parsed.data.districtCode)) {
    return json({ errors: [{ field: "districtCode", message: "Choose a district from the list" }], values: parsed.values }, { status: 400 });
  }
  const result = await permitted(() => createTeam(actor, parsed.data));
  if (!result.ok) return json({ errors: result.errors, values: parsed.values }, { status: 400 });
  return redirect(`/admin/teams/${result.value.id}?done=team-created`);
}

export const meta: MetaFunction = () => [{ title: "Create a team – Kent Neighbourhood Policing" }];

export default function NewTeam() {
  const { districts } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors ?? [];
  return (
    <>
      <div className="two-thirds">
        <ErrorSummary errors={errors} />
        <Link to="/admin/teams" className="small">
          Back to teams
        </Link>
        <h1>Create a team</h1>
        <Form method="post" noValidate>
          <TeamFields values={actionData?.values ?? {}} errors={errors} districts={districts} />
          <button type="submit" className="button">
            Create team
          </button>
        </Form>
      </div>
    </>
  );
}
