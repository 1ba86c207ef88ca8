import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Outlet, useRouteError } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { StaffFrame } from "~/components/staff-frame";
import { requirePermission } from "~/lib/permissions.server";

// The layout of every /staff and /admin page (admin.tsx re-exports it). Each page
// still checks its own permission; this loader only gives the frame its user, so
// pages need not load and pass it.
export async function loader({ request }: LoaderFunctionArgs) {
  return json({ user: await requirePermission(request, "view:staff-area") });
}

export default function StaffLayout() {
  return (
    <StaffFrame>
      <Outlet />
    </StaffFrame>
  );
}

// Errors show inside the frame, so a refusal after a form post still shows who is signed in.
export function ErrorBoundary() {
  return (
    <StaffFrame banner={false}>
      <ErrorPage error={useRouteError()} />
    </StaffFrame>
  );
}
