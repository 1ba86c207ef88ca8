// The outbox, the sender and confirm-by-email, through the real follow and confirm
// routes, into a real SMTP server: what is sent, when, how often, and what is refused.
import { eq } from "drizzle-orm";
import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { outboxMessages, pendingConfirmations, residentAddresses, wardFollows } from "../../db/schema";
import type { Db } from "~/lib/db.server";
import { createMailSender, type MailSender } from "~/lib/mail-sender.server";
import { smtpTransport } from "~/lib/mail-transport.server";
import { isConfirmedAddress } from "~/models/confirmation.server";
import { deleteUnconfirmedAddresses } from "~/models/confirmation-purposes.server";
import { enqueueMail, MAX_ATTEMPTS, releaseClaimedMail, claimDueMail } from "~/models/outbox.server";
import { action as confirmAction, loader as confirmLoader } from "~/routes/confirm.$token";
import { action as followAction } from "~/routes/wards.$code_.follow";
import { dbWithSampleData } from "./helpers/db";
import { startTestMailbox, type TestMailbox } from "./helpers/smtp";
import { WARD_A } from "./helpers/staff";

let db: Db;
let mailbox: TestMailbox;
let sender: MailSender;
// The follow route writes at the real time; tests move the sender's clock on from there.
let offset = 0;
const now = () => new Date(Date.now() + offset);

