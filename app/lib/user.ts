// The signed-in person on staff and admin pages, from the layout route's loader,
// so a page neither loads nor passes the user itself.
import { useRouteLoaderData } from "@remix-run/react";
import type { Actor } from "./permissions";

type LayoutData = { user: Actor } | undefined;

/** The signed-in person, or null (an error page shown before the layout loaded). */
export function useOptionalUser(): Actor | null {
  const staff = useRouteLoaderData("routes/staff") as LayoutData;
  const admin = useRouteLoaderData("routes/admin") as LayoutData;
  return staff?.user ?? admin?.user ?? null;
}

/** The signed-in person, on any page under /staff or /admin. */
export function useUser(): Actor {
  const user = useOptionalUser();
  if (!user) throw new Error("useUser() is for pages inside the staff or admin layout");
  return user;
}
