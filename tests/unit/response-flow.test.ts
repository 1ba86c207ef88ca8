// A resident's response through the real routes, the outbox and a real SMTP server:
// confirm by email, counted once, replaced by a second response, a follower counted at
// once with a receipt, and bad or hostile input refused with nothing stored or sent.
import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { outboxMessages, pendingConfirmations, residentAddresses, residentResponses, wardFollows } from "../../db/schema";
import type { Db } from "~/lib/db.server";
import { ukMonth } from "~/lib/format";
import { createMailSender, type MailSender } from "~/lib/mail-sender.server";
import { smtpTransport } from "~/lib/mail-transport.server";
import { deleteUnconfirmedAddresses } from "~/models/confirmation-purposes.server";
import { NETWORK_DAILY_LIMIT, tallyResponses } from "~/models/response.server";
import { action as confirmAction, loader as confirmLoader } from "~/routes/confirm.$token";
import { action as followAction } from "~/routes/wards.$code_.follow";
import { action as sayAction } from "~/routes/wards.$code_.say";
import { action as manageAction, loader as manageLoader } from "~/routes/alerts.manage.$token";
import { dbWithSampleData } from "./helpers/db";
import { startTestMailbox, type TestMailbox } from "./helpers/smtp";
import { WARD_A } from "./helpers/staff";

let db: Db;
let mailbox: TestMailbox;
let sender: MailSender;
const MONTH = ukMonth(new Date());

const post = (path: string, body: URLSearchParams) =>
  new Request(`http://localhost${path}`, { method: "POST", headers: { Origin: "http://localhost", "Content-Type": "application/x-www-form-urlencoded" }, body: body.toString() });

function say(fields: [string, string][], ip = "198.51.100.7", ward = WARD_A) {
  return sayAction({ request: post(`/wards/${ward}/say`, new URLSearchParams(fields)), params: { code: ward }, context: { clientIp: ip } }) as Promise<Response>;
}
const confirmRequest = (token: string, method = "POST") =>
  new Request(`http://localhost/confirm/${token}`, { method, headers: method === "POST" ? { Origin: "http://localhost", "Content-Type": "application/x-www-form-urlencoded" } : {} });
const tokenIn = (mail: ParsedMail) => /\/confirm\/([A-Za-z0-9_-]+)/.exec(mail.text ?? "")?.[1] ?? "";
async function click(mail: ParsedMail) {
  const token = tokenIn(mail);
  return confirmAction({ request: confirmRequest(token), params: { token }, context: {} });
}
const tally = () => tallyResponses([WARD_A], [MONTH])[0] ?? { respondents: 0, counts: {} };

beforeAll(async () => {
  db = dbWithSampleData();
  mailbox = await startTestMailbox();
  sender = createMailSender({ transport: smtpTransport(mailbox.url), from: "Kent Neighbourhood Policing <alerts@example.org>" });
});

afterAll(async () => {
  await sender.stop();
  await mailbox.close();
});

beforeEach(() => {
  db.delete(residentResponses).run();
  db.delete(outboxMessages).run();
  db.delete(residentAddresses).run();
  mailbox.messages.length = 0;
});

