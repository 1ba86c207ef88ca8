import { NavLink } from "@remix-run/react";
import { hasPermission, type Role } from "~/lib/permissions";

/** The staff area's own navigation; administrators see their pages too. */
export function StaffNav({ user }: { user: { role: Role; teamId: number | null } }) {
  const links: { to: string; label: string; end?: boolean }[] = [{ to: "/staff", label: "Dashboard", end: true }];
  if (user.teamId) links.push({ to: `/staff/teams/${user.teamId}`, label: "Your team" });
  if (hasPermission(user, "view:partner-map")) links.push({ to: "/partners/map", label: "Partner map" });
  if (hasPermission(user, "manage:teams")) links.push({ to: "/admin/teams", label: "Teams and wards" });
  if (hasPermission(user, "manage:staff")) links.push({ to: "/admin/users", label: "Staff accounts" });
  if (hasPermission(user, "view:audit-log")) links.push({ to: "/admin/audit", label: "Audit log" });
  if (hasPermission(user, "manage:mail")) links.push({ to: "/admin/mail", label: "Email" });
  return (
    <nav className="staff-nav" aria-label="Staff">
      <ul>
        {links.map((l) => (
          <li key={l.to}>
            <NavLink to={l.to} end={l.end}>
              {l.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A one-line success message chosen by a fixed key in the URL (never text from the URL itself). */
export const DONE_MESSAGES: Record<string, string> = {
  "pact-recorded": "The PACT meeting's priorities have been saved and published.",
  "comment-hidden": "The comment has been hidden. Its words are kept in the audit log.",
  "update-published": "The monthly update has been published.",
  "update-edited": "The update has been corrected. The earlier wording is kept in its history.",
  "priority-closed": "The priority has been closed. Its outcome now shows under “You said, we did”.",
  "priority-edited": "The priority's wording has been corrected.",
  "event-created": "The event has been added.",
  "event-edited": "The event has been changed.",
  "event-cancelled": "The event has been cancelled. It stays listed, marked as cancelled.",
  "officer-edited": "The officer's profile has been updated.",
  "officer-created": "The officer has been added to the team.",
  "officer-moved": "The officer has been moved to another team.",
  "team-created": "The team has been created.",
  "team-edited": "The team's details have been saved.",
  "team-wards": "The team's wards have been saved.",
  "user-edited": "The account has been updated.",
  "user-disabled": "The account has been disabled and signed out everywhere.",
  "user-enabled": "The account has been enabled. Its owner can sign in again.",
};