function follow(email: string, frequency = "daily", ip = "203.0.113.7", ward = WARD_A) {
  const request = new Request(`http://localhost/wards/${ward}/follow`, {
    method: "POST",
    headers: { Origin: "http://localhost", "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, frequency }).toString(),
  });
  return followAction({ request, params: { code: ward }, context: { clientIp: ip } });
}

const confirmRequest = (token: string, method = "POST") =>
  new Request(`http://localhost/confirm/${token}`, { method, headers: method === "POST" ? { Origin: "http://localhost", "Content-Type": "application/x-www-form-urlencoded" } : {} });

const tokenIn = (mail: ParsedMail) => /\/confirm\/([A-Za-z0-9_-]+)/.exec(mail.text ?? "")?.[1] ?? "";
const outbox = () => db.select().from(outboxMessages).all();

beforeAll(async () => {
  db = dbWithSampleData();
  mailbox = await startTestMailbox();
  sender = createMailSender({ transport: smtpTransport(mailbox.url), from: "Kent Neighbourhood Policing <alerts@example.org>", now });
});

afterAll(async () => {
  await sender.stop();
  await mailbox.close();
});

beforeEach(() => {
  db.delete(outboxMessages).run();
  db.delete(residentAddresses).run();
  mailbox.messages.length = 0;
  offset = 0; // deleting the addresses above resets the per-address and per-origin limits
});

describe("following a ward", () => {
  it("sends one confirmation link and follows nothing until it is clicked; the click confirms the address and starts the follow", async () => {
    const response = (await follow("  Jo.Resident@Example.org ")) as Response;
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe(`/wards/${WARD_A}/follow?sent=1`);
    expect(db.select().from(wardFollows).all()).toHaveLength(0);
    expect(isConfirmedAddress("jo.resident@example.org")).toBe(false);

    expect((await sender.runOnce()).sent).toBe(1);
    const [mail] = await mailbox.waitFor(1);
    expect(mail!.to).toMatchObject({ value: [{ address: "jo.resident@example.org" }] });
    expect(mail!.subject).toBe("Confirm email alerts for Park Wood & Mangravet");
    expect(mail!.text).toContain("In an emergency, call 999.");
    expect(mail!.text).toContain("Sample data");
    expect(mail!.html).toContain("Confirm email alerts");
    expect(mail!.messageId).toBe(outbox()[0]!.messageId);

    const token = tokenIn(mail!);
    const before = await confirmLoader({ request: confirmRequest(token, "GET"), params: { token }, context: {} });
    expect(before.status).toBe(200);
    expect(((await before.json()) as { description: { heading: string } }).description.heading).toContain("Park Wood & Mangravet");
    expect(db.select().from(wardFollows).all()).toHaveLength(0); // opening the link (a mail scanner does) confirms nothing

    const confirmed = await confirmAction({ request: confirmRequest(token), params: { token }, context: {} });
    expect(confirmed.status).toBe(200);
    expect(isConfirmedAddress("jo.resident@example.org")).toBe(true);
    expect(db.select().from(wardFollows).all()).toMatchObject([{ wardCode: WARD_A, frequency: "daily" }]);

    const again = await confirmAction({ request: confirmRequest(token), params: { token }, context: {} });
    expect(again.status).toBe(410);
    expect(await again.json()).toEqual({ ok: false, state: "used" });
  });

  it("answers a known address exactly as an unknown one, and sends at most 3 confirmations a day to one address", async () => {
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push((await follow("sam@example.org", "daily", `198.51.100.${i}`)) as Response);
    const fresh = (await follow("new.person@example.org", "daily", "198.51.100.99")) as Response;
    for (const a of [...answers, fresh]) {
      expect(a.status).toBe(303);
      expect(a.headers.get("Location")).toBe(`/wards/${WARD_A}/follow?sent=1`);
    }
    await sender.runOnce();
    const to = (address: string) => mailbox.messages.filter((m) => m.to && !Array.isArray(m.to) && m.to.value[0]?.address === address);
    expect(to("sam@example.org")).toHaveLength(3);
    expect(to("new.person@example.org")).toHaveLength(1);
  });

  it("limits requests from one client address, and says so without naming any email address", async () => {
    for (let i = 0; i < 20; i++) expect(((await follow(`person${i}@example.org`, "monthly", "192.0.2.1")) as Response).status).toBe(303);
    const refused = (await follow("victim@example.org", "monthly", "192.0.2.1")) as Response;
    expect(refused.status).toBe(429);
    const body = (await refused.json()) as { errors: { message: string }[] };
    expect(body.errors[0]!.message).toMatch(/Too many alert requests have come from your internet connection/);
    expect(body.errors[0]!.message).not.toContain("victim");
    expect(outbox().filter((m) => m.toAddress === "victim@example.org")).toHaveLength(0);
  });

  it.each([
    ["a line break with a second header", "jo@example.org\r\nBcc: everyone@example.org"],
    ["two recipients", "jo@example.org, other@example.org"],
    ["markup", "<script>alert(1)</script>@example.org"],
    ["no domain", "jo@"],
    ["10 KB", `${"a".repeat(10_240)}@example.org`],
    ["nothing", ""],
  ])("refuses %s with a message, and sends nothing", async (_name, email) => {
    const response = (await follow(email)) as Response;
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { field: string; message: string }[]; values: { email: string } };
    expect(body.errors[0]!.field).toBe("email");
    expect(body.errors[0]!.message).toMatch(/^Enter (your email address|an email address in the correct format)|must be 254 characters or fewer/);
    expect(body.values.email.length).toBeLessThanOrEqual(320);
    expect(outbox()).toHaveLength(0);
    expect(db.select().from(residentAddresses).all()).toHaveLength(0);
  });

  it("refuses an unknown ward with a 404 and writes nothing", async () => {
    await expect(follow("jo@example.org", "daily", "203.0.113.8", "E05999999")).rejects.toMatchObject({ status: 404 });
    expect(outbox()).toHaveLength(0);
  });

  it("refuses an expired link, an unknown one and one that is not a token at all", async () => {
    await follow("late@example.org");
    await sender.runOnce();
    const token = tokenIn((await mailbox.waitFor(1))[0]!);
    offset += 8 * 24 * 3600_000;
    const { confirm } = await import("~/models/confirmation-purposes.server");
    expect(confirm(token, now())).toEqual({ ok: false, state: "expired" });
    expect(confirm(token.replace(/^./, (c) => (c === "A" ? "B" : "A")), now())).toEqual({ ok: false, state: "unknown" });
    const junk = await confirmLoader({ request: confirmRequest("<script>", "GET"), params: { token: "<script>" }, context: {} });
    expect(junk.status).toBe(404);
    expect(db.select().from(wardFollows).all()).toHaveLength(0);
  });

  it("deletes addresses never confirmed, and their links, after 7 days; keeps confirmed ones", async () => {
    await follow("never@example.org");
    await follow("keen@example.org");
    await sender.runOnce();
    const keen = mailbox.messages.find((m) => m.text?.includes("keen") || (m.to && !Array.isArray(m.to) && m.to.value[0]?.address === "keen@example.org"))!;
    const { confirm } = await import("~/models/confirmation-purposes.server");
    expect(confirm(tokenIn(keen), now()).ok).toBe(true);
    expect(deleteUnconfirmedAddresses(new Date(Date.now() + offset + 6 * 24 * 3600_000))).toEqual({ confirmations: 0, addresses: 0 });
    const result = deleteUnconfirmedAddresses(new Date(Date.now() + offset + 8 * 24 * 3600_000));
    expect(result).toEqual({ confirmations: 1, addresses: 1 });
    expect(db.select({ email: residentAddresses.email }).from(residentAddresses).all()).toEqual([{ email: "keen@example.org" }]);
    expect(db.select().from(pendingConfirmations).all()).toHaveLength(1);
  });
});

