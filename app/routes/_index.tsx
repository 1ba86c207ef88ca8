import type { MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ContactPolice } from "~/components/contact-police";
import { PostcodeForm, UseMyLocation, WardNameForm } from "~/components/search-forms";
import { listDistricts } from "~/models/district.server";

export async function loader() {
  return json({ districts: listDistricts() });
}

export const meta: MetaFunction = () => [
  { title: "Find your neighbourhood policing team – Kent Neighbourhood Policing" },
  { name: "description", content: "Find your local Kent Police officers, their PACT priorities and when you can meet them, by postcode." },
];

export default function Index() {
  const { districts } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="two-thirds">
        <h1>Find your neighbourhood policing team</h1>
        <p className="lead">See who polices your area in Kent and Medway, what they are working on and when you can meet them.</p>
        <PostcodeForm />
        <UseMyLocation />
        <WardNameForm />
      </div>
      <h2>Browse by district</h2>
      <ul className="list list--plain list--columns">
        {districts.map((d) => (
          <li key={d.code}>
            <Link to={`/districts/${d.code}`}>{d.name}</Link>
          </li>
        ))}
      </ul>
      <ContactPolice />
    </>
  );
}
