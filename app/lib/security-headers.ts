// Headers every response carries. The CSP allows only this origin, plus the
// optional base-map tile host for images. Scripts run only from this origin,
// or inline when the document's own policy names their SHA-256 hash (see
// inlineScriptHashes and docs/decisions/010-page-cache-and-csp.md).
import { createHash } from "node:crypto";

export function contentSecurityPolicy({ production, tileOrigin, scriptHashes = [] }: { production: boolean; tileOrigin?: string | null; scriptHashes?: readonly string[] }): string {
  const img = ["'self'", "data:", tileOrigin].filter(Boolean).join(" ");
  return [
    "default-src 'self'",
    ["script-src 'self'", ...scriptHashes.map((h) => `'${h}'`)].join(" "),
    "style-src 'self' 'unsafe-inline'",
    `img-src ${img}`,
    "connect-src 'self'" + (production ? "" : " ws://localhost:*"),
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function securityHeaders({ production, tileOrigin }: { production: boolean; tileOrigin?: string | null }): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Security-Policy": contentSecurityPolicy({ production, tileOrigin }),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "geolocation=(self), camera=(), microphone=()",
  };
  if (production) headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  return headers;
}

// An inline script is a <script> without src; its text is what the browser hashes.
const INLINE_SCRIPT = /<script\b(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/gi;

/** "sha256-…" for each distinct inline script of an HTML document, in order of appearance. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const match of html.matchAll(INLINE_SCRIPT)) {
    hashes.add(`sha256-${createHash("sha256").update(match[1]!, "utf8").digest("base64")}`);
  }
  return [...hashes];
}
