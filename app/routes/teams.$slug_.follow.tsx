import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "~/components/error-summary";
import { FollowForm } from "~/components/follow-form";
import { FollowSent } from "~/components/follow-sent";
import { followAction } from "~/lib/follow-request.server";
import { assertSameOrigin } from "~/lib/request.server";
import { isSlug } from "~/lib/vocabulary";
import { wardCodesOfTeam } from "~/models/follow.server";
import { findTeamBySlug } from "~/models/team.server";

function teamFromParams(slug: string | undefined) {
  const team = isSlug(slug) ? findTeamBySlug(slug) : null;
  if (!team) throw new Response("Team not found", { status: 404 });
  return team;
}

export async function loader({ params, request }: LoaderFunctionArgs) {
  const team = teamFromParams(params.slug);
  return json({ team: { slug: team.slug, name: team.name }, wardCount: wardCodesOfTeam(team.id).length, sent: new URL(request.url).searchParams.get("sent") === "1" });
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const team = teamFromParams(params.slug);
  const wardCodes = wardCodesOfTeam(team.id);
  if (wardCodes.length === 0) throw new Response("This team covers no wards at the moment", { status: 404 });
  return followAction(request, context, { wardCodes, teamName: team.name, page: `/teams/${team.slug}/follow` });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Email alerts for ${data.team.name} – Kent Neighbourhood Policing` : "Team not found – Kent Neighbourhood Policing" }];

export default function FollowTeam() {
  const { team, wardCount, sent } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData && "errors" in actionData ? actionData.errors : [];
  const values = actionData && "values" in actionData ? actionData.values : {};
  const what = `every ward of ${team.name}`;
  return (
    <div className="two-thirds">
      <p>
        <Link to={`/teams/${team.slug}`}>Back to {team.name}</Link>
      </p>
      {sent ? (
        <FollowSent what={what} />
      ) : (
        <>
          <ErrorSummary errors={errors} />
          <h1>
            <span className="caption">{team.name}</span>Get email alerts for every ward of this team
          </h1>
          <p>
            One email covers all {wardCount} wards: monthly updates, closed and new priorities, and surgeries and meetings added, moved or cancelled.
          </p>
          <FollowForm action={`/teams/${team.slug}/follow`} what={what} errors={errors} values={values} />
          <p>
            <Link to="/privacy">How we use your email address</Link>
          </p>
        </>
      )}
    </div>
  );
}

export { ErrorBoundary } from "~/components/not-found-boundary";
