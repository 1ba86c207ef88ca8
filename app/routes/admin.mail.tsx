import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { NotificationBanner } from "~/components/form-fields";
import { positiveId } from "~/lib/forms";
import { permitted, requirePermission } from "~/lib/permissions.server";
import { readForm } from "~/lib/request.server";
import { countMailByStatus, listFailedMail, MAX_ATTEMPTS, retryFailedMail } from "~/models/outbox.server";

const dateTime = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", dateStyle: "medium", timeStyle: "short" });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:mail");
  return json({ counts: countMailByStatus(), failed: listFailedMail(user) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:mail");
  const id = positiveId.safeParse((await readForm(request)).get("id"));
  if (!id.success) throw new Response("Choose a message to send again", { status: 400 });
  await permitted(() => retryFailedMail(user, id.data));
  return redirect("/admin/mail?done=retry", 303);
}

export const meta: MetaFunction = () => [{ title: "Email – Kent Neighbourhood Policing staff" }];

const KIND_LABELS: Record<string, string> = {
  confirmation: "Resident: confirm alerts",
  digest: "Resident: alerts",
  boundary: "Resident: ward boundaries changed",
  invitation: "Staff: invitation",
  password: "Staff: set-password link",
  reminder: "Staff: monthly reminder",
  admin_summary: "Staff: weekly summary",
};

export default function AdminMail() {
  const { counts, failed } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <>
      {params.get("done") === "retry" ? <NotificationBanner>The message will be sent again in the next few seconds.</NotificationBanner> : null}
      <h1>Email</h1>
      <dl className="summary-list" data-testid="mail-counts">
        {(["pending", "sending", "sent", "failed"] as const).map((s) => (
          <div key={s}>
            <dt>{{ pending: "Waiting to be sent", sending: "Being sent", sent: "Sent (last 30 days)", failed: "Could not be sent" }[s]}</dt>
            <dd>{counts[s] ?? 0}</dd>
          </div>
        ))}
      </dl>
      <h2>Messages that could not be sent</h2>
      <p>
        A message is marked failed when the mail server refuses it outright, or after {MAX_ATTEMPTS} tries over about an hour and a half. Fix the cause
        (often the mail settings, see the README), then send it again.
      </p>
      {failed.length === 0 ? (
        <p data-testid="no-failed">None.</p>
      ) : (
        <table className="table--small" data-testid="failed-mail">
            <thead>
              <tr>
                <th scope="col">Written</th>
                <th scope="col">To</th>
                <th scope="col">What</th>
                <th scope="col">Tries and last error</th>
                <th scope="col">
                  <span className="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {failed.map((m) => (
                <tr key={m.id}>
                  <td>{dateTime.format(new Date(m.createdAt))}</td>
                  <td>{m.toAddress}</td>
                  <td>
                    {KIND_LABELS[m.kind] ?? m.kind}: {m.subject}
                  </td>
                  <td>
                    {m.attempts}: {m.lastError}
                  </td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="id" value={m.id} />
                      <button type="submit" className="button button--secondary">
                        Send again<span className="visually-hidden"> to {m.toAddress}</span>
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
      )}
    </>
  );
}
