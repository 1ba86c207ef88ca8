import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "~/components/error-summary";
import { TextInput } from "~/components/form-fields";
import { errorFor } from "~/lib/forms";
import { MIN_PASSWORD_LENGTH, PASSWORD_LINK_HOURS } from "~/lib/account-limits";
import { assertSameOrigin, readForm } from "~/lib/request.server";
import { findPasswordLink, setPasswordFromLink } from "~/models/user.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const link = findPasswordLink(params.token ?? "");
  if (!link) return json({ valid: false as const, email: null }, { status: 404 });
  return json({ valid: true as const, email: link.email });
}

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const form = await readForm(request);
  const password = String(form.get("password") ?? "");
  const confirm = String(form.get("confirm") ?? "");
  if (password !== confirm && password.length > 0) {
    return json({ errors: [{ field: "confirm", message: "The passwords do not match. Type the same password twice" }] }, { status: 400 });
  }
  const result = await setPasswordFromLink(params.token ?? "", password);
  // A problem with the link itself is shown against the password field, where the summary can link to.
  if (!result.ok) return json({ errors: result.errors.map((e) => (e.field === "form" ? { ...e, field: "password" } : e)) }, { status: 400 });
  return redirect("/login?password-set=1");
}

export const meta: MetaFunction = () => [{ title: "Set your password – Kent Neighbourhood Policing staff" }];

export default function SetPassword() {
  const { valid, email } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors ?? [];
  if (!valid) {
    return (
      <div className="two-thirds">
        <h1>This link has expired or has already been used</h1>
        <p>Set-password links work once, for {PASSWORD_LINK_HOURS} hours. Ask a force administrator for a new one.</p>
        <p>
          <Link to="/login">Go to sign in</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="two-thirds">
      <ErrorSummary errors={errors} />
      <h1>Set your password</h1>
      <p>
        For the account <strong>{email}</strong>.
      </p>
      <Form method="post" noValidate>
        <input type="text" name="username" autoComplete="username" value={email ?? ""} readOnly hidden />
        <TextInput
          name="password"
          type="password"
          label="Create a password"
          autoComplete="new-password"
          hint={`At least ${MIN_PASSWORD_LENGTH} characters. Three random words together make a strong password that is easy to remember. Common passwords are refused.`}
          error={errorFor(errors, "password")}
        />
        <TextInput name="confirm" type="password" label="Type the password again" autoComplete="new-password" error={errorFor(errors, "confirm")} />
        <button type="submit" className="button">
          Set password
        </button>
      </Form>
    </div>
  );
}
