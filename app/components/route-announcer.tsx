// After a client-side navigation nothing tells a screen reader that the page
// changed, and focus stays on a link that may no longer exist. So: move focus
// to the new page's heading and announce its title, as a full page load would.
import { useLocation, useNavigationType } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";

export function RouteAnnouncer() {
  const { pathname, search } = useLocation();
  const type = useNavigationType();
  const [message, setMessage] = useState("");
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // A replaced address is the same page keeping its state in the URL (the map's colouring, say).
    if (type === "REPLACE") return;
    const heading = document.querySelector<HTMLElement>("main h1");
    if (heading) {
      heading.setAttribute("tabindex", "-1");
      heading.focus();
    }
    setMessage(document.title);
  }, [pathname, search]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <p className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="route-announcer">
      {message}
    </p>
  );
}
