import { Link, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { useOptionalUser } from "~/lib/user";
import { NotificationBanner } from "./form-fields";
import { doneMessage, StaffNav } from "./staff-nav";

/** The frame of every staff and admin page: their navigation, then the success banner, then the page. */
export function StaffFrame({ children, banner = true }: { children: ReactNode; banner?: boolean }) {
  const user = useOptionalUser();
  const [params] = useSearchParams();
  const done = banner ? doneMessage(params.get("done")) : null;
  return (
    <>
      {user ? <StaffNav user={user} /> : null}
      {done ? <NotificationBanner>{done}</NotificationBanner> : null}
      {children}
    </>
  );
}

/** A staff page's heading: the way back first, then the title with what it belongs to above it. */
export function StaffPageHeading({ back, caption, children }: { back: { to: string; label: ReactNode }; caption: ReactNode; children: ReactNode }) {
  return (
    <>
      <Link to={back.to} className="small">
        {back.label}
      </Link>
      <h1>
        <span className="caption">{caption}</span>
        {children}
      </h1>
    </>
  );
}
