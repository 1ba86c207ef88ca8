// Checks every state-changing request passes before anything else happens.
import type { AppLoadContext } from "@remix-run/node";
import { env } from "./env.server";

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

// Forms here are a few kilobytes; refusing anything far bigger before parsing it
// stops one request from tying up the server.
export const MAX_FORM_BYTES = 64 * 1024;

const ONE_CLICK_UNSUBSCRIBE = /^\/alerts\/unsubscribe\/[A-Za-z0-9_-]+$/;

export function isStateChanging(request: Request): boolean {
  return UNSAFE_METHODS.has(request.method.toUpperCase());
}

function hostOf(value: string): string | null {
  try {
    return new URL(value).host;
  } catch {
    return null;
  }
}

/**
 * Is this a state-changing request from somewhere other than our own pages?
 * Browsers send Origin with every POST; when a privacy setting strips it, Referer
 * is checked instead. A request with neither is refused: no page of ours sends one.
 */
export function isCrossSiteWrite(method: string, headers: Headers, requestUrl: string): boolean {
  if (!UNSAFE_METHODS.has(method.toUpperCase())) return false;
  // RFC 8058 one-click unsubscribe is posted by mail providers' servers, from nowhere on
  // this site; the token in the address is the only credential, and it only stops mail.
  if (ONE_CLICK_UNSUBSCRIBE.test(new URL(requestUrl).pathname)) return false;
  const source = headers.get("origin") ?? headers.get("referer");
  if (!source || source === "null") return true;
  const sourceHost = hostOf(source);
  if (!sourceHost) return true;
  const { APP_ORIGIN } = env();
  if (APP_ORIGIN) return new URL(source).origin !== new URL(APP_ORIGIN).origin;
  return sourceHost !== new URL(requestUrl).host;
}

export const CROSS_SITE_MESSAGE = "This form was sent from another website, so it has been refused. Go back to the page and try again.";

/** Throws a 403 for a cross-site POST (or PUT, PATCH, DELETE). Does nothing for GET. */
export function assertSameOrigin(request: Request): void {
  if (isCrossSiteWrite(request.method, request.headers, request.url)) {
    throw new Response(CROSS_SITE_MESSAGE, { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
}

/** The form fields, refusing oversized bodies before reading them. */
export async function readForm(request: Request): Promise<FormData> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_FORM_BYTES) throw new Response("The form sent was too large.", { status: 413 });
  const body = await readBounded(request);
  const type = request.headers.get("content-type") ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded")) throw new Response("Send the form from the page.", { status: 415 });
  const form = new FormData();
  for (const [name, value] of new URLSearchParams(body)) form.append(name, value);
  return form;
}

async function readBounded(request: Request): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_FORM_BYTES) {
      await reader.cancel();
      throw new Response("The form sent was too large.", { status: 413 });
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The client's address, from server.js (the socket, or the proxy's report when TRUST_PROXY is set); null elsewhere. */
export function clientIp(context: AppLoadContext | undefined): string | null {
  const ip = context?.clientIp;
  return typeof ip === "string" && ip.length > 0 && ip.length <= 64 ? ip : null;
}

declare module "@remix-run/node" {
  interface AppLoadContext {
    clientIp?: string | null;
  }
}
