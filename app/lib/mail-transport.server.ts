// Where email goes: an SMTP server (SMTP_URL), or with none configured, one .eml file
// per message under MAIL_DIR, so every email the app sends can be read without a mail server.
import fs from "node:fs";
import path from "node:path";
import nodemailer from "nodemailer";
import { env } from "./env.server";

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  messageId: string;
  headers: Record<string, string>;
  date: Date;
}

export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
  /** Where messages go, for the start-up log line (never the password). */
  readonly description: string;
}

/** A refusal the receiving server says will not change on retry (an SMTP 5xx). */
export class PermanentMailError extends Error {}

function toNodemailer(mail: OutgoingMail) {
  return {
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    ...(mail.html ? { html: mail.html } : {}),
    messageId: mail.messageId,
    headers: mail.headers,
    date: mail.date,
    // Addresses were checked before they reached the outbox; refuse anything else outright.
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

export function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport(url.includes("?") || url.includes("pool=") ? url : `${url}?pool=true`);
  return {
    description: `SMTP ${new URL(url).host}`,
    async send(mail) {
      try {
        await transporter.sendMail(toNodemailer(mail));
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        if (code && code >= 500 && code < 600) throw new PermanentMailError((error as Error).message);
        throw error;
      }
    },
    close: () => transporter.close(),
  };
}

/** The default: each message as an .eml file, named by its outbox id, so a message sent twice is one file. */
export function folderTransport(dir: string): MailTransport {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    description: `the folder ${path.resolve(dir)}`,
    async send(mail) {
      const info = await transporter.sendMail(toNodemailer(mail));
      fs.mkdirSync(dir, { recursive: true });
      const name = mail.messageId.replace(/^<|>$/g, "").replace(/[^A-Za-z0-9._-]/g, "_");
      const file = path.join(dir, `${name}.eml`);
      fs.writeFileSync(`${file}.tmp`, info.message as Buffer);
      fs.renameSync(`${file}.tmp`, file);
    },
    close: () => transporter.close(),
  };
}

export function transportFromEnv(): MailTransport {
  const { SMTP_URL, MAIL_DIR } = env();
  return SMTP_URL ? smtpTransport(SMTP_URL) : folderTransport(MAIL_DIR);
}
