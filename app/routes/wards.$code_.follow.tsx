import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "~/components/error-summary";
import { FollowForm } from "~/components/follow-form";
import { FollowSent } from "~/components/follow-sent";
import { followAction } from "~/lib/follow-request.server";
import { wardParam } from "~/lib/permissions.server";
import { assertSameOrigin } from "~/lib/request.server";

export async function loader({ params, request }: LoaderFunctionArgs) {
  const ward = wardParam(params.code, (code) => `/wards/${code}/follow`);
  return json({ ward: { code: ward.code, name: ward.name }, sent: new URL(request.url).searchParams.get("sent") === "1" });
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const ward = wardParam(params.code);
  return followAction(request, context, { wardCodes: [ward.code], page: `/wards/${ward.code}/follow` });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Email alerts for ${data.ward.name} – Kent Neighbourhood Policing` : "Ward not found – Kent Neighbourhood Policing" }];

export default function FollowWard() {
  const { ward, sent } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData && "errors" in actionData ? actionData.errors : [];
  const values = actionData && "values" in actionData ? actionData.values : {};
  return (
    <div className="two-thirds">
      <p>
        <Link to={`/wards/${ward.code}`}>
          Back to {ward.name}
        </Link>
      </p>
      {sent ? (
        <FollowSent what={`${ward.name} ward`} />
      ) : (
        <>
          <ErrorSummary errors={errors} />
          <h1>
            <span className="caption">{ward.name}</span>Get email alerts for this ward
          </h1>
          <p>We will email you when the neighbourhood team publishes its monthly update, closes a priority, agrees new priorities at a PACT meeting, or adds, moves or cancels a surgery or meeting.</p>
          <FollowForm action={`/wards/${ward.code}/follow`} what={`${ward.name} ward`} errors={errors} values={values} />
          <p>
            <Link to="/privacy">How we use your email address</Link>
          </p>
        </>
      )}
    </div>
  );
}

export { ErrorBoundary } from "~/components/not-found-boundary";
