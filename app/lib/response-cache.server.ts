// The response cache server.js puts in front of Remix: anonymous GETs of public
// pages (app/lib/cache-policy.ts) are answered from memory, as precompressed
// bytes with their headers, for as long as nothing in the database has changed
// and the page's content has not run out by the clock. See
// docs/decisions/010-page-cache-and-csp.md for what it guarantees and why.
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { LRUCache } from "lru-cache";
import { isPublicPage } from "./cache-policy";
import { withContentExpiry } from "./content-expiry.server";
import { dataVersion } from "./data-version.server";
import { env } from "./env.server";
import { chooseEncoding } from "./map/response.server";

type Encoding = "br" | "gzip" | "identity";

interface Entry {
  /** The data version the page was rendered at: any write since makes it stale. */
  version: string;
  /** When it stops being true by the clock (ms since epoch). */
  expires: number;
  /** Of the unencoded body: the same for every encoding of one page. */
  hash: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** A page as Remix rendered it, before encoding. */
interface Rendered {
  version: string;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** Null when the response may not be kept: not a 200, a cookie set, or not marked public. */
  expires: number | null;
  hash: string;
  /** Its encodings, made on first use. */
  entries?: Partial<Record<Encoding, Promise<Entry>>>;
}

export interface ResponseCacheOptions {
  build: ServerBuild;
  mode?: string;
  /** Bytes of bodies held, across all entries. */
  maxBytes?: number;
  /** Entries held, whatever their size. */
  maxEntries?: number;
  /** The longest any entry is kept without a render, even if nothing changed. */
  maxAgeMs?: number;
  /** How pages are rendered; Remix's handler for the build unless a test gives another. */
  render?: (request: Request) => Promise<Response>;
}

export interface ResponseCacheStats {
  entries: number;
  bytes: number;
  hits: number;
  misses: number;
  bypasses: number;
}

// Addresses longer than this are answered, never kept: keys stay small.
const MAX_KEY_LENGTH = 1024;
// Headers that describe one connection or one encoding, not the page.
const NOT_KEPT = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding"]);

const compressors: Record<Exclude<Encoding, "identity">, (body: Buffer) => Promise<Buffer>> = {
  // Quality 5 is a few milliseconds even for /map, and within a few per cent of the best.
  br: (body) => promisify(brotliCompress)(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
  gzip: (body) => promisify(gzip)(body, { level: 6 }),
};

/**
 * The address without the host, with its query parameters in a fixed order:
 * `/map?colour=team`. Null for what is never kept. The host plays no part, so a
 * forged Host header can neither choose nor poison an entry.
 */
export function cacheKey(url: string): string | null {
  if (url.length > MAX_KEY_LENGTH) return null;
  const q = url.indexOf("?");
  const pathname = q === -1 ? url : url.slice(0, q);
  if (!isPublicPage(pathname)) return null;
  if (q === -1) return pathname;
  const params = new URLSearchParams(url.slice(q + 1));
  params.sort();
  const query = params.toString();
  return query ? `${pathname}?${query}` : pathname;
}

// Browsers send one of a handful of Accept-Encoding values: each is worked out once (a bounded number kept).
const encodings = new Map<string, Encoding>();
function encodingFor(req: IncomingMessage): Encoding {
  const header = req.headers["accept-encoding"] ?? "";
  let encoding = encodings.get(header);
  if (encoding === undefined) {
    encoding = chooseEncoding(header || null);
    if (header.length <= 200 && encodings.size < 100) encodings.set(header, encoding);
  }
  return encoding;
}

/** Personal requests go past the cache both ways: never answered from it, never stored in it. */
function isPersonal(req: IncomingMessage): boolean {
  return !!req.headers.cookie || !!req.headers.authorization;
}

/** If-None-Match uses weak comparison: the tag of any encoding of the same content is a match. */
function matches(ifNoneMatch: string | undefined, hash: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  return ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "").replace(/^"(.*?)(-br|-gz)?"$/, "$1") === hash);
}

