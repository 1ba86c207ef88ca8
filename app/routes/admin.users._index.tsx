import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDate } from "~/lib/format";
import { ROLE_LABELS } from "~/lib/permissions";
import { requirePermission } from "~/lib/permissions.server";
import { listUsers } from "~/models/user.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:staff");
  return json({ accounts: listUsers(user) });
}

export const meta: MetaFunction = () => [{ title: "Staff accounts – Kent Neighbourhood Policing" }];

export default function StaffAccounts() {
  const { accounts } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Staff accounts</h1>
      <p>
        <Link to="/admin/users/new" className="button">
          Invite someone
        </Link>
      </p>
      <div className="table-scroll">
        <table className="table--small" data-testid="accounts">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => (
              <tr key={a.id}>
                <td>
                  <Link to={`/admin/users/${a.id}`}>{a.name}</Link>
                  <br />
                  <span className="secondary break-anywhere">{a.email}</span>
                </td>
                <td>
                  {ROLE_LABELS[a.role]}
                  {a.teamName ? <div className="secondary">{a.teamName}</div> : null}
                  {a.organisation ? <div className="secondary">{a.organisation}</div> : null}
                </td>
                <td>
                  {a.disabledAt ? <strong className="tag tag--red">Disabled</strong> : a.hasPassword ? <strong className="tag">Active</strong> : <strong className="tag tag--yellow">Invited</strong>}
                  <div className="secondary">{a.lastSignInAt ? `Last signed in ${formatDate(new Date(a.lastSignInAt))}` : "Never signed in"}</div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
