import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { AccountFields } from "~/components/account-fields";
import { ErrorSummary } from "~/components/error-summary";
import type { FieldError } from "~/lib/vocabulary";
import { accountSchema } from "~/lib/account-forms";
import { parseForm, type FormValues } from "~/lib/forms";
import { formatDate } from "~/lib/format";
import { permitted, requirePermission } from "~/lib/permissions.server";
import { readForm } from "~/lib/request.server";
import { useUser } from "~/lib/user";
import { PASSWORD_LINK_HOURS } from "~/lib/account-limits";
import { Checkboxes } from "~/components/form-fields";
import { areaOf, listDistrictChoices, setPartnerArea } from "~/models/partner-area.server";
import { accountChangedSince, accountSeen, disableUser, enableUser, findUser, issuePasswordLink, listTeamsForAccounts, updateUser } from "~/models/user.server";
import { StaffPageHeading } from "~/components/staff-frame";

function accountId(id: string | undefined): string {
  if (!id || !/^[0-9a-f-]{36}$/.test(id)) throw new Response("Account not found", { status: 404 });
  return id;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:staff");
  const account = findUser(user, accountId(params.id));
  if (!account) throw new Response("Account not found", { status: 404 });
  return json({ account, seen: accountSeen(account.id), teams: listTeamsForAccounts(), area: areaOf(account.id).map((d) => d.code), districts: listDistrictChoices() });
}

type ActionData = { errors: FieldError[]; values: FormValues; area?: string[]; seen?: string; link: string | null };

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "manage:staff");
  const id = accountId(params.id);
  const form = await readForm(request);
  const intent = form.get("_intent");
  const fail = (errors: FieldError[], values: FormValues = {}) => json<ActionData>({ errors, values, link: null }, { status: 400 });
  if (intent === "disable") {
    const result = await permitted(() => disableUser(actor, id));
    return result.ok ? redirect(`/admin/users/${id}?done=user-disabled`) : fail(result.errors.map((e) => ({ ...e, field: "disable" })));
  }
  if (intent === "enable") {
    await permitted(() => enableUser(actor, id));
    return redirect(`/admin/users/${id}?done=user-enabled`);
  }
  if (intent === "link") {
    const result = await permitted(() => issuePasswordLink(actor, id));
    if (!result.ok) return fail(result.errors.map((e) => ({ ...e, field: "link" })));
    return json<ActionData>({ errors: [], values: {}, link: `${new URL(request.url).origin}/set-password/${result.value.token}` });
  }
  // A partner's area is part of the same form, so neither half's changes are lost to the other's button.
  const area = form.has("_area") ? form.getAll("districts").map(String) : null;
  // What the page showed is carried on through a refusal, so a change saved meanwhile is still caught.
  const seen = String(form.get("seen") ?? "");
  const failWith = (errors: FieldError[], values: FormValues, status = 400, now = seen) => json<ActionData>({ errors, values, area: area ?? undefined, seen: now, link: null }, { status });
  const parsed = parseForm(form, accountSchema);
  if (!parsed.ok) return failWith(parsed.errors, parsed.values);
  // Two administrators on one account: the second to save is shown the first's change, never overwrites it unseen.
  const conflict = await permitted(() => accountChangedSince(id, seen));
  // Shown what is saved now, the administrator's next save is theirs to make.
  if (conflict) return failWith([conflict.error], parsed.values, 409, conflict.seen);
  const result = await permitted(() => updateUser(actor, id, parsed.data));
  if (!result.ok) return failWith(result.errors, parsed.values);
  if (area && parsed.data.role === "partner") {
    const saved = await permitted(() => setPartnerArea(actor, id, area));
    if (!saved.ok) return failWith(saved.errors, parsed.values);
  }
  return redirect(`/admin/users/${id}?done=user-edited`);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.account.name ?? "Account"} – Staff accounts – Kent Neighbourhood Policing` }];

export default function AccountPage() {
  const { account, seen, teams, area, districts } = useLoaderData<typeof loader>();
  const user = useUser();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors ?? [];
  const values: FormValues =
    actionData && Object.keys(actionData.values).length > 0
      ? actionData.values
      : { name: account.name, email: account.email, role: account.role, teamId: account.teamId ? String(account.teamId) : "", organisation: account.organisation };
  const self = account.id === user.id;
  return (
    <>
      <div className="two-thirds">
        <ErrorSummary errors={errors} />
        <StaffPageHeading back={{ to: "/admin/users", label: "Back to staff accounts" }} caption={account.disabledAt ? "Disabled account" : account.hasPassword ? "Active account" : "Invited, no password set yet"}>
          {account.name}
        </StaffPageHeading>
        <p className="secondary">
          Created on {formatDate(new Date(account.createdAt))}. {account.lastSignInAt ? `Last signed in on ${formatDate(new Date(account.lastSignInAt))}.` : "Has never signed in."}
        </p>
        {actionData?.link ? (
          <div className="notice notice--important">
            <h2>New set-password link</h2>
            <p>We have emailed it to {account.email}. It works once, for {PASSWORD_LINK_HOURS} hours, and will not be shown again.</p>
            <p className="one-time-link" data-testid="set-password-link">
              {actionData.link}
            </p>
          </div>
        ) : null}
        <Form method="post" noValidate>
          <input type="hidden" name="seen" value={actionData?.seen ?? seen} />
          <AccountFields values={values} errors={errors} teams={teams} />
          {account.role === "partner" ? (
            <>
              <h2 id="area" tabIndex={-1}>
                Area
              </h2>
              <p>
                The districts {account.organisation || "their organisation"} works in. Their dashboard lists these districts' wards and latest updates, and they read
                staff-only notes only in these wards. With no district chosen they read no staff-only notes.
              </p>
              <input type="hidden" name="_area" value="1" />
              <Checkboxes
                name="districts"
                legend="Districts in their area"
                hint="Select all that apply"
                error={errors.find((e) => e.field === "districts")?.message}
                values={actionData?.area ?? area}
                options={districts.map((d) => ({ value: d.code, label: d.name }))}
              />
            </>
          ) : null}
          <p className="hint">Changing someone's role or team signs them out, so their new permissions apply straight away.</p>
          <button type="submit" className="button">
            Save changes
          </button>
        </Form>

        <h2>Password</h2>
        <p>Passwords are never shown or sent. If they have forgotten theirs, give them a new set-password link.</p>
        <Form method="post">
          <input type="hidden" name="_intent" value="link" />
          <button type="submit" id="link" className="button button--secondary" disabled={!!account.disabledAt}>
            Create a new set-password link
          </button>
        </Form>

        <h2>Access</h2>
        {account.disabledAt ? (
          <Form method="post">
            <p>Disabled on {formatDate(new Date(account.disabledAt))}.</p>
            <input type="hidden" name="_intent" value="enable" />
            <button type="submit" className="button button--secondary">
              Enable account
            </button>
          </Form>
        ) : self ? (
          <p>You cannot disable your own account.</p>
        ) : (
          <Form method="post">
            <p>Disabling signs them out everywhere at once. Their account and everything they published are kept.</p>
            <input type="hidden" name="_intent" value="disable" />
            <button type="submit" id="disable" className="button button--warning">
              Disable account
            </button>
          </Form>
        )}
      </div>
    </>
  );
}
