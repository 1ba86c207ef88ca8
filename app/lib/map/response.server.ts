// Responses for boundary files that are built once per process and rarely
// change: compressed once (not on every request), a strong ETag per encoding,
// and a year's caching when the address names the current version.
import { createHash } from "node:crypto";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

export const GEOJSON_TYPE = "application/geo+json; charset=utf-8";

type Encoding = "br" | "gzip" | "identity";

export interface PreparedBody {
  contentType: string;
  /** The same bytes in each encoding a browser may ask for. */
  bodies: Record<Encoding, Buffer>;
  /** Strong validators, one per encoding: the bytes differ, so the tags must too. */
  etags: Record<Encoding, string>;
}

export function prepareBody(text: string, contentType = GEOJSON_TYPE): PreparedBody {
  const identity = Buffer.from(text, "utf8");
  const hash = createHash("sha256").update(identity).digest("base64url").slice(0, 22);
  return {
    contentType,
    bodies: {
      identity,
      gzip: gzipSync(identity, { level: 9 }),
      br: brotliCompressSync(identity, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length },
      }),
    },
    etags: { identity: `"${hash}"`, gzip: `"${hash}-gz"`, br: `"${hash}-br"` },
  };
}

/** The best encoding the request accepts (ignoring q-values other than q=0). */
export function chooseEncoding(acceptEncoding: string | null): Encoding {
  const accepted = new Set(
    (acceptEncoding ?? "")
      .split(",")
      .map((part) => part.trim().toLowerCase().split(";"))
      .filter(([, q]) => !q || !/^\s*q\s*=\s*0(\.0*)?\s*$/.test(q))
      .map(([name]) => name),
  );
  if (accepted.has("br")) return "br";
  if (accepted.has("gzip") || accepted.has("*")) return "gzip";
  return "identity";
}

/** If-None-Match uses weak comparison: any encoding of the same content is a match. */
function notModified(ifNoneMatch: string | null, body: PreparedBody): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  const ours = new Set(Object.values(body.etags));
  return ifNoneMatch.split(",").some((tag) => ours.has(tag.trim().replace(/^W\//, "")));
}

/**
 * Serve a prepared body. `current` says whether the requested address carries
 * the current version: if so it never changes and may be cached for a year;
 * otherwise the browser must check back (cheaply, with its ETag) each time.
 */
export function serveBody(request: Request, body: PreparedBody, { current }: { current: boolean }): Response {
  const encoding = chooseEncoding(request.headers.get("accept-encoding"));
  const headers = new Headers({
    "Content-Type": body.contentType,
    ETag: body.etags[encoding],
    Vary: "Accept-Encoding",
    "Cache-Control": current ? "public, max-age=31536000, immutable" : "public, no-cache",
    "Access-Control-Allow-Origin": "*",
    "X-Content-Type-Options": "nosniff",
  });
  if (notModified(request.headers.get("if-none-match"), body)) return new Response(null, { status: 304, headers });
  if (encoding !== "identity") headers.set("Content-Encoding", encoding);
  headers.set("Content-Length", String(body.bodies[encoding].length));
  const bytes = body.bodies[encoding];
  const view = new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.length);
  return new Response(request.method === "HEAD" ? null : view, { status: 200, headers });
}
