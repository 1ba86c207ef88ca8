import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";

/** For pages under a ward or team address: an unknown one gets a page that says what to do next. */
export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <div className="two-thirds">
        <h1>Page not found</h1>
        <p>We cannot find that ward or team. Ward codes look like E05015608.</p>
        <p>
          <Link to="/">Find your ward by postcode</Link> or <Link to="/districts">browse the districts</Link>.
        </p>
      </div>
    );
  }
  throw error;
}