export function createResponseCache(options: ResponseCacheOptions) {
  const { maxBytes = 64 * 1024 * 1024, maxEntries = 20_000, maxAgeMs = 60_000 } = options;
  const render = options.render ?? ((handler) => (request: Request) => handler(request, {}))(createRequestHandler(options.build, options.mode));
  // The page is always rendered for this origin, whatever Host the request named.
  const origin = env().APP_ORIGIN ?? "http://localhost";

  const entries = new LRUCache<string, Entry>({
    max: maxEntries,
    maxSize: maxBytes,
    // The body, plus a generous allowance for the key, headers and bookkeeping.
    sizeCalculation: (entry, key) => entry.body.length + key.length * 2 + 2048,
  });
  // One render at a time per page. A request that finds its page being rendered at
  // its own data version waits for that render. One that finds it being rendered at
  // an older version (something was written since that render began) waits for the
  // next render, which begins when the current one ends and reads the version then:
  // it reflects every write committed before any of the requests waiting for it. So
  // a crowd arriving after a publish, or while writes keep coming, costs one render
  // at a time, not one each.
  const renders = new Map<string, { version: string; current: Promise<Rendered>; next?: Promise<Rendered> }>();
  const stats = { hits: 0, misses: 0, bypasses: 0 };

  async function renderPage(key: string, version: string): Promise<Rendered> {
    const { result: response, changesAt } = await withContentExpiry(() => render(new Request(origin + key)));
    const body = Buffer.from(await response.arrayBuffer());
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      if (!NOT_KEPT.has(name)) headers[name] = value;
    });
    const keepable = response.status === 200 && !("set-cookie" in headers) && /\bpublic\b/.test(headers["cache-control"] ?? "");
    const expires = Math.min(Date.now() + maxAgeMs, changesAt);
    return {
      version,
      status: response.status,
      headers,
      body,
      expires: keepable ? expires : null,
      hash: createHash("sha256").update(body).digest("base64url").slice(0, 27),
    };
  }

  function startRender(key: string, version: string): Promise<Rendered> {
    const slot: { version: string; current: Promise<Rendered>; next?: Promise<Rendered> } = { version, current: Promise.resolve(null as never) };
    slot.current = renderPage(key, version).finally(() => {
      if (renders.get(key) === slot) renders.delete(key);
    });
    renders.set(key, slot);
    return slot.current;
  }

  function rendered(key: string, version: string): Promise<Rendered> {
    const running = renders.get(key);
    if (!running) return startRender(key, version);
    if (running.version === version) return running.current;
    running.next ??= running.current.then(
      () => startRender(key, dataVersion()),
      () => startRender(key, dataVersion()),
    );
    return running.next;
  }

  /** Each encoding of a render is made once, however many requests share the render. */
  function encoded(page: Rendered, encoding: Encoding): Promise<Entry> {
    page.entries ??= {};
    return (page.entries[encoding] ??= encode(page, encoding));
  }

  async function encode(page: Rendered, encoding: Encoding): Promise<Entry> {
    const body = encoding === "identity" ? page.body : await compressors[encoding](page.body);
    const headers: Record<string, string> = { ...page.headers, "content-length": String(body.length) };
    if (encoding !== "identity") headers["content-encoding"] = encoding;
    // Strong validators, one per encoding (the bytes differ), as for the boundary files.
    const etag = `"${page.hash}${encoding === "identity" ? "" : `-${encoding === "br" ? "br" : "gz"}`}"`;
    return { version: page.version, expires: page.expires ?? 0, hash: page.hash, headers: { ...headers, etag }, body };
  }

  function send(req: IncomingMessage, res: ServerResponse, status: number, entry: Pick<Entry, "headers" | "body" | "hash">, outcome: "hit" | "miss") {
    for (const [name, value] of Object.entries(entry.headers)) res.setHeader(name, value);
    res.setHeader("x-cache", outcome);
    if (status === 200 && entry.hash && matches(req.headers["if-none-match"], entry.hash)) {
      for (const name of ["content-length", "content-encoding", "content-type"]) res.removeHeader(name);
      res.writeHead(304).end();
      return;
    }
    res.writeHead(status).end(req.method === "HEAD" ? undefined : entry.body);
  }

  /** The entry that answers this request now, if one does. */
  function current(entryKey: string, version: string): Entry | undefined {
    const held = entries.get(entryKey);
    return held && held.version === version && held.expires > Date.now() ? held : undefined;
  }

  async function respond(req: IncomingMessage, res: ServerResponse, key: string, next: (error?: unknown) => void) {
    const encoding = encodingFor(req);
    const entryKey = `${encoding} ${key}`;
    // Read before anything else: a write committed before this request changes it.
    const version = dataVersion();
    const held = current(entryKey, version);
    if (held) {
      stats.hits++;
      send(req, res, 200, held, "hit");
      return;
    }
    stats.misses++;
    try {
      const page = await rendered(key, version);
      if (page.expires === null || page.expires <= Date.now()) {
        // Answered as rendered (server.js compresses it), and not kept.
        send(req, res, page.status, { headers: page.headers, body: page.body, hash: "" }, "miss");
        return;
      }
      const entry = await encoded(page, encoding);
      // Kept only if no write has committed since the render began.
      if (dataVersion() === page.version) entries.set(entryKey, entry);
      send(req, res, 200, entry, "miss");
    } catch (error) {
      next(error);
    }
  }

  /** Express middleware: answers what it may, passes everything else on untouched. */
  function middleware(req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    const key = cacheKey(req.url ?? "");
    if (key === null) return next();
    if (isPersonal(req)) {
      stats.bypasses++;
      return next();
    }
    void respond(req, res, key, next);
  }

  /**
   * For server.js's front door, ahead of Express: answers a request that an entry
   * answers now, exactly as the middleware would, and returns true; returns false,
   * having sent nothing, for everything else (a miss, a cookie, another method,
   * an encoding that Express's compression would choose differently), which then
   * goes through Express to the middleware as before.
   */
  function answerFromMemory(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    const key = cacheKey(req.url ?? "");
    if (key === null || isPersonal(req)) return false;
    const encoding = encodingFor(req);
    // An entry kept unencoded would be deflated by Express's compression for a client that accepts deflate.
    if (encoding === "identity" && /deflate/i.test(req.headers["accept-encoding"] ?? "")) return false;
    const held = current(`${encoding} ${key}`, dataVersion());
    if (!held) return false;
    stats.hits++;
    send(req, res, 200, held, "hit");
    return true;
  }

  return Object.assign(middleware, {
    answerFromMemory,
    stats: (): ResponseCacheStats => ({ entries: entries.size, bytes: entries.calculatedSize, ...stats }),
    clear: () => entries.clear(),
  });
}
