import { useSearchParams } from "@remix-run/react";
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
