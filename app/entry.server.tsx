import type { AppLoadContext, EntryContext, HandleDataRequestFunction, HandleErrorFunction } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { StylesheetText } from "~/components/site-styles";
import { isPrivatePage, isPublicPage, PERSONAL, PUBLIC_PAGE_VARY, publicPageCacheControl } from "~/lib/cache-policy";
import { contentExpiry } from "~/lib/content-expiry.server";
import { documentSecurityPolicy } from "~/lib/security-headers.server";
import { builtStylesheetText } from "~/lib/stylesheet-text.server";
// server.js sets the security headers on every response it sends, refuses
// cross-site form posts before Remix sees them, answers /api/lookup ahead of
// Remix and keeps public pages in a response cache; it reads all four from here.
export { securityHeadersForEveryResponse } from "~/lib/security-headers.server";
export { CROSS_SITE_MESSAGE, isCrossSiteWrite } from "~/lib/request.server";
export { answerLookup, lookupApiHandler } from "~/lib/lookup-api.server";
export { createResponseCache } from "~/lib/response-cache.server";
// ... and runs as a service with these: start-up checks, request logs, health checks,
// limits, busy answers and a graceful stop (app/lib/server/).
export { openServerDatabase } from "~/lib/db.server";
export { checkDatabaseFile } from "~/lib/server/startup.server";
export { frontDoor } from "~/lib/server/front-door.server";
export { onlyKnownMethods, healthChecks, errorPage, createHttpServer, stopGracefullyOn } from "~/lib/server/http.server";
export { withDatabaseErrorResponses, retryAfterOn503 } from "~/lib/server/busy.server";
// server.js starts the mail sender once it is listening.
export { startServerMail } from "~/lib/mail-jobs.server";
import { currentRequestId, logLine } from "~/lib/server/request-log.server";

function applyCachePolicy(request: Request, status: number, headers: Headers) {
  const { pathname } = new URL(request.url);
  if (isPrivatePage(pathname)) headers.set("Cache-Control", "no-store");
  else if (request.headers.has("cookie")) headers.set("Cache-Control", PERSONAL);
  else if (isPublicPage(pathname) && status === 200 && !headers.has("Set-Cookie")) {
    const changesAt = contentExpiry();
    headers.set("Cache-Control", publicPageCacheControl(changesAt === null ? Infinity : (changesAt - Date.now()) / 1000));
    headers.set("Vary", PUBLIC_PAGE_VARY);
  }
}

// Errors go to the log with the request's id, never to the page.
export const handleError: HandleErrorFunction = (error, { request }) => {
  // Responses thrown on purpose (404, 403, 503 ...) are answers, not failures.
  if (request.signal.aborted || error instanceof Response || (typeof error === "object" && error !== null && "status" in error && "data" in error && Number(error.status) < 500)) return;
  logLine({ level: "error", msg: "request failed", requestId: currentRequestId(), error: error instanceof Error ? (error.stack ?? error.message) : String(error) }, (line) => process.stderr.write(line));
};

export const handleDataRequest: HandleDataRequestFunction = (response, { request }) => {
  applyCachePolicy(request, response.status, response.headers);
  return response;
};

/**
 * Documents are rendered whole (no page here streams: nothing is deferred), so
 * that their Content-Security-Policy can name the SHA-256 of each inline script
 * Remix writes (the loader data, the module imports, scroll restoration), and a
 * cached copy carries the policy made for its own bytes.
 */
export default function handleRequest(request: Request, responseStatusCode: number, responseHeaders: Headers, remixContext: EntryContext, _loadContext: AppLoadContext) {
  const html =
    "<!DOCTYPE html>" +
    renderToString(
      <StylesheetText.Provider value={builtStylesheetText}>
        <RemixServer context={remixContext} url={request.url} />
      </StylesheetText.Provider>,
    );
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  responseHeaders.set("Content-Security-Policy", documentSecurityPolicy(html));
  applyCachePolicy(request, responseStatusCode, responseHeaders);
  return new Response(html, { headers: responseHeaders, status: responseStatusCode });
}
