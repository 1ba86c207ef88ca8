import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";

/** Who is signed in, as the header needs it (nothing for residents). */
export interface HeaderUser {
  name: string;
}

export function SiteHeader({ user }: { user?: HeaderUser | null }) {
  const menu = useRef<HTMLDetailsElement>(null);
  const { pathname, search } = useLocation();
  // A menu left open after choosing a page would cover the new page on a phone.
  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [pathname, search]);
  return (
    <header className="header">
      <div className="width-container header__inner">
        <Link to="/" className="header__service">
          Kent Neighbourhood Policing
        </Link>
        {/* A disclosure, so the menu folds away on a phone without JavaScript; on a
            wide screen app.css shows its links inline and hides the toggle. */}
        <details className="header__menu" ref={menu}>
          <summary className="header__menu-toggle">Menu</summary>
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
        </details>
        {user ? <StaffAccount user={user} /> : null}
      </div>
      <SampleDataBanner />
    </header>
  );
}

function StaffAccount({ user }: { user: HeaderUser }) {
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
        <strong className="tag tag--sample">Sample data</strong> <Link to="/about-data">Teams and priorities are invented</Link>
      </p>
    </div>
  );
}

/** `signedIn`: someone is signed in, so the footer does not offer them sign-in again. */
export function SiteFooter({ signedIn = false }: { signedIn?: boolean }) {
  return (
    <footer className="footer">
      <div className="width-container">
        <p>
          <strong>In an emergency, call 999.</strong> For non-emergencies call 101 or <a href="https://www.kent.police.uk/report">report online</a>.
          Do not report crime on social media.
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
          {signedIn ? null : (
            <li>
              <Link to="/login">Staff sign in</Link>
            </li>
          )}
        </ul>
        <p>
          Contains public sector information licensed under the{" "}
          <a href="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/">Open Government Licence v3.0</a>. Source: Office for
          National Statistics. Contains OS data © Crown copyright and database right 2025. Contains Royal Mail data © Royal Mail copyright and
          database right 2025. Contains GeoPlace data © Local Government Information House Limited copyright and database right 2025. Place names from{" "}
          <a href="https://www.geonames.org/">GeoNames</a>, <a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>.
        </p>
      </div>
    </footer>
  );
}