describe("responding by email", () => {
  it("counts a response only once its confirmation link is clicked, and once however often it is clicked", async () => {
    const res = await say([["themes", "roads"], ["themes", "asb"], ["place", "Sutton Road"], ["comment", "Cars race past the school."], ["email", " Sam@Example.org "]]);
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe(`/wards/${WARD_A}/say?sent=1`);
    expect(tally().respondents).toBe(0);

    await sender.runOnce();
    const [mail] = await mailbox.waitFor(1);
    expect(mail!.to).toMatchObject({ value: [{ address: "sam@example.org" }] });
    expect(mail!.subject).toBe("Confirm your response for Park Wood & Mangravet");
    expect(mail!.text).toContain("Roads and speeding, Anti-social behaviour");
    // Nothing the resident typed is mailed to an address not yet confirmed.
    expect(mail!.text).not.toContain("Sutton Road");
    expect(mail!.text).not.toContain("Cars race");

    const token = tokenIn(mail!);
    const page = await confirmLoader({ request: confirmRequest(token, "GET"), params: { token }, context: {} });
    expect(((await page.json()) as { description: { heading: string } }).description.heading).toBe("Confirm your response for Park Wood & Mangravet ward");
    expect(tally().respondents).toBe(0); // opening the link (a mail scanner does) counts nothing

    const confirmed = await click(mail!);
    expect(confirmed.status).toBe(200);
    expect(((await confirmed.json()) as { page: { heading: string } }).page.heading).toBe("Thank you: your response has been counted");
    expect(tally()).toMatchObject({ respondents: 1, counts: { roads: 1, asb: 1 } });
    expect((await click(mail!)).status).toBe(410);
    expect(tally().respondents).toBe(1);
  });

  it("replaces the month's first response with the second once that is confirmed", async () => {
    await say([["themes", "roads"], ["email", "jo@example.org"]]);
    await sender.runOnce();
    await click((await mailbox.waitFor(1))[0]!);
    await say([["themes", "drugs"], ["themes", "parking"], ["email", "JO@example.org"]]);
    expect(tally()).toMatchObject({ respondents: 1, counts: { roads: 1 } });
    await sender.runOnce();
    const second = await click((await mailbox.waitFor(2))[1]!);
    expect(((await second.json()) as { page: { paragraphs: string[] } }).page.paragraphs[0]).toBe("It replaces the response you gave earlier this month.");
    expect(tally()).toEqual({ wardCode: WARD_A, month: MONTH, respondents: 1, counts: { drugs: 1, parking: 1 }, sample: false });
  });

  it("counts a confirmed follower of the ward at once and sends a receipt, answering exactly as for anyone else", async () => {
    await followAction({ request: post(`/wards/${WARD_A}/follow`, new URLSearchParams({ email: "follower@example.org", frequency: "monthly" })), params: { code: WARD_A }, context: { clientIp: "203.0.113.9" } });
    await sender.runOnce();
    await click((await mailbox.waitFor(1))[0]!);
    expect(db.select().from(wardFollows).all()).toHaveLength(1);

    const follower = await say([["themes", "environment"], ["email", "follower@example.org"]]);
    const stranger = await say([["themes", "environment"], ["email", "stranger@example.org"]]);
    expect([follower.status, follower.headers.get("Location")]).toEqual([stranger.status, stranger.headers.get("Location")]);
    expect(tally()).toMatchObject({ respondents: 1, counts: { environment: 1 } });
    await sender.runOnce();
    const [, receipt, confirmation] = await mailbox.waitFor(3);
    expect(receipt!.subject).toBe("Your response for Park Wood & Mangravet has been counted");
    expect(receipt!.text).toContain("/alerts/manage/");
    expect(confirmation!.subject).toBe("Confirm your response for Park Wood & Mangravet");
  });

  it("lets the resident delete their responses from the manage link, and deleting everything deletes them too", async () => {
    await say([["themes", "roads"], ["email", "leaver@example.org"]]);
    await sender.runOnce();
    await click((await mailbox.waitFor(1))[0]!);
    await say([["themes", "asb"], ["email", "leaver@example.org"]], "198.51.100.7", "E05010411");
    await sender.runOnce();
    const confirmed = await click((await mailbox.waitFor(2))[1]!);
    const token = /\/alerts\/manage\/([A-Za-z0-9_-]+)/.exec(((await confirmed.json()) as { manageUrl: string }).manageUrl)![1]!;
    const page = await manageLoader({ request: new Request(`http://localhost/alerts/manage/${token}`), params: { token }, context: {} });
    expect(((await page.json()) as { responses: { wardName: string }[] }).responses.map((r) => r.wardName).sort()).toEqual(["Park Wood & Mangravet", "Wincheap"]);
    const deleted = (await manageAction({ request: post(`/alerts/manage/${token}`, new URLSearchParams({ _intent: "delete-responses" })), params: { token }, context: {} })) as Response;
    expect(deleted.headers.get("Location")).toBe(`/alerts/manage/${token}?done=delete-responses`);
    expect(db.select().from(residentResponses).all()).toEqual([]);
    expect(tally().respondents).toBe(0);

    await say([["themes", "parking"], ["email", "leaver@example.org"]]);
    await sender.runOnce();
    await click((await mailbox.waitFor(3))[2]!);
    expect(tally().respondents).toBe(1);
    await manageAction({ request: post(`/alerts/manage/${token}`, new URLSearchParams({ _intent: "delete" })), params: { token }, context: {} });
    expect(db.select().from(residentResponses).all()).toEqual([]);
  });

  it("drops a response whose link is never clicked, with the address, after 7 days", async () => {
    await say([["themes", "asb"], ["email", "never@example.org"]]);
    expect(db.select().from(residentResponses).all()).toHaveLength(1);
    deleteUnconfirmedAddresses(new Date(Date.now() + 8 * 24 * 3600_000));
    expect(db.select().from(residentResponses).all()).toHaveLength(0);
    expect(db.select().from(pendingConfirmations).all()).toHaveLength(0);
  });
});

