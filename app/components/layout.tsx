import { Form, Link, NavLink } from "@remix-run/react";

/** Who is signed in, as the header needs it (nothing for residents). */
export interface HeaderUser {
  name: string;
}

export function SiteHeader({ user }: { user?: HeaderUser | null }) {
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
        <StaffAccount user={user} />
      </div>
      <SampleDataBanner />
    </header>
  );
}

function StaffAccount({ user }: { user?: HeaderUser | null }) {
  if (!user) {
    return (
      <p className="header__account">
        <Link to="/login">Staff sign in</Link>
      </p>
    );
  }
  return (
    <div className="header__account" data-testid="signed-in">
      <span>
        Signed in as <strong>{user.name}</strong>
      </span>{" "}
      <Link to="/staff">Staff dashboard</Link>
      <Form method="post" action="/logout" className="header__sign-out">
        <button type="submit" className="link-button">
          Sign out
        </button>
      </Form>
    </div>
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
          <li>
            <Link to="/privacy">Privacy</Link>
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
