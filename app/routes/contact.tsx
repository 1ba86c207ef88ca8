import type { MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listDistricts } from "~/models/district.server";
import { CSU_INBOX } from "~/lib/labels";

export async function loader() {
  return json({ districts: listDistricts() });
}

export const meta: MetaFunction = () => [{ title: "Contact the police – Kent Neighbourhood Policing" }];

export default function Contact() {
  const { districts } = useLoaderData<typeof loader>();
  return (
    <div className="two-thirds">
      <h1>Contact the police</h1>
      <section className="panel-emergency" aria-labelledby="emergency">
        <h2 id="emergency">In an emergency, call 999</h2>
        <p>Call 999 if a crime is happening now, someone is injured or being threatened, or a suspect is nearby.</p>
        <p>
          If you are deaf, hard of hearing or speech-impaired and have registered with emergencySMS, you can text <strong>999</strong>.
        </p>
      </section>

      <h2>If it is not an emergency</h2>
      <ul className="list">
        <li>
          <a href="https://www.kent.police.uk/report">Report online</a> at kent.police.uk/report
        </li>
        <li>
          Call <strong>101</strong> (calls cost 15p)
        </li>
        <li>
          Textphone: <strong>18000</strong>
        </li>
        <li>
          General enquiries: <a href="mailto:enquiries@kent.police.uk">enquiries@kent.police.uk</a>
        </li>
      </ul>
      <p>Please do not report crime on social media.</p>

      <h2>Your local {CSU_INBOX}</h2>
      <p>
        For a non-urgent question about your neighbourhood, email your district's CSU inbox, or{" "}
        <Link to="/">find your team by postcode</Link>.
      </p>
      <ul className="list">
        {districts.map((d) => (
          <li key={d.code}>
            {d.name}: <a href={`mailto:${d.csuEmail}`}>{d.csuEmail}</a>
          </li>
        ))}
      </ul>

      <h2>Hate crime</h2>
      <ul className="list">
        <li>
          Text <strong>60066</strong> starting your message with the word “Police”
        </li>
        <li>
          Kent and Medway Hate Incident Reporting Line: <strong>0800 138 1624</strong> (24 hours a day, 7 days a week; answered by non-police staff)
        </li>
      </ul>

      <h2>Terrorism</h2>
      <p>
        Anti-terrorist hotline: <strong>0800 789 321</strong> (textphone 0800 032 4539). In an emergency, call 999.
      </p>

      <h2>Things your council deals with</h2>
      <p>Report noise, abandoned vehicles and fly-tipping to your local council.</p>

      <h2>Other formats</h2>
      <p>
        For large print or another format, call <strong>01622 652158</strong>.
      </p>

      <h2>Write to us</h2>
      <address>
        Kent Police Headquarters
        <br />
        Sutton Road
        <br />
        Maidstone
        <br />
        ME15 9BZ
      </address>
    </div>
  );
}
