// What the server's mail sender does besides sending: each job writes to the outbox
// (or deletes), is safe to run twice, and runs at most every `everyMs`.
import { deleteUnconfirmedAddresses } from "~/models/confirmation-purposes.server";
import { digestJob } from "~/models/digest.server";
import { deleteOldSentMail } from "~/models/outbox.server";
import { queueAdminSummaries, queueEditorReminders } from "~/models/staff-mail.server";
import { clearExpiredResponseText } from "~/models/response.server";
import { startMailSender, type MailJob } from "./mail-sender.server";

const MINUTE = 60_000;

export const MAIL_JOBS: MailJob[] = [
  { name: "digests", everyMs: 5_000, run: digestJob() },
  { name: "editor reminders", everyMs: 10 * MINUTE, run: (now) => queueEditorReminders(now) },
  { name: "admin summaries", everyMs: 10 * MINUTE, run: (now) => queueAdminSummaries(now) },
  { name: "delete unconfirmed", everyMs: 60 * MINUTE, run: (now) => deleteUnconfirmedAddresses(now) },
  { name: "delete old sent mail", everyMs: 60 * MINUTE, run: (now) => deleteOldSentMail(now) },
  { name: "delete residents' places and comments after 12 months", everyMs: 60 * MINUTE, run: (now) => clearExpiredResponseText(now) },
];

/** Called once by server.js. */
export function startServerMail() {
  return startMailSender(MAIL_JOBS);
}
