import { Link } from "@remix-run/react";
import { CSU_INBOX } from "~/lib/labels";

export interface OfficerCardData {
  slug: string;
  name: string;
  role: string;
  collarNumber: string | null;
  bio: string;
  email: string | null;
  wards: { code: string; name: string }[];
}

/** Officers as cards; `currentWard` hides that ward from each officer's "also covers" list. */
export function OfficerList({ officers, contactEmail, currentWard }: { officers: OfficerCardData[]; contactEmail: string; currentWard?: string }) {
  if (officers.length === 0) return <p>No officers are listed for this area at the moment. Email the {CSU_INBOX} below.</p>;
  return (
    <ul className="cards" data-testid="officers">
      {officers.map((o) => {
        const others = o.wards.filter((w) => w.code !== currentWard);
        const email = o.email ?? contactEmail;
        return (
          <li key={o.slug} className="card">
            <h3>
              {o.role} {o.name}
            </h3>
            {o.collarNumber ? <p className="secondary small">Officer number {o.collarNumber}</p> : null}
            {o.bio ? <p>{o.bio}</p> : null}
            {others.length > 0 ? (
              <p className="small">
                {currentWard ? "Also covers" : "Covers"}:{" "}
                {others.map((w, i) => (
                  <span key={w.code}>
                    {i > 0 ? ", " : ""}
                    <Link to={`/wards/${w.code}`}>{w.name}</Link>
                  </span>
                ))}
              </p>
            ) : null}
            <p className="small">
              Contact: <a href={`mailto:${email}`}>{email}</a>
            </p>
          </li>
        );
      })}
    </ul>
  );
}
