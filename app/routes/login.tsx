import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect } from "react";
import { z } from "zod";
import { ErrorSummary } from "~/components/error-summary";
import { TextInput } from "~/components/form-fields";
import { endSession, getActor, hasSessionCookie, MAX_SESSIONS_PER_ACCOUNT, signIn } from "~/lib/auth.server";
import { email, errorFor, parseForm, text } from "~/lib/forms";
import { MAX_PASSWORD_LENGTH } from "~/lib/account-limits";
import { assertSameOrigin, clientIp, readForm } from "~/lib/request.server";
import { safeRedirect } from "~/lib/safe-redirect";

const schema = z.object({
  email: email("Enter your email address"),
  password: z.preprocess((v) => (typeof v === "string" ? v : ""), z.string().min(1, "Enter your password").max(MAX_PASSWORD_LENGTH, "Enter a correct email address and password")),
  redirectTo: text({ label: "Return address", max: 2000 }),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const redirectTo = safeRedirect(url.searchParams.get("redirectTo"));
  if (hasSessionCookie(request) && (await getActor(request))) throw redirect(redirectTo);
  return json({ redirectTo, expired: url.searchParams.has("expired"), sessionLimit: MAX_SESSIONS_PER_ACCOUNT, passwordSet: url.searchParams.has("password-set"), signedOut: url.searchParams.get("signed-out") });
}

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const form = await readForm(request);
  const parsed = parseForm(form, schema);
  const values = { email: String(parsed.values.email ?? "").slice(0, 254) };
  if (!parsed.ok) return json({ errors: parsed.errors, values }, { status: 400 });
  const result = await signIn({ email: parsed.data.email, password: parsed.data.password, ip: clientIp(context), cookieHeader: request.headers.get("cookie"), userAgent: request.headers.get("user-agent") });
  if (!result.ok) {
    if (result.reason === "throttled") {
      const minutes = Math.max(1, Math.ceil(result.retryAfterMs / 60000));
      const message = `You have tried to sign in too many times. Wait ${minutes === 1 ? "1 minute" : `${minutes} minutes`}, then try again, or sign in on a device you have signed in on before`;
      return json({ errors: [{ field: "email", message }], values }, { status: 429, headers: { "Retry-After": String(Math.ceil(result.retryAfterMs / 1000)) } });
    }
    const message = {
      invalid: "Enter a correct email address and password",
      disabled: "Your account has been disabled. Ask a force administrator if you need it back",
    }[result.reason];
    const status = { invalid: 401, disabled: 403 }[result.reason];
    return json({ errors: [{ field: "email", message }], values }, { status });
  }
  const headers = new Headers();
  // Remembers this browser for this account, so guessing elsewhere cannot lock its owner out.
  headers.append("Set-Cookie", result.deviceCookie);
  // Whatever session the browser brought is ended; signing in always starts a new one.
  if (hasSessionCookie(request)) await endSession(request);
  headers.append("Set-Cookie", result.cookie);
  return redirect(safeRedirect(parsed.data.redirectTo), { headers });
}

export const meta: MetaFunction<typeof action> = ({ data }) => [
  { title: `${data && "errors" in data ? "Error: " : ""}Sign in – Kent Neighbourhood Policing staff` },
];

export default function Login() {
  const { redirectTo, expired, sessionLimit, passwordSet, signedOut } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors = actionData?.errors ?? [];
  // A refused password is never shown back, including after a submission made without a page load.
  useEffect(() => {
    const field = document.getElementById("password");
    if (actionData && field instanceof HTMLInputElement) field.value = "";
  }, [actionData]);
  return (
    <div className="two-thirds">
      <ErrorSummary errors={errors} />
      {expired && errors.length === 0 ? (
        <div className="notice notice--important" data-testid="session-expired">
          <p>You have been signed out. This happens:</p>
          <ul className="list">
            <li>after 30 minutes without doing anything</li>
            <li>12 hours after you signed in</li>
            <li>when this browser is signed out from another one</li>
            <li>when you sign in on more than {sessionLimit} browsers: the one signed in longest ago is signed out</li>
          </ul>
          <p>Sign in again to carry on.</p>
        </div>
      ) : null}
      {passwordSet && errors.length === 0 ? (
        <div className="notice notice--important">
          <p>Your password has been set. Sign in with it now.</p>
        </div>
      ) : null}
      {signedOut && errors.length === 0 ? (
        <div className="notice notice--important" data-testid="signed-out-everywhere">
          <p>{signedOut === "everywhere" ? "You have been signed out on every browser, including this one." : "You have been signed out on this browser."}</p>
        </div>
      ) : null}
      <h1>Sign in</h1>
      <p>For neighbourhood policing staff and partner organisations. Residents do not need an account.</p>
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextInput name="email" label="Email address" type="email" autoComplete="username" spellCheck={false} value={actionData?.values.email} error={errorFor(errors, "email")} />
        <TextInput name="password" label="Password" type="password" autoComplete="current-password" error={errorFor(errors, "password")} />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          Sign in
        </button>
      </Form>
      <h2>Problems signing in</h2>
      <p>If you have forgotten your password, ask a force administrator for a new set-password link.</p>
    </div>
  );
}
