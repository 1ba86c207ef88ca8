import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary } from "~/components/error-summary";
import { Radios } from "~/components/form-fields";
import { choice, errorFor, parseForm } from "~/lib/forms";
import { formatMonth } from "~/lib/format";
import { idParam, permitted, requireTeamPermission } from "~/lib/permissions.server";
import { readForm } from "~/lib/request.server";
import { HIDE_REASONS } from "~/lib/resident-say";
import { normaliseGssCode } from "~/lib/vocabulary";
import { findCommentForModeration, hideComment } from "~/models/response.server";
import { findWard } from "~/models/ward.server";
import { StaffPageHeading } from "~/components/staff-frame";

async function guard(request: Request, code: string | undefined, id: string | undefined) {
  const wardCode = normaliseGssCode(code);
  const ward = wardCode ? findWard(wardCode) : null;
  const actor = await requireTeamPermission(request, "moderate:responses", ward?.teamId ?? null);
  if (!ward) throw new Response("Ward not found", { status: 404 });
  const response = await permitted(() => findCommentForModeration(actor, ward.code, idParam(id)));
  if (!response) throw new Response("Comment not found", { status: 404 });
  return { actor, ward, response };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { ward, response } = await guard(request, params.code, params.id);
  return json({ ward, response });
}

const reasons = Object.keys(HIDE_REASONS) as [keyof typeof HIDE_REASONS, ...(keyof typeof HIDE_REASONS)[]];
const schema = z.object({ reason: choice(reasons, "Choose why the comment is being hidden") });

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, ward, response } = await guard(request, params.code, params.id);
  const parsed = parseForm(await readForm(request), schema);
  if (!parsed.ok) return json({ errors: parsed.errors }, { status: 400 });
  const result = await permitted(() => hideComment(actor, ward.code, response.id, HIDE_REASONS[parsed.data.reason]));
  if (!result.ok) return json({ errors: result.errors }, { status: 400 });
  return redirect(`/staff/wards/${ward.code}?done=comment-hidden#residents-say-title`);
}

export const meta: MetaFunction = () => [{ title: "Hide a resident's comment – Kent Neighbourhood Policing" }];

export default function HideComment() {
  const { ward, response } = useLoaderData<typeof loader>();
  const errors = useActionData<typeof action>()?.errors ?? [];
  return (
    <>
      <div className="two-thirds">
        <ErrorSummary errors={errors} />
        <StaffPageHeading back={{ to: `/staff/wards/${ward.code}`, label: <>Back to {ward.name}</> }} caption={<>{ward.name} · {formatMonth(response.month)}</>}>
          Hide this comment?
        </StaffPageHeading>
        {response.comment ? <blockquote data-testid="comment-to-hide">{response.comment}</blockquote> : <p>This comment is already hidden.</p>}
        <p>The team will no longer see it. The resident's choice of concerns still counts. Its words are kept in the audit log.</p>
        {response.comment ? (
          <Form method="post">
            {errorFor(errors, "form") ? <p className="error-message">{errorFor(errors, "form")}</p> : null}
            <Radios name="reason" legend="Why is it being hidden?" error={errorFor(errors, "reason")} options={Object.entries(HIDE_REASONS).map(([value, label]) => ({ value, label }))} />
            <div className="button-group">
              <button type="submit" className="button button--warning">
                Hide the comment
              </button>
              <Link to={`/staff/wards/${ward.code}`}>Keep it</Link>
            </div>
          </Form>
        ) : null}
      </div>
    </>
  );
}
