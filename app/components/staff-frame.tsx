import { useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { useOptionalUser } from "~/lib/user";
import { NotificationBanner } from "./form-fields";
import { DONE_MESSAGES, StaffNav } from "./staff-nav";

/** The message for a `?done=` key: only the fixed keys, never text from the URL, never inherited names. */
export function doneMessage(key: string | null): string | null {
  return key && Object.hasOwn(DONE_MESSAGES, key) ? DONE_MESSAGES[key]! : null;
}

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
