// Request logs as JSON lines on stdout, one per request: a request id (also sent back
// as X-Request-Id, so a person reporting a problem can quote it), method, path, status,
// time taken, and the signed-in user's id when there is one, so every staff action can
// be traced to an account. One-time set-password, confirmation and manage links are redacted.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

export type RequestState = { requestId: string; userId?: string };
const current = new AsyncLocalStorage<RequestState>();

/** Called by the session check: the user this request acts as, for its log line. */
export function noteSignedInUser(userId: string): void {
  const state = current.getStore();
  if (state) state.userId = userId;
}

export function currentRequestId(): string | undefined {
  return current.getStore()?.requestId;
}

export function redactPath(url: string): string {
  return url.replace(/^\/(set-password|confirm|alerts\/manage|alerts\/unsubscribe)\/[^/?#]+/, "/$1/[redacted]");
}

// Lines are gathered and written once per turn of the event loop: under load one
// write call for many requests, not one each (it was a fifth of a cached page's
// cost). Whatever is gathered is written before the process exits, however it exits
// short of SIGKILL.
let gathered = "";
let flushing = false;
function flushLog(): void {
  flushing = false;
  if (gathered === "") return;
  const lines = gathered;
  gathered = "";
  process.stdout.write(lines);
}
process.once("exit", flushLog);
function writeStdout(line: string): void {
  gathered += line;
  if (gathered.length >= 64 * 1024) flushLog();
  else if (!flushing) {
    flushing = true;
    setImmediate(flushLog);
  }
}

type Line = Record<string, string | number | boolean | null | undefined>;
export function logLine(fields: Line, write: (line: string) => void = writeStdout): void {
  write(JSON.stringify({ time: new Date().toISOString(), ...fields }) + "\n");
}

// A proxy's request id is kept when the proxy is trusted and the id looks like one.
const INCOMING_ID = /^[A-Za-z0-9._:-]{8,64}$/;

type Next = (error?: unknown) => void;
type Req = IncomingMessage & { originalUrl?: string; ip?: string };

export interface RequestLogOptions {
  /** Keep a trusted proxy's X-Request-Id. */
  trustIncomingId?: boolean;
  write?: (line: string) => void;
  /** The client's address as the log names it (server.js: Express's req.ip, so TRUST_PROXY applies). */
  clientIp?: (req: Req) => string | undefined;
}

/**
 * The start of one request's log: its id (sent back as X-Request-Id) and, when the
 * response has gone, its line. server.js calls this for every request, whichever
 * path answers it, so every answer is logged the same way; the returned state is
 * what the rest of the request runs inside (runWithin).
 */
export function startRequestLog(req: Req, res: ServerResponse, { trustIncomingId = false, write, clientIp = (r) => r.ip }: RequestLogOptions = {}): RequestState {
  const incoming = req.headers["x-request-id"];
  const requestId = trustIncomingId && typeof incoming === "string" && INCOMING_ID.test(incoming) ? incoming : randomUUID();
  const state: RequestState = { requestId };
  const started = process.hrtime.bigint();
  res.setHeader("X-Request-Id", requestId);
  const done = (aborted: boolean) => {
    logLine(
      {
        level: res.statusCode >= 500 ? "error" : "info",
        requestId,
        method: req.method,
        path: redactPath(req.originalUrl ?? req.url ?? ""),
        status: aborted ? null : res.statusCode,
        ms: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
        bytes: Number(res.getHeader("content-length") ?? 0) || undefined,
        userId: state.userId,
        ip: clientIp(req),
        aborted: aborted || undefined,
      },
      write,
    );
  };
  let logged = false;
  res.once("finish", () => !logged && ((logged = true), done(false)));
  res.once("close", () => !logged && ((logged = true), done(!res.writableFinished)));
  return state;
}

/** Runs the rest of a request inside its log state, so the session check can name the user. */
export function runWithin<T>(state: RequestState, run: () => T): T {
  return current.run(state, run);
}

/** The same as Express middleware. */
export function requestLog(options: RequestLogOptions = {}) {
  return (req: Req, res: ServerResponse, next: Next) => {
    const state = startRequestLog(req, res, options);
    current.run(state, () => next());
  };
}
