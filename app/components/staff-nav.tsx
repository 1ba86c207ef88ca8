import { NavLink } from "@remix-run/react";
import { hasPermission, type Role } from "~/lib/permissions";

/** The staff area's own navigation; administrators see their pages too. */
export function StaffNav({ user }: { user: { role: Role; teamId: number | null } }) {
  const links: { to: string; label: string; end?: boolean }[] = [{ to: "/staff", label: "Dashboard", end: true }];
  if (user.teamId) links.push({ to: `/staff/teams/${user.teamId}`, label: "Your team", end: true });
  if (user.teamId && hasPermission(user, "edit:priorities")) links.push({ to: `/staff/teams/${user.teamId}/month`, label: "This month's updates" });
  if (hasPermission(user, "view:partner-map")) links.push({ to: "/partners/map", label: "Partner map" });
  if (hasPermission(user, "manage:teams")) links.push({ to: "/admin/teams", label: "Teams and wards" });
  if (hasPermission(user, "manage:staff")) links.push({ to: "/admin/users", label: "Staff accounts" });
  if (hasPermission(user, "view:audit-log")) links.push({ to: "/admin/audit", label: "Audit log" });
  if (hasPermission(user, "manage:mail")) links.push({ to: "/admin/mail", label: "Email" });
  links.push({ to: "/staff/sessions", label: "Where you are signed in" });
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
const DONE_MESSAGES: Record<string, string> = {
  "pact-recorded": "The PACT meeting's priorities have been saved and published.",
  "comment-hidden": "The comment has been hidden. Its words are kept in the audit log.",
  "update-published": "The monthly update has been published.",
  "month-published": "The finished updates have been published. Residents can see them now.",
  "drafts-saved": "Your drafts have been saved. Anyone in your team can carry on with them; residents cannot see them.",
  "update-withdrawn": "The update has been withdrawn. Residents see only that it was withdrawn, and when.",
  "update-moved": "The update has been moved. Residents see it under the right priority, marked as corrected.",
  "outcome-corrected": "The outcome has been corrected. Residents see when it was corrected.",
  "priority-reopened": "The priority has been reopened in its slot.",
  "update-edited": "The update has been corrected. The earlier wording is kept in its history.",
  "priority-closed": "The priority has been closed. Its outcome now shows under “You said, we did”.",
  "priority-edited": "The priority's wording has been corrected.",
  "event-created": "The event has been added.",
  "events-repeated": "The monthly surgeries have been added, one for each date.",
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
  "sessions-ended": "Signed out. Those browsers will be asked to sign in again.",
  "session-gone": "That session had already ended.",
};

/** The message for a ?done= key; only the keys above, never inherited names such as "__proto__". */
export function doneMessage(key: string | null): string | null {
  return key && Object.hasOwn(DONE_MESSAGES, key) ? DONE_MESSAGES[key]! : null;
}

