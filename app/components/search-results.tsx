import { Link } from "@remix-run/react";

interface WardLink {
  code: string;
  name: string;
  districtName: string;
}

// A ward whose edge is within 50 m of the place would read "0 m away".
const distance = (metres: number) =>
  metres === 0 ? "" : metres < 100 ? " – under 100 m away" : metres < 1000 ? ` – ${Math.round(metres / 100) * 100} m away` : ` – ${(metres / 1000).toFixed(1)} km away`;

function WardItem({ ward, note }: { ward: WardLink; note?: string }) {
  return (
    <li>
      <Link to={`/wards/${ward.code}`}>{ward.name}</Link>{" "}
      <span className="secondary">
        ({ward.districtName}){note}
      </span>
    </li>
  );
}

/** A name search: the places called that (with the wards around each, nearest first), then wards of that name. */
export function NameResults({
  value,
  wards,
  places,
}: {
  value: string;
  wards: WardLink[];
  places: { name: string; districtName: string; wards: (WardLink & { metres: number })[] }[];
}) {
  return (
    <>
      <h1>Wards matching “{value}”</h1>
      {places.map((p, i) => (
        <section key={`${p.name}-${i}`} aria-labelledby={`place-${i}`}>
          <h2 id={`place-${i}`}>
            Wards in and around {p.name}, {p.districtName}
          </h2>
          <p className="secondary">The first is the ward {p.name} is in; the rest are nearby, nearest first.</p>
          <ul className="list" data-testid="place-results">
            {p.wards.map((w) => (
              <WardItem key={w.code} ward={w} note={distance(w.metres)} />
            ))}
          </ul>
        </section>
      ))}
      {wards.length > 0 ? (
        <section aria-labelledby="ward-names">
          {places.length > 0 ? (
            <h2 id="ward-names">
              Wards named “{value}”
            </h2>
          ) : (
            <h2 id="ward-names" className="visually-hidden">
              Wards by name
            </h2>
          )}
          <ul className="list" data-testid="ward-results">
            {wards.map((w) => (
              <WardItem key={w.code} ward={w} />
            ))}
          </ul>
        </section>
      ) : null}
      <p>Not the right place? Search again.</p>
    </>
  );
}

/** A postcode district on its own: every Kent ward with postcodes in it. */
export function OutcodeResults({ outcode, wards }: { outcode: string; wards: WardLink[] }) {
  return (
    <>
      <h1>Wards in the {outcode} postcode district</h1>
      <p>
        {outcode} covers {wards.length === 1 ? "one ward" : `${wards.length} wards`}, the one with most of its postcodes first. Enter your full
        postcode to go straight to your ward.
      </p>
      <ul className="list" data-testid="outcode-results">
        {wards.map((w) => (
          <WardItem key={w.code} ward={w} />
        ))}
      </ul>
    </>
  );
}
