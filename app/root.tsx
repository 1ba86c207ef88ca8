import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteError, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { ErrorPage } from "~/components/error-page";
import { SiteFooter, SiteHeader } from "~/components/layout";
import { RouteAnnouncer } from "~/components/route-announcer";
import { SiteStyles } from "~/components/site-styles";
import { blankSessionCookie, checkSession, hasSessionCookie } from "~/lib/auth.server";

// The stylesheets are written into the page by SiteStyles, not linked.
export const links: LinksFunction = () => [{ rel: "icon", href: "/favicon.svg", type: "image/svg+xml" }];

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
        <SiteStyles />
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
        <SiteFooter signedIn={!!data?.user} />
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
  return <ErrorPage error={useRouteError()} />;
}
