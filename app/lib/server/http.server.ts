// The HTTP side of running as a service: which methods are answered, health checks,
// the last-resort error page, timeouts and a connection cap, and a graceful stop.
import http from "node:http";
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { closeDatabase, getDb } from "../db.server";
import { logLine } from "./request-log.server";
import { readiness } from "./startup.server";

type Next = (error?: unknown) => void;

// Pages take GET and HEAD, forms POST. Anything else (PUT, PATCH, DELETE, TRACE ...)
// gets a 405 here: Remix would run a form's action for a PUT, and fails on TRACE.
const METHODS = new Set(["GET", "HEAD", "POST"]);
export const ALLOWED_METHODS = [...METHODS].join(", ");

export function onlyKnownMethods(req: IncomingMessage, res: ServerResponse, next: Next) {
  if (METHODS.has(req.method ?? "")) return next();
  res.writeHead(405, { Allow: ALLOWED_METHODS, "Content-Type": "text/plain; charset=utf-8" });
  res.end("This address only answers GET, HEAD and POST.");
}

let stopping = false;

/** /healthz: the process is alive. /readyz: it can serve (database readable, migrations current, not stopping). */
export function healthChecks(req: IncomingMessage & { path?: string }, res: ServerResponse, next: Next) {
  if (req.path !== "/healthz" && req.path !== "/readyz") return next();
  if (req.method !== "GET" && req.method !== "HEAD") return next();
  const check = req.path === "/healthz" ? { ok: true as const } : stopping ? { ok: false as const, reason: "stopping" } : readiness(getDb().$client);
  res.writeHead(check.ok ? 200 : 503, { "Content-Type": "application/json", "Cache-Control": "no-store" });
  res.end(JSON.stringify(check.ok ? { status: "ok" } : { status: "unavailable", reason: check.reason }));
}

/** Express's own error page shows the stack and file paths; this one says only what a person needs. */
export function errorPage(error: unknown, req: IncomingMessage, res: ServerResponse, _next: Next) {
  const status = Number((error as { status?: unknown; statusCode?: unknown })?.status ?? (error as { statusCode?: unknown })?.statusCode);
  const clientError = Number.isInteger(status) && status >= 400 && status < 500;
  if (!clientError) logLine({ level: "error", msg: "unhandled error", method: req.method, error: error instanceof Error ? error.stack ?? error.message : String(error) }, (line) => process.stderr.write(line));
  if (res.headersSent) return res.destroy();
  res.writeHead(clientError ? status : 500, { "Content-Type": "text/plain; charset=utf-8" });
  res.end(clientError ? "The request could not be understood." : "Sorry, there is a problem with the service. Try again later.");
}

export const LIMITS = {
  // All of a request's headers must arrive within this, and the whole request (body too) within requestTimeout.
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  // An idle kept-alive connection is closed after this (a reverse proxy in front should use a longer one).
  keepAliveTimeoutMs: 5_000,
  // How often Node looks for connections past those limits (its default is 30 s).
  connectionsCheckingIntervalMs: 2_000,
  maxConnections: 1_000,
  // On SIGTERM, requests already being answered get this long to finish.
  drainMs: 10_000,
};

const fromEnv = (name: string, fallback: number) => (Number(process.env[name]) > 0 ? Number(process.env[name]) : fallback);

/** An HTTP server for the app with the limits above (HEADERS_TIMEOUT_MS, REQUEST_TIMEOUT_MS and MAX_CONNECTIONS override them). */
export function createHttpServer(app: RequestListener, defaults = LIMITS): http.Server {
  const limits = {
    ...defaults,
    headersTimeoutMs: fromEnv("HEADERS_TIMEOUT_MS", defaults.headersTimeoutMs),
    requestTimeoutMs: fromEnv("REQUEST_TIMEOUT_MS", defaults.requestTimeoutMs),
    maxConnections: fromEnv("MAX_CONNECTIONS", defaults.maxConnections),
  };
  // Node requires the header limit to be no longer than the whole request's.
  limits.headersTimeoutMs = Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs);
  const server = http.createServer(
    { headersTimeout: limits.headersTimeoutMs, requestTimeout: limits.requestTimeoutMs, connectionsCheckingInterval: limits.connectionsCheckingIntervalMs },
    app,
  );
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;
  return server;
}

/**
 * On SIGTERM or SIGINT: /readyz turns 503, no new connections are taken, idle ones are
 * closed, requests in flight finish (for up to drainMs), then the WAL is checkpointed
 * into the database file and the process exits 0.
 */
export function stopGracefullyOn(server: http.Server, signals: NodeJS.Signals[] = ["SIGTERM", "SIGINT"], drainMs = LIMITS.drainMs) {
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logLine({ level: "info", msg: "stopping", signal });
    const finish = () => {
      try {
        closeDatabase();
        logLine({ level: "info", msg: "stopped: database checkpointed and closed" });
        process.exit(0);
      } catch (error) {
        logLine({ level: "error", msg: "stopped: database could not be closed", error: String(error) });
        process.exit(1);
      }
    };
    server.close(finish);
    // Kept-alive connections are closed as soon as their response has gone.
    server.closeIdleConnections();
    setInterval(() => server.closeIdleConnections(), 100).unref();
    setTimeout(() => {
      logLine({ level: "warn", msg: "stopping: requests still open after the drain time were cut off" });
      server.closeAllConnections();
    }, drainMs).unref();
  };
  for (const signal of signals) process.on(signal, () => stop(signal));
}
