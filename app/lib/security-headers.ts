// Headers every response carries. The CSP allows only this origin, plus the
// optional base-map tile host for images.
export function securityHeaders({ production, tileOrigin }: { production: boolean; tileOrigin?: string | null }): Record<string, string> {
  const img = ["'self'", "data:", tileOrigin].filter(Boolean).join(" ");
  const headers: Record<string, string> = {
    "Content-Security-Policy": [
      "default-src 'self'",
      "script-src 'self' 'unsafe-inline'",
      "style-src 'self' 'unsafe-inline'",
      `img-src ${img}`,
      "connect-src 'self'" + (production ? "" : " ws://localhost:*"),
      "font-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join("; "),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "geolocation=(self), camera=(), microphone=()",
  };
  if (production) headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  return headers;
}
