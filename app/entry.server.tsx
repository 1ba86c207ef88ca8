import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext, HandleDataRequestFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
// server.js sets the security headers on every response it sends and refuses
// cross-site form posts before Remix sees them; it reads both rules from here.
export { securityHeadersForEveryResponse } from "~/lib/security-headers.server";
export { CROSS_SITE_MESSAGE, isCrossSiteWrite } from "~/lib/request.server";
// server.js starts the mail sender once it is listening.
export { startServerMail } from "~/lib/mail-jobs.server";

const ABORT_DELAY = 5_000;

// Staff pages must not be kept by shared computers' caches, or shown again from history after signing out.
const PRIVATE_PAGES = /^\/(staff|admin|login|logout|set-password|partners|confirm|alerts)(\/|$)/;

function applyCachePolicy(request: Request, headers: Headers) {
  if (PRIVATE_PAGES.test(new URL(request.url).pathname)) headers.set("Cache-Control", "no-store");
}

export const handleDataRequest: HandleDataRequestFunction = (response, { request }) => {
  applyCachePolicy(request, response.headers);
  return response;
};

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  _loadContext: AppLoadContext,
) {
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />,
      {
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          applyCachePolicy(request, responseHeaders);
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}