describe("the outbox and sender", () => {
  const write = (key: string | null = null) =>
    db.transaction((tx) => enqueueMail(tx, { kind: "reminder", to: "editor@kent.police.uk", subject: "Monthly updates due", text: "Hello", dedupeKey: key, at: now() }));

  it("writes a message with a given key once only", () => {
    expect(write("reminder:1:2026-12")).toBeTypeOf("number");
    expect(write("reminder:1:2026-12")).toBeNull();
    expect(outbox()).toHaveLength(1);
  });

  it("retries a temporary refusal after a backoff, with the same Message-ID", async () => {
    write();
    mailbox.refuseNext(1, 451);
    expect(await sender.runOnce()).toEqual({ sent: 0, failed: 0, retrying: 1 });
    const [row] = outbox();
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    expect(row!.nextAttemptAt.getTime()).toBeGreaterThan(now().getTime());
    expect((await sender.runOnce()).sent).toBe(0); // not due yet
    offset += 61_000;
    expect((await sender.runOnce()).sent).toBe(1);
    expect(mailbox.messages[0]!.messageId).toBe(row!.messageId);
  });

  it(`marks a message failed after ${MAX_ATTEMPTS} temporary refusals, or at once on a permanent one`, async () => {
    write("a");
    mailbox.refuseNext(MAX_ATTEMPTS, 451);
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await sender.runOnce();
      offset += 7 * 3600_000;
    }
    expect(outbox()[0]).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
    write("b");
    mailbox.refuseNext(1, 550);
    expect((await sender.runOnce()).failed).toBe(1);
    expect(outbox().find((m) => m.dedupeKey === "b")).toMatchObject({ status: "failed", attempts: 1 });
    expect(mailbox.messages).toHaveLength(0);
  });

  it("gives back a message claimed by a sender that died, and sends it once with its Message-ID", async () => {
    write();
    const [claimed] = claimDueMail(now());
    expect(claimed).toMatchObject({ status: "sending" });
    expect((await sender.runOnce()).sent).toBe(0); // still claimed
    expect(releaseClaimedMail()).toBe(1);
    expect((await sender.runOnce()).sent).toBe(1);
    expect(mailbox.messages.map((m) => m.messageId)).toEqual([claimed!.messageId]);
    expect(db.select().from(outboxMessages).where(eq(outboxMessages.id, claimed!.id)).get()).toMatchObject({ status: "sent" });
  });
});
