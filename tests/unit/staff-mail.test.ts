// Staff emails: set-password links (also shown on screen), the editors' reminder on the
// 25th and the administrators' weekly summary, each written once.
import { eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { outboxMessages } from "../../db/schema";
import type { Db } from "~/lib/db.server";
import { fromUkDateTime } from "~/lib/dates";
import { isoWeek, queueAdminSummaries, queueEditorReminders } from "~/models/staff-mail.server";
import { inviteUser, issuePasswordLink } from "~/models/user.server";
import { dbWithSampleData } from "./helpers/db";
import { clearStaff, createStaff, type Staff } from "./helpers/staff";

let db: Db;
let staff: Staff;
const mail = (kind: string) => db.select().from(outboxMessages).where(eq(outboxMessages.kind, kind as never)).all();

beforeAll(async () => {
  db = dbWithSampleData();
  clearStaff(db);
  staff = await createStaff(db, "mail");
});
beforeEach(() => db.delete(outboxMessages).run());

describe("staff emails", () => {
  it("email an invitation with the same one-time link the administrator is shown, and a new link when one is issued", () => {
    const invited = inviteUser(staff.admin, { email: "New.Starter@kent.police.uk", name: "New Starter", role: "editor", teamId: staff.teamA, organisation: "" });
    if (!invited.ok) throw new Error("not invited");
    const [invitation] = mail("invitation");
    expect(invitation).toMatchObject({ toAddress: "new.starter@kent.police.uk", subject: "Your Kent Neighbourhood Policing account" });
    expect(invitation!.textBody).toContain(`/set-password/${invited.value.token}`);
    expect(invitation!.textBody).toContain("Hello New Starter,");
    const again = issuePasswordLink(staff.admin, invited.value.id);
    if (!again.ok) throw new Error("no link");
    expect(mail("password")[0]!.textBody).toContain(`/set-password/${again.value.token}`);
  });

  it("remind each editor on the 25th of the wards whose updates are still due, once a month", () => {
    expect(queueEditorReminders(fromUkDateTime("2026-12-24", "09:00"))).toBe(0);
    const on25th = fromUkDateTime("2026-12-25", "09:00");
    const written = queueEditorReminders(on25th);
    expect(written).toBe(2); // the editors of team A and team B
    expect(queueEditorReminders(new Date(on25th.getTime() + 3600_000))).toBe(0);
    const reminder = mail("reminder").find((m) => m.toAddress === staff.editorA.email)!;
    expect(reminder.subject).toMatch(/^Monthly updates due: \d+ wards?$/);
    expect(reminder.textBody).toContain("December 2026");
    expect(reminder.textBody).toContain("Park Wood & Mangravet");
    expect(reminder.textBody).not.toContain("Wincheap"); // team B's ward
    expect(reminder.dedupeKey).toBe(`reminder:${staff.editorA.id}:2026-12`);
  });

  it("send administrators one summary of overdue teams a week", () => {
    const monday = fromUkDateTime("2026-12-07", "08:00");
    expect(queueAdminSummaries(monday)).toBe(1);
    expect(queueAdminSummaries(fromUkDateTime("2026-12-10", "08:00"))).toBe(0);
    expect(queueAdminSummaries(fromUkDateTime("2026-12-14", "08:00"))).toBe(1);
    const [summary] = mail("admin_summary");
    expect(summary!.toAddress).toBe(staff.admin.email);
    expect(summary!.subject).toMatch(/^Weekly summary: \d+ teams? with overdue updates$/);
    expect(isoWeek("2026-12-07")).toBe("2026-W50");
    expect(isoWeek("2027-01-01")).toBe("2026-W53");
  });
});
