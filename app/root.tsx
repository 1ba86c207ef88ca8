import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { isRouteErrorResponse, Link, Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteError, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { SiteFooter, SiteHeader } from "~/components/layout";
import { RouteAnnouncer } from "~/components/route-announcer";
import { blankSessionCookie, checkSession, hasSessionCookie } from "~/lib/auth.server";
import stylesheet from "~/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

// Residents carry no session cookie, so their pages cost no database work here.
export async function loader({ request }: LoaderFunctionArgs) {
  if (!hasSessionCookie(request)) return json({ user: null });
  const check = await checkSession(request);
  if (!check.actor) return json({ user: null }, { headers: { "Set-Cookie": blankSessionCookie() } });
  return json({ user: { name: check.actor.name, role: check.actor.role } });
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  return (
    <html lang="en-GB">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#002d62" />
        <Meta />
        <Links />
      </head>
      <body>
        <a href="#main-content" className="skip-link">
          Skip to main content
        </a>
        <SiteHeader user={data?.user} />
        <div className="width-container">
          <main id="main-content" tabIndex={-1}>
            {children}
          </main>
        </div>
        <SiteFooter />
        <RouteAnnouncer />
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <div className="two-thirds">
        <title>Page not found – Kent Neighbourhood Policing</title>
        <h1>Page not found</h1>
        <p>If you typed the web address, check it is correct.</p>
        <p>
          You can <Link to="/">find your neighbourhood team by postcode</Link> or <Link to="/districts">browse by district</Link>.
        </p>
      </div>
    );
  }
  if (isRouteErrorResponse(error) && error.status === 403) {
    return (
      <div className="two-thirds">
        <title>You cannot do that – Kent Neighbourhood Policing</title>
        <h1>You do not have permission to do that</h1>
        <p data-testid="forbidden">{typeof error.data === "string" && error.data.length < 300 ? error.data : "Your account does not allow this."}</p>
        <p>Nothing has been changed. If you think you should be able to do this, ask a force administrator.</p>
        <p>
          <Link to="/staff">Go to the staff dashboard</Link>
        </p>
      </div>
    );
  }
  // 4xx, and 503 "busy, try again", say what happened in the response's own words.
  if (isRouteErrorResponse(error) && (error.status < 500 || error.status === 503)) {
    return (
      <div className="two-thirds">
        <title>There is a problem – Kent Neighbourhood Policing</title>
        <h1>There is a problem</h1>
        <p>{typeof error.data === "string" && error.data.length < 300 ? error.data : "The request could not be completed."}</p>
        <p>
          <Link to="/">Go to the start page</Link>
        </p>
      </div>
    );
  }
  console.error(error);
  return (
    <div className="two-thirds">
      <title>Sorry, there is a problem with the service – Kent Neighbourhood Policing</title>
      <h1>Sorry, there is a problem with the service</h1>
      <p>Try again later.</p>
      <p>
        In an emergency, call <strong>999</strong>. For anything else, call <strong>101</strong> or{" "}
        <a href="https://www.kent.police.uk/report">report online</a>.
      </p>
    </div>
  );
}
