// Every email's text and HTML parts from one description, so the two never say
// different things. Pure: tested directly, and used by every model that writes mail.

export interface MailLink {
  href: string;
  label: string;
}

export interface MailSection {
  heading: string;
  /** Each item is a few lines of plain text; the first is shown in bold. */
  items: string[][];
  link?: MailLink;
}

export interface MailContent {
  heading: string;
  paragraphs: string[];
  /** The one thing the email asks the reader to do, shown as a button. */
  action?: MailLink;
  sections?: MailSection[];
  /** Lines after the sections, before the footer. */
  closing?: string[];
  /** Residents' emails: the manage link. Staff emails have none. */
  manage?: MailLink;
  /** Residents' emails say how to contact the police. */
  contactPolice?: boolean;
  sampleNotice?: boolean;
}

export const SAMPLE_DATA_NOTICE =
  "Sample data: the teams, officers, meetings and priorities on this service are invented examples, not real Kent Police information. Ward boundaries and postcodes are real ONS data.";

export const CONTACT_POLICE_LINES = [
  "In an emergency, call 999.",
  "For anything else, call 101 or report online at https://www.kent.police.uk/report",
  "Please do not reply to this email to report a crime: nobody reads replies.",
];

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

export function renderMail(c: MailContent): { text: string; html: string } {
  const text: string[] = [c.heading, "=".repeat(Math.min(c.heading.length, 70)), ""];
  if (c.sampleNotice) text.push(SAMPLE_DATA_NOTICE, "");
  for (const p of c.paragraphs) text.push(p, "");
  if (c.action) text.push(`${c.action.label}:`, c.action.href, "");
  for (const s of c.sections ?? []) {
    text.push(s.heading, "-".repeat(Math.min(s.heading.length, 70)));
    for (const item of s.items) text.push(...item.map((line, i) => (i === 0 ? `* ${line}` : `  ${line}`)), "");
    if (s.link) text.push(`${s.link.label}: ${s.link.href}`, "");
  }
  for (const p of c.closing ?? []) text.push(p, "");
  if (c.contactPolice) text.push(...CONTACT_POLICE_LINES, "");
  if (c.manage) text.push(`${c.manage.label}: ${c.manage.href}`, "");

  const h = escapeHtml;
  const html: string[] = [
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${h(c.heading)}</title></head>`,
    `<body style="margin:0;padding:16px;font-family:Arial,sans-serif;font-size:16px;line-height:1.4;color:#0b0c0c;background:#ffffff">`,
    `<div style="max-width:600px">`,
    `<h1 style="font-size:24px;margin:0 0 16px">${h(c.heading)}</h1>`,
  ];
  if (c.sampleNotice) html.push(`<p style="padding:8px;border-left:4px solid #f47738;background:#fff7f0"><strong>Sample data:</strong> ${h(SAMPLE_DATA_NOTICE.replace(/^Sample data: /, ""))}</p>`);
  for (const p of c.paragraphs) html.push(`<p>${h(p)}</p>`);
  if (c.action) {
    html.push(
      `<p><a href="${h(c.action.href)}" style="display:inline-block;padding:8px 12px;background:#00703c;color:#ffffff;font-weight:bold;text-decoration:none">${h(c.action.label)}</a></p>`,
      `<p style="font-size:14px">Or copy this address into your browser: ${h(c.action.href)}</p>`,
    );
  }
  for (const s of c.sections ?? []) {
    html.push(`<h2 style="font-size:19px;margin:24px 0 8px">${h(s.heading)}</h2><ul style="padding-left:20px">`);
    for (const item of s.items) {
      const [first, ...rest] = item;
      html.push(`<li style="margin-bottom:8px"><strong>${h(first ?? "")}</strong>${rest.map((l) => `<br>${h(l)}`).join("")}</li>`);
    }
    html.push(`</ul>`);
    if (s.link) html.push(`<p><a href="${h(s.link.href)}">${h(s.link.label)}</a></p>`);
  }
  for (const p of c.closing ?? []) html.push(`<p>${h(p)}</p>`);
  if (c.contactPolice) {
    html.push(
      `<div style="margin-top:24px;padding:12px;border-left:4px solid #d4351c"><p style="margin:0"><strong>In an emergency, call 999.</strong></p>`,
      `<p style="margin:8px 0 0">For anything else, call 101 or <a href="https://www.kent.police.uk/report">report online</a>. Please do not reply to this email to report a crime: nobody reads replies.</p></div>`,
    );
  }
  if (c.manage) html.push(`<p style="margin-top:24px;font-size:14px"><a href="${h(c.manage.href)}">${h(c.manage.label)}</a></p>`);
  html.push(`</div></body></html>`);
  return { text: text.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd() + "\n", html: html.join("\n") };
}

/** The app's public address, for links in emails. */
export function absoluteUrl(origin: string, path: string): string {
  return new URL(path, origin).toString();
}
