import type { MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listDistricts } from "~/models/district.server";
import { CSU_INBOX } from "~/lib/labels";
import { EmailLink } from "~/components/email-address";

export async function loader() {
  return json({ districts: listDistricts() });
}

export const meta: MetaFunction = () => [{ title: "Districts in Kent and Medway – Kent Neighbourhood Policing" }];

export default function Districts() {
  const { districts } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Districts in Kent and Medway</h1>
      <p className="lead">Kent Police covers 13 council districts. Each has its own Community Safety Unit (CSU) and neighbourhood teams.</p>
      <table>
        <caption className="visually-hidden">Districts and their CSU inboxes</caption>
        <thead>
          <tr>
            <th scope="col">District</th>
            <th scope="col">{CSU_INBOX}</th>
          </tr>
        </thead>
        <tbody>
          {districts.map((d) => (
            <tr key={d.code}>
              <td>
                <Link to={`/districts/${d.code}`}>{d.name}</Link>
              </td>
              <td>
                <EmailLink address={d.csuEmail} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
