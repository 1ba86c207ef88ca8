import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "~/components/error-summary";
import { ResponseForm, ResponseIntro } from "~/components/ward-voices";
import { emailAddress } from "~/lib/email-address";
import { typedEmail } from "~/lib/follow-forms";
import { parseForm, type FormValues } from "~/lib/forms";
import { CONFIRMATION_DAYS } from "~/lib/mail-limits";
import { nudgeMailSender } from "~/lib/mail-sender.server";
import { wardParam } from "~/lib/permissions.server";
import { assertSameOrigin, clientIp, readForm } from "~/lib/request.server";
import { responseSchema } from "~/lib/resident-say";
import { requestResponse } from "~/models/response-confirmation.server";

export async function loader({ params, request }: LoaderFunctionArgs) {
  const ward = wardParam(params.code, (code) => `/wards/${code}/say`);
  return json({ ward: { code: ward.code, name: ward.name }, sent: new URL(request.url).searchParams.get("sent") === "1" });
}

const form = responseSchema.extend({ email: emailAddress });

export async function action({ params, request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const ward = wardParam(params.code);
  const body = await readForm(request);
  const parsed = parseForm(body, form, ["themes"]);
  // What was typed goes back into the form (React escapes it); the address no longer than an address could be.
  const values: FormValues = { ...parsed.values, email: typedEmail(body.get("email")) };
  if (!parsed.ok) return json({ errors: parsed.errors, values }, { status: 400 });
  const outcome = requestResponse({ ...parsed.data, wardCode: ward.code, originIp: clientIp(context) });
  if (outcome === "too-many-from-origin") {
    return json({ errors: [{ field: "email", message: "Too many responses have come from your internet connection today. Try again tomorrow" }], values }, { status: 429 });
  }
  nudgeMailSender();
  // "sent" and "suppressed" look the same, so the page tells nobody whether an address is in use.
  return redirect(`/wards/${ward.code}/say?sent=1`, 303);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `What should your team focus on in ${data.ward.name}? – Kent Neighbourhood Policing` : "Ward not found – Kent Neighbourhood Policing" },
];

export default function HaveYourSay() {
  const { ward, sent } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors ?? [];
  return (
    <div className="two-thirds">
      <p>
        <Link to={`/wards/${ward.code}`}>Back to {ward.name}</Link>
      </p>
      {sent ? (
        <div role="status" data-testid="response-sent">
          <h1>Check your email</h1>
          <p>
            We have sent an email about your response for {ward.name} ward. If you follow this ward by email, your response has already been counted.
            Otherwise, click the link in the email within {CONFIRMATION_DAYS} days to confirm it: it is counted only then.
          </p>
          <p>If nothing arrives within a few minutes, check your spam folder, or make sure you typed your address correctly and try again.</p>
          <p>
            <Link to={`/wards/${ward.code}#told-us-title`}>See what {ward.name} has told the team</Link>
          </p>
        </div>
      ) : (
        <>
          <ErrorSummary errors={errors} />
          <h1>
            <span className="caption">{ward.name}</span>
            What should your team focus on?
          </h1>
          <ResponseIntro />
          <ResponseForm wardCode={ward.code} errors={errors} values={actionData?.values ?? {}} />
        </>
      )}
    </div>
  );
}

export { ErrorBoundary } from "~/components/not-found-boundary";
