import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { AccountFields } from "~/components/account-fields";
import { ErrorSummary } from "~/components/error-summary";
import type { FieldError } from "~/lib/vocabulary";
import { NotificationBanner } from "~/components/form-fields";
import { accountSchema } from "~/lib/account-forms";
import { parseForm, type FormValues } from "~/lib/forms";
import { permitted, requirePermission } from "~/lib/permissions.server";
import { readForm } from "~/lib/request.server";
import { PASSWORD_LINK_HOURS } from "~/lib/account-limits";
import { inviteUser, listTeamsForAccounts } from "~/models/user.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:staff");
  return json({ teams: listTeamsForAccounts() });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "manage:staff");
  const parsed = parseForm(await readForm(request), accountSchema);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values, link: null, invited: null }, { status: 400 });
  const result = await permitted(() => inviteUser(actor, parsed.data));
  if (!result.ok) return json({ errors: result.errors, values: parsed.values, link: null, invited: null }, { status: 400 });
  // Emailed to them, and shown once here too, for a force whose mail is not set up yet.
  const link = `${new URL(request.url).origin}/set-password/${result.value.token}`;
  return json({ errors: [] as FieldError[], values: {} as FormValues, link, invited: { id: result.value.id, name: parsed.data.name, email: parsed.data.email } });
}

export const meta: MetaFunction = () => [{ title: "Invite someone – Kent Neighbourhood Policing" }];

export default function InviteUser() {
  const { teams } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (actionData?.link && actionData.invited) {
    return (
      <>
        <div className="two-thirds">
          <NotificationBanner>
            <p>An account has been created for {actionData.invited.name}.</p>
          </NotificationBanner>
          <h1>Give {actionData.invited.name} their set-password link</h1>
          <p>
            We have emailed this link to {actionData.invited.email}. If your force's mail is not set up, send it to them by a channel you trust, or read
            it out. It works once, for {PASSWORD_LINK_HOURS} hours. It will not be shown again: if it is lost, issue a new one from their account page.
          </p>
          <p className="one-time-link" data-testid="set-password-link">
            {actionData.link}
          </p>
          <p>
            <Link to={`/admin/users/${actionData.invited.id}`}>Go to their account</Link> or <Link to="/admin/users">back to staff accounts</Link>
          </p>
        </div>
      </>
    );
  }
  const errors = actionData?.errors ?? [];
  return (
    <>
      <div className="two-thirds">
        <ErrorSummary errors={errors} />
        <Link to="/admin/users" className="small">
          Back to staff accounts
        </Link>
        <h1>Invite someone</h1>
        <p>They get a one-time link to set their own password. Nobody else ever knows it.</p>
        <Form method="post" noValidate>
          <AccountFields values={actionData?.values ?? {}} errors={errors} teams={teams} />
          <button type="submit" className="button">
            Create account and show link
          </button>
        </Form>
      </div>
    </>
  );
}
