// After a client-side navigation nothing tells a screen reader that the page
// changed, and focus stays on a link that may no longer exist. So: move focus
// to the new page's heading and announce its title, as a full page load would.
// An address with a fragment (a form landing on the next item to write) goes to
// that element instead. A fragment link on the same page (the skip link) is left
// to the browser, which has already moved focus: moving it again after the user
// has tabbed on would pull them back.
import { useLocation, useNavigationType } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";

export function RouteAnnouncer() {
  const { pathname, search, hash } = useLocation();
  const type = useNavigationType();
  const [message, setMessage] = useState("");
  const first = useRef(true);
  const page = useRef(pathname + search);
  useEffect(() => {
    const samePage = page.current === pathname + search;
    page.current = pathname + search;
    if (first.current) {
      first.current = false;
      return;
    }
    // A replaced address is the same page keeping its state in the URL (the map's colouring, say).
    if (type === "REPLACE") return;
    if (type === "POP" && samePage) return;
    const target = (hash.length > 1 ? document.getElementById(decodeURIComponent(hash.slice(1))) : null) ?? document.querySelector<HTMLElement>("main h1");
    if (target) {
      if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
      target.focus();
      target.scrollIntoView({ block: "start" });
    }
    setMessage(document.title);
  }, [pathname, search, hash]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <p className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="route-announcer">
      {message}
    </p>
  );
}
