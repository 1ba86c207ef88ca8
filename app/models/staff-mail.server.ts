// Emails to staff: set-password links, the monthly reminder to editors and the weekly
// summary for administrators. Each is written to the outbox inside the transaction
// (or under the unique key) that makes it, like every other email.
import { and, eq, isNotNull, isNull, inArray } from "drizzle-orm";
import { teams, users } from "../../db/schema";
import { getDb, type Db } from "~/lib/db.server";
import { isDue } from "~/lib/due";
import { formatMonth, ukDate, ukMonth } from "~/lib/format";
import { PASSWORD_LINK_HOURS } from "~/lib/account-limits";
import { renderMail } from "~/lib/mail-templates";
import { publicUrl } from "~/lib/public-url.server";
import { enqueueMail } from "./outbox.server";
import { listWardProgress } from "./priority.server";

type Tx = Pick<Db, "insert" | "select" | "update">;

/** The set-password link, emailed as well as shown once on screen (for a force with no mail set up). */
export function mailPasswordLink(tx: Tx, input: { kind: "invitation" | "password"; to: string; name: string; token: string; at: Date }): void {
  const link = publicUrl(`/set-password/${input.token}`);
  const invitation = input.kind === "invitation";
  const content = renderMail({
    heading: invitation ? "You have been given an account" : "Set a new password",
    paragraphs: [
      `Hello ${input.name},`,
      invitation
        ? "A force administrator has made you an account on Kent Neighbourhood Policing, where neighbourhood teams publish their PACT priorities, monthly updates and surgeries."
        : "A force administrator has made you a link to set a new password.",
    ],
    action: { href: link, label: invitation ? "Set your password" : "Set a new password" },
    closing: [`The link works once, for ${PASSWORD_LINK_HOURS} hours. If you did not expect this email, tell your force administrator.`],
  });
  enqueueMail(tx, { kind: input.kind, to: input.to, subject: invitation ? "Your Kent Neighbourhood Policing account" : "Set a new password for Kent Neighbourhood Policing", ...content, at: input.at });
}

const activeStaff = (role: "editor" | "admin") =>
  getDb()
    .select({ id: users.id, email: users.email, name: users.name, teamId: users.teamId })
    .from(users)
    .where(and(eq(users.role, role), isNull(users.disabledAt), isNotNull(users.passwordHash)))
    .all();

/**
 * On the 25th (or the first run after it) of each UK month, each team's editors get a
 * list of their wards whose updates for the month are still due. One per editor per month.
 */
export function queueEditorReminders(now = new Date()): number {
  if (Number(ukDate(now).slice(8, 10)) < 25) return 0;
  const month = ukMonth(now);
  const editors = activeStaff("editor");
  const teamIds = [...new Set(editors.map((e) => e.teamId).filter((t): t is number => t != null))];
  if (teamIds.length === 0) return 0;
  const progress = listWardProgress(teamIds, month);
  const teamNames = new Map(getDb().select({ id: teams.id, name: teams.name }).from(teams).where(inArray(teams.id, teamIds)).all().map((t) => [t.id, t.name]));
  let written = 0;
  getDb().transaction((tx) => {
    for (const editor of editors) {
      const due = progress.filter((w) => w.teamId === editor.teamId && isDue(w));
      if (due.length === 0) continue;
      const content = renderMail({
        heading: `Monthly updates due for ${formatMonth(month)}`,
        paragraphs: [`Hello ${editor.name},`, `These wards of ${teamNames.get(editor.teamId!) ?? "your team"} still need their ${formatMonth(month)} update on each active priority:`],
        sections: [{ heading: "Wards with updates due", items: due.map((w) => [w.wardName, `${w.updatedThisMonth} of ${w.active} priorities updated`]) }],
        action: { href: publicUrl("/staff"), label: "Go to your dashboard" },
      });
      const id = enqueueMail(tx, { kind: "reminder", to: editor.email, subject: `Monthly updates due: ${due.length} ward${due.length === 1 ? "" : "s"}`, ...content, dedupeKey: `reminder:${editor.id}:${month}`, at: now });
      if (id) written++;
    }
  });
  return written;
}

/** The ISO week (e.g. 2026-W49) of a UK date, for the weekly summary's key. */
export function isoWeek(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  const weekday = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - weekday + 3);
  const firstThursday = new Date(Date.UTC(d.getUTCFullYear(), 0, 4));
  const week = 1 + Math.round(((d.getTime() - firstThursday.getTime()) / 86_400_000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

/**
 * Each Monday (or the first run after), administrators get the teams with wards whose
 * updates for last month were never published. One per administrator per ISO week.
 */
export function queueAdminSummaries(now = new Date()): number {
  const day = ukDate(now);
  const week = isoWeek(day);
  const admins = activeStaff("admin");
  if (admins.length === 0) return 0;
  // Last month is the one that can no longer be published late: overdue, not just due.
  const [y, m] = ukMonth(now).split("-").map(Number) as [number, number];
  const lastMonth = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
  const allTeams = getDb().select({ id: teams.id, name: teams.name }).from(teams).all();
  const progress = listWardProgress(allTeams.map((t) => t.id), lastMonth);
  const overdue = allTeams
    .map((t) => ({ team: t, wards: progress.filter((w) => w.teamId === t.id && isDue(w)) }))
    .filter((t) => t.wards.length > 0);
  let written = 0;
  getDb().transaction((tx) => {
    for (const admin of admins) {
      const content = renderMail({
        heading: `Teams with overdue updates, week ${week.slice(-2)}`,
        paragraphs: [
          overdue.length === 0
            ? `Every team published its ${formatMonth(lastMonth)} updates. Nothing is overdue.`
            : `${overdue.length} team${overdue.length === 1 ? "" : "s"} did not publish every ${formatMonth(lastMonth)} update:`,
        ],
        sections: overdue.length ? [{ heading: "Overdue teams", items: overdue.map((t) => [t.team.name, `${t.wards.length} ward${t.wards.length === 1 ? "" : "s"}: ${t.wards.map((w) => w.wardName).join(", ")}`]) }] : [],
        action: { href: publicUrl("/staff"), label: "Open the staff dashboard" },
      });
      const id = enqueueMail(tx, { kind: "admin_summary", to: admin.email, subject: `Weekly summary: ${overdue.length} team${overdue.length === 1 ? "" : "s"} with overdue updates`, ...content, dedupeKey: `admin-summary:${admin.id}:${week}`, at: now });
      if (id) written++;
    }
  });
  return written;
}
