// The sender: runs inside the server process (server.js starts it), never in tests
// unless a test starts it. Each tick it runs the mail jobs (digests, reminders, the
// clean-up: each writes to the outbox and is safe to run again), then claims due
// messages and sends them one at a time, marking each sent as soon as the mail server
// accepts it. So a crash loses nothing, and at most the one message in flight is sent
// again, with the same Message-ID, when the server starts again.
import { env } from "./env.server";
import { PermanentMailError, transportFromEnv, type MailTransport } from "./mail-transport.server";
import { claimDueMail, markMailFailed, markMailSent, releaseClaimedMail, type ClaimedMail } from "~/models/outbox.server";

/** A job answering { more: true } runs again straight after the mail it wrote has been sent. */
export type MailJob = { name: string; everyMs: number; run: (now: Date) => unknown };

const wantsMore = (result: unknown) => typeof result === "object" && result !== null && (result as { more?: unknown }).more === true;

export interface MailSenderOptions {
  transport?: MailTransport;
  from?: string;
  /** How often to look for due messages and jobs. */
  intervalMs?: number;
  jobs?: MailJob[];
  batchSize?: number;
  log?: (line: string) => void;
  now?: () => Date;
}

export interface MailSender {
  /** One pass: jobs that are due, then every due message. Resolves with what happened. */
  runOnce(): Promise<{ sent: number; failed: number; retrying: number }>;
  /** Run a pass soon (e.g. after a change that others are waiting to hear of). */
  nudge(): void;
  stop(): Promise<void>;
}

export function createMailSender(options: MailSenderOptions = {}): MailSender {
  const transport = options.transport ?? transportFromEnv();
  const from = options.from ?? env().MAIL_FROM;
  const intervalMs = options.intervalMs ?? 0;
  const batchSize = options.batchSize ?? 100;
  const log = options.log ?? (() => {});
  const now = options.now ?? (() => new Date());
  const jobs = options.jobs ?? [];
  const lastRun = new Map<string, number>();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  let stopped = false;
  let inFlight: ClaimedMail[] = [];

  async function sendOne(m: ClaimedMail): Promise<"sent" | "failed" | "pending"> {
    try {
      await transport.send({ from, to: m.toAddress, subject: m.subject, text: m.textBody, html: m.htmlBody, messageId: m.messageId, headers: JSON.parse(m.headers), date: m.createdAt });
      markMailSent(m.id, now());
      return "sent";
    } catch (error) {
      const outcome = markMailFailed(m, error instanceof Error ? error.message : String(error), { permanent: error instanceof PermanentMailError, now: now() });
      log(`mail ${m.id} (${m.kind}) not sent: ${error instanceof Error ? error.message : error}${outcome === "failed" ? " — marked failed" : " — will retry"}`);
      return outcome;
    }
  }

  async function runJobs(): Promise<boolean> {
    let more = false;
    for (const job of jobs) {
      const at = now();
      if (at.getTime() - (lastRun.get(job.name) ?? 0) < job.everyMs) continue;
      try {
        if (wantsMore(await job.run(at))) more = true;
        else lastRun.set(job.name, at.getTime());
      } catch (error) {
        lastRun.set(job.name, at.getTime());
        log(`mail job ${job.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : error}`);
      }
    }
    return more;
  }

  async function pass() {
    const totals = { sent: 0, failed: 0, retrying: 0 };
    let more = true;
    while (more && !stopped) {
      more = await runJobs();
      const sent = await sendDue();
      totals.sent += sent.sent;
      totals.failed += sent.failed;
      totals.retrying += sent.retrying;
    }
    return totals;
  }

  async function sendDue() {
    const totals = { sent: 0, failed: 0, retrying: 0 };
    while (!stopped) {
      inFlight = claimDueMail(now(), batchSize);
      if (inFlight.length === 0) break;
      for (const [i, m] of inFlight.entries()) {
        if (stopped) {
          releaseClaimedMail(inFlight.slice(i).map((r) => r.id));
          break;
        }
        const outcome = await sendOne(m);
        if (outcome === "sent") totals.sent++;
        else if (outcome === "failed") totals.failed++;
        else totals.retrying++;
      }
      inFlight = [];
    }
    return totals;
  }

  function runOnce() {
    const p = (running ?? Promise.resolve()).then(pass);
    running = p.finally(() => {
      if (running === p) running = null;
    });
    return p;
  }

  function schedule(delay: number) {
    if (stopped || intervalMs <= 0) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      runOnce()
        .catch((error) => log(`mail sender: ${error instanceof Error ? error.message : error}`))
        .finally(() => schedule(intervalMs));
    }, delay);
    timer.unref();
  }

  // Whatever a stopped process had claimed and not finished is due again.
  const released = releaseClaimedMail();
  if (released) log(`mail sender: ${released} message(s) interrupted earlier are due again`);
  schedule(0);

  return {
    runOnce,
    nudge: () => schedule(0),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => {});
      transport.close();
    },
  };
}

const globalForSender = globalThis as unknown as { __mailSender?: MailSender };

/** The server's sender, started once (server.js calls this after loading the build). */
export function startMailSender(jobs: MailJob[] = []): MailSender | null {
  if (env().MAIL_SENDER === "off") return null;
  if (!globalForSender.__mailSender) {
    const transport = transportFromEnv();
    console.log(`Mail: sending through ${transport.description}`);
    globalForSender.__mailSender = createMailSender({ transport, intervalMs: 2_000, jobs, log: (line) => console.error(line) });
  }
  return globalForSender.__mailSender;
}

/** Ask the running sender (if any) to look at the outbox now. */
export function nudgeMailSender(): void {
  globalForSender.__mailSender?.nudge();
}