describe("bad and hostile input", () => {
  it.each([
    ["no concern chosen", [["email", "a@example.org"]], "themes", "Choose at least one thing the team should focus on"],
    ["a concern outside the list", [["themes", "<b>aliens</b>"], ["email", "a@example.org"]], "themes", "Choose from the list of concerns"],
    ["four concerns", [["themes", "asb"], ["themes", "roads"], ["themes", "drugs"], ["themes", "parking"], ["email", "a@example.org"]], "themes", "Choose up to 3 concerns (you chose 4)"],
    ["a comment of 501 characters", [["themes", "asb"], ["comment", "x".repeat(501)], ["email", "a@example.org"]], "comment", "Your comment must be 500 characters or fewer (it has 501)"],
    ["HTML in the comment", [["themes", "asb"], ["comment", "<img src=x onerror=alert(1)>"], ["email", "a@example.org"]], "comment", "Your comment must not contain HTML or code such as <script>. Write it as plain text"],
    ["an address carrying a second header", [["themes", "asb"], ["email", "a@example.org\r\nBcc: b@example.org"]], "email", "Enter an email address in the correct format, like name@example.com"],
    ["no email address", [["themes", "asb"]], "email", "Enter your email address"],
  ] as [string, [string, string][], string, string][])("refuses %s with a clear message, stores and sends nothing", async (_, fields, field, message) => {
    const res = await say(fields);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { field: string; message: string }[] };
    expect(body.errors).toContainEqual({ field, message });
    expect(db.select().from(residentResponses).all()).toHaveLength(0);
    expect(db.select().from(outboxMessages).all()).toHaveLength(0);
  });

  it("keeps a 10 KB address out of the form it sends back", async () => {
    const res = await say([["themes", "asb"], ["email", `${"a".repeat(10_000)}@example.org`]]);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { values: { email: string } };
    expect(body.values.email.length).toBeLessThanOrEqual(320);
  });

  it("refuses a form posted from another site", async () => {
    const request = new Request(`http://localhost/wards/${WARD_A}/say`, { method: "POST", headers: { Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded" }, body: "themes=asb&email=a%40example.org" });
    await expect(sayAction({ request, params: { code: WARD_A }, context: {} })).rejects.toMatchObject({ status: 403 });
    expect(db.select().from(residentResponses).all()).toHaveLength(0);
  });

  it(`takes at most ${NETWORK_DAILY_LIMIT} responses a day from one network, then says so`, async () => {
    for (let i = 0; i < NETWORK_DAILY_LIMIT; i++) expect((await say([["themes", "asb"], ["email", `flood${i}@example.org`]], `192.0.2.${i % 200}`)).status).toBe(303);
    const refused = await say([["themes", "asb"], ["email", "one-more@example.org"]], "192.0.2.250");
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { errors: { message: string }[] }).errors[0]!.message).toBe("Too many responses have come from your internet connection today. Try again tomorrow");
    expect((await say([["themes", "asb"], ["email", "elsewhere@example.org"]], "198.51.100.20")).status).toBe(303);
  });
});
