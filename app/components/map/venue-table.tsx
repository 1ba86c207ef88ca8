import { Link } from "@remix-run/react";
import type { PartnerVenue } from "./types";

/** Upcoming in-person surgeries and meetings: the partner map's venue layer as a table. */
export function VenueTable({ venues }: { venues: PartnerVenue[] }) {
  return (
    <section aria-labelledby="venue-table-title">
      <h3 id="venue-table-title">Upcoming surgeries and meetings</h3>
      <div className="table-scroll">
        <table className="ward-table" data-testid="venue-table">
          <caption className="visually-hidden">Upcoming surgeries and meetings with a venue</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">What</th>
              <th scope="col">Venue</th>
              <th scope="col">Team</th>
            </tr>
          </thead>
          <tbody>
            {venues.map((v) => (
              <tr key={v.id}>
                <td>{v.when}</td>
                <td>{v.wardCode ? <Link to={`/wards/${v.wardCode}`}>{v.title}</Link> : v.title}</td>
                <td>{v.venue}</td>
                <td>{v.teamName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
