// When another process holds SQLite's write lock (a command-line import, a backup
// restore, another server), a write here fails after the server's short busy_timeout.
// That is not a fault in the service: the person is told to try again in a few
// seconds (503 with Retry-After), rather than shown a 500 or left waiting.
// Two people saving the same unique thing at the same moment is a conflict (409).
import type { ServerResponse } from "node:http";
import { isBusyError } from "../db.server";

export const RETRY_AFTER_SECONDS = 5;
export const BUSY_MESSAGE = "The service is busy saving other changes, so nothing was saved. Go back and send it again in a few seconds.";
export const CONFLICT_MESSAGE = "Someone else saved a change to this at the same moment, so yours was not saved. Reload the page to see theirs, then try again.";

const isUniqueViolation = (error: unknown) => (error as { code?: unknown } | null)?.code === "SQLITE_CONSTRAINT_UNIQUE" || (error as { code?: unknown } | null)?.code === "SQLITE_CONSTRAINT_PRIMARYKEY";

/** The response for a database error a person can recover from by trying again, or null. */
export function responseForDatabaseError(error: unknown): Response | null {
  const headers = { "Content-Type": "text/plain; charset=utf-8", "Retry-After": String(RETRY_AFTER_SECONDS) };
  if (isBusyError(error)) return new Response(BUSY_MESSAGE, { status: 503, headers });
  if (isUniqueViolation(error)) return new Response(CONFLICT_MESSAGE, { status: 409, headers: { "Content-Type": headers["Content-Type"] } });
  return null;
}

type DataFunction = (args: unknown) => unknown;
type RouteModule = { loader?: DataFunction; action?: DataFunction; [key: string]: unknown };
type Build = { routes: Record<string, { module: RouteModule; [key: string]: unknown }>; [key: string]: unknown };

function guarded(run: DataFunction): DataFunction {
  return async (args) => {
    try {
      return await run(args);
    } catch (error) {
      throw responseForDatabaseError(error) ?? error;
    }
  };
}

/** The server build with every loader and action turning busy and conflict errors into their responses. */
export function withDatabaseErrorResponses<T extends Build>(build: T): T {
  const routes: Build["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    const module: RouteModule = { ...route.module };
    if (module.loader) module.loader = guarded(module.loader);
    if (module.action) module.action = guarded(module.action);
    routes[id] = { ...route, module };
  }
  return { ...build, routes };
}

/**
 * Remix passes a thrown response's headers on for data requests but not for pages;
 * this puts Retry-After on every 503 the server sends.
 */
export function retryAfterOn503(_req: unknown, res: ServerResponse, next: () => void) {
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse["writeHead"]>) {
    if (args[0] === 503 && !this.hasHeader("retry-after")) this.setHeader("Retry-After", String(RETRY_AFTER_SECONDS));
    return writeHead.apply(this, args);
  } as ServerResponse["writeHead"];
  next();
}
