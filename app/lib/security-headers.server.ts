// The security headers. server.js sets them on every response it sends: documents,
// data, resource routes, redirects, errors and static files.
import { env } from "./env.server";
import { securityHeaders } from "./security-headers";

export function securityHeadersForEveryResponse(): Record<string, string> {
  const { NODE_ENV, MAP_TILE_URL } = env();
  const tileOrigin = MAP_TILE_URL ? new URL(MAP_TILE_URL.replace(/\{s\}/g, "a")).origin : null;
  return securityHeaders({ production: NODE_ENV === "production", tileOrigin });
}
