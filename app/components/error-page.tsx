import { isRouteErrorResponse, Link } from "@remix-run/react";

const shortText = (data: unknown) => (typeof data === "string" && data.length < 300 ? data : null);

/** What a person sees when a page cannot be shown: not found, refused, bad request, or our fault. */
export function ErrorPage({ error }: { error: unknown }) {
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
        <p data-testid="forbidden">{shortText(error.data) ?? "Your account does not allow this."}</p>
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
        <p>{shortText(error.data) ?? "The request could not be completed."}</p>
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
