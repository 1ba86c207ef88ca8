// The security headers. server.js sets them on every response it sends: documents,
// data, resource routes, redirects, errors and static files. Documents then get a
// policy of their own, naming the hashes of the inline scripts they carry.
import { env } from "./env.server";
import { contentSecurityPolicy, inlineScriptHashes, securityHeaders } from "./security-headers";

function policyOptions() {
  const { NODE_ENV, MAP_TILE_URL } = env();
  const tileOrigin = MAP_TILE_URL ? new URL(MAP_TILE_URL.replace(/\{s\}/g, "a")).origin : null;
  return { production: NODE_ENV === "production", tileOrigin };
}

export function securityHeadersForEveryResponse(): Record<string, string> {
  return securityHeaders(policyOptions());
}

/** The Content-Security-Policy for one rendered HTML document: its own inline scripts may run, no others. */
export function documentSecurityPolicy(html: string): string {
  return contentSecurityPolicy({ ...policyOptions(), scriptHashes: inlineScriptHashes(html) });
}
