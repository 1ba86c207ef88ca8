import { Link, NavLink } from "@remix-run/react";

export function SiteHeader() {
  return (
    <header className="header">
      <div className="width-container header__inner">
        <Link to="/" className="header__service">
          Kent Neighbourhood Policing
        </Link>
        <nav className="header__nav" aria-label="Main">
          <ul>
            <li>
              <NavLink to="/">Find your team</NavLink>
            </li>
            <li>
              <NavLink to="/districts">Districts</NavLink>
            </li>
            <li>
              <NavLink to="/map">Map</NavLink>
            </li>
            <li>
              <NavLink to="/contact">Contact the police</NavLink>
            </li>
          </ul>
        </nav>
      </div>
      <SampleDataBanner />
    </header>
  );
}

/** Every page says plainly which parts are invented. */
export function SampleDataBanner() {
  return (
    <div className="phase-banner">
      <p className="width-container">
        <strong className="tag tag--sample">Sample data</strong>{" "}
        Ward boundaries and postcodes are real ONS data. The teams, officers, meetings and priorities shown are invented examples, not real Kent Police information.
      </p>
    </div>
  );
}

export function SiteFooter() {
  return (
    <footer className="footer">
      <div className="width-container">
        <p>
          <strong>In an emergency, call 999.</strong> For non-emergencies call 101 or{" "}
          <a href="https://www.kent.police.uk/report">report online</a>. Do not report crime on social media.
        </p>
        <ul>
          <li>
            <Link to="/contact">Contact the police</Link>
          </li>
          <li>
            <Link to="/districts">All districts</Link>
          </li>
          <li>
            <Link to="/about-data">About the data</Link>
          </li>
        </ul>
        <p>
          Contains public sector information licensed under the{" "}
          <a href="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/">Open Government Licence v3.0</a>. Source: Office for
          National Statistics. Contains OS data © Crown copyright and database right 2025. Contains Royal Mail data © Royal Mail copyright and database
          right 2025. Contains GeoPlace data © Local Government Information House Limited copyright and database right 2025.
        </p>
      </div>
    </footer>
  );
}
