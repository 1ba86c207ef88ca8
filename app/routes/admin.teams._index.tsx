import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/lib/permissions.server";
import { listAllTeams } from "~/models/team.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:teams");
  return json({ teams: listAllTeams() });
}

export const meta: MetaFunction = () => [{ title: "Teams and wards – Kent Neighbourhood Policing" }];

export default function TeamsAdmin() {
  const { teams } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Teams and wards</h1>
      <p>
        <Link to="/admin/teams/new" className="button">
          Create a team
        </Link>
      </p>
      <table className="table--small">
        <thead>
          <tr>
            <th scope="col">Team</th>
            <th scope="col">District</th>
            <th scope="col">Wards</th>
          </tr>
        </thead>
        <tbody>
          {teams.map((t) => (
            <tr key={t.id}>
              <td>
                <Link to={`/admin/teams/${t.id}`}>{t.name}</Link>
              </td>
              <td>{t.districtName}</td>
              <td>{t.wardCount}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
