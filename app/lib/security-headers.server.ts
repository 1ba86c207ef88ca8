// The security headers. server.js sets them on every response (documents, data,
// resource routes, redirects, static files); entry.server.tsx also sets them on
// documents and data requests, so they are there under \`remix dev\` too.
import { env } from "./env.server";
import { securityHeaders } from "./security-headers";

export function securityHeadersForEveryResponse(): Record<string, string> {
  const { NODE_ENV, MAP_TILE_URL } = env();
  const tileOrigin = MAP_TILE_URL ? new URL(MAP_TILE_URL.replace(/\{s\}/g, "a")).origin : null;
  return securityHeaders({ production: NODE_ENV === "production", tileOrigin });
}

export function applySecurityHeaders(headers: Headers): void {
  for (const [name, value] of Object.entries(securityHeadersForEveryResponse())) {
    if (!headers.has(name)) headers.set(name, value);
  }
}
