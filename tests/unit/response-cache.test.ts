// The response cache in front of Remix, driven over real HTTP with a render that
// reads the database, so that what it returns shows whether a write was seen.
import Database from "better-sqlite3";
import { execFileSync } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import v8 from "node:v8";
import vm from "node:vm";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, describe, expect, it, vi } from "vitest";
import { useScratchDatabase } from "./helpers/scratch-db";
import { contentChangesAt } from "~/lib/content-expiry.server";
import { cacheKey, createResponseCache } from "~/lib/response-cache.server";
import { publicPageCacheControl } from "~/lib/cache-policy";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;
const scratch = useScratchDatabase("response-cache-");

type RenderOptions = { status?: number; headers?: Record<string, string>; changesAt?: number; record?: boolean };

/** A page showing the note, as Remix would answer an anonymous request for a public page. */
function noteRenderer(options: RenderOptions = {}) {
  const seen: Request[] = [];
  const render = async (request: Request) => {
    if (options.record !== false) seen.push(request);
    if (options.changesAt) contentChangesAt(options.changesAt);
    const text = scratch.sqlite().prepare("SELECT text FROM notes WHERE id = 1").pluck().get() as string;
    const body = `<!DOCTYPE html><html><body><p>${text}</p><p>${"padding ".repeat(200)}</p><p>${new URL(request.url).host}</p></body></html>`;
    return new Response(body, {
      status: options.status ?? 200,
      headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": publicPageCacheControl(), Vary: "Accept-Encoding, Cookie", ...options.headers },
    });
  };
  return { render, seen };
}

async function serve(cache: ReturnType<typeof createResponseCache>) {
  const server = http.createServer((req, res) =>
    cache(req, res, (error?: unknown) => {
      res.writeHead(error ? 500 : 404, { "Content-Type": "text/plain" }).end(error ? "render failed" : "passed on");
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { server, base: `http://127.0.0.1:${port}` };
}

/** The raw response: status, headers and the bytes as sent (not decompressed). */
function get(base: string, urlPath: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${base}${urlPath}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

const build = {} as ServerBuild;
const servers: http.Server[] = [];
afterAll(() => servers.forEach((s) => s.close()));

async function setUp(options: RenderOptions & { maxBytes?: number; maxEntries?: number } = {}) {
  const { render, seen } = noteRenderer(options);
  const cache = createResponseCache({ build, render, maxBytes: options.maxBytes, maxEntries: options.maxEntries });
  const { server, base } = await serve(cache);
  servers.push(server);
  return { cache, seen, base };
}

describe("response cache", () => {
  it("answers the second anonymous request from memory, in each encoding, with an ETag and a 304", async () => {
    const { seen, base } = await setUp();
    const first = await get(base, "/wards/E05015608");
    expect(first.headers["x-cache"]).toBe("miss");
    const second = await get(base, "/wards/E05015608");
    expect(second.headers["x-cache"]).toBe("hit");
    expect(second.body.equals(first.body)).toBe(true);
    expect(seen).toHaveLength(1);
    expect(second.headers["cache-control"]).toMatch(/public, max-age=0, s-maxage=\d+, stale-while-revalidate=\d+/);

    const etag = second.headers.etag!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const notModified = await get(base, "/wards/E05015608", { "If-None-Match": `"other", ${etag}` });
    expect(notModified.status).toBe(304);
    expect(notModified.body).toHaveLength(0);
    expect(notModified.headers.etag).toBe(etag);
    expect((await get(base, "/wards/E05015608", { "If-None-Match": '"other"' })).status).toBe(200);

    const gzip = await get(base, "/wards/E05015608", { "Accept-Encoding": "gzip" });
    const br = await get(base, "/wards/E05015608", { "Accept-Encoding": "gzip, br" });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(br.headers["content-encoding"]).toBe("br");
    expect(gunzipSync(gzip.body).equals(first.body)).toBe(true);
    expect(brotliDecompressSync(br.body).equals(first.body)).toBe(true);
    expect(new Set([etag, gzip.headers.etag, br.headers.etag]).size).toBe(3);
    // The 304 for a compressed copy: any encoding's tag is the same content.
    expect((await get(base, "/wards/E05015608", { "Accept-Encoding": "br", "If-None-Match": etag })).status).toBe(304);
  });

  it("shows a write made on this connection to the very next request", async () => {
    const { base } = await setUp();
    await get(base, "/teams/maidstone-central");
    expect((await get(base, "/teams/maidstone-central")).headers["x-cache"]).toBe("hit");
    scratch.sqlite().prepare("UPDATE notes SET text = 'published a moment ago' WHERE id = 1").run();
    const next = await get(base, "/teams/maidstone-central");
    expect(next.headers["x-cache"]).toBe("miss");
    expect(next.body.toString()).toContain("published a moment ago");
  });

  it("shows a write from another connection, and from another process (the CLI, an importer), to the very next request", async () => {
    const { base } = await setUp();
    await get(base, "/map");
    expect((await get(base, "/map")).body.toString()).toContain("first");

    const other = new Database(scratch.file());
    other.prepare("UPDATE notes SET text = 'from another connection' WHERE id = 1").run();
    other.close();
    expect((await get(base, "/map")).body.toString()).toContain("from another connection");
    expect((await get(base, "/map")).headers["x-cache"]).toBe("hit");

    const script = `const D = require("better-sqlite3"); new D(${JSON.stringify(scratch.file())}).prepare("UPDATE notes SET text = 'from the command line' WHERE id = 1").run();`;
    execFileSync(process.execPath, ["-e", script], { cwd: process.cwd() });
    expect((await get(base, "/map")).body.toString()).toContain("from the command line");
  });

  it("never answers a request with a cookie from the cache, and never keeps what it was sent", async () => {
    const { cache, seen, base } = await setUp();
    await get(base, "/wards/E05015608");
    // Signed in: passed on to Remix (here "passed on"), not given the anonymous copy.
    const signedIn = await get(base, "/wards/E05015608", { Cookie: "__Host-kent_session=abc" });
    expect(signedIn.body.toString()).toBe("passed on");
    expect((await get(base, "/wards/E05015608", { Authorization: "Basic eDp5" })).body.toString()).toBe("passed on");
    // And the reverse: a page first asked for with a cookie leaves nothing for the next anonymous visitor.
    await get(base, "/districts", { Cookie: "__Host-kent_session=abc" });
    expect(cache.stats().entries).toBe(1);
    expect((await get(base, "/districts")).headers["x-cache"]).toBe("miss");
    expect(seen.map((r) => new URL(r.url).pathname)).toEqual(["/wards/E05015608", "/districts"]);
    // What Remix is asked to render carries no cookie or other header of the visitor's.
    expect([...seen[0]!.headers.keys()]).toEqual([]);
  });

  it("keeps nothing for pages that are not public, responses that set a cookie, and anything but a 200", async () => {
    const { base } = await setUp();
    for (const p of ["/staff", "/admin/users", "/login", "/partners/map", "/api/wards.geojson", "/__manifest?p=/"]) {
      expect((await get(base, p)).body.toString(), p).toBe("passed on");
    }
    const cookie = await setUp({ headers: { "Set-Cookie": "x=1" } });
    await get(cookie.base, "/");
    expect((await get(cookie.base, "/")).headers["x-cache"]).toBe("miss");
    expect(cookie.cache.stats().entries).toBe(0);
    const missing = await setUp({ status: 404 });
    expect((await get(missing.base, "/wards/E05999999")).status).toBe(404);
    expect(missing.cache.stats().entries).toBe(0);
  });

  it("renders for its own origin whatever Host is sent, so a forged Host can neither choose nor poison an entry", async () => {
    const { seen, base } = await setUp();
    const forged = await get(base, "/contact", { Host: "evil.example" });
    expect(forged.body.toString()).not.toContain("evil.example");
    expect(new URL(seen[0]!.url).host).toBe("localhost");
    expect((await get(base, "/contact")).headers["x-cache"]).toBe("hit");
  });

  it("does not keep a page past the moment its content changes by the clock", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-12-02T10:00:00Z") });
    try {
      const { base } = await setUp({ changesAt: new Date("2026-12-02T10:00:20Z").getTime() });
      await get(base, "/wards/E05015608");
      vi.setSystemTime(new Date("2026-12-02T10:00:19Z"));
      expect((await get(base, "/wards/E05015608")).headers["x-cache"]).toBe("hit");
      vi.setSystemTime(new Date("2026-12-02T10:00:20Z"));
      expect((await get(base, "/wards/E05015608")).headers["x-cache"]).toBe("miss");
    } finally {
      vi.useRealTimers();
    }
  });

  it("lets requests arriving during a render share renders: the same one at its version, after a write the next one, which shows the write", async () => {
    // Each render reads the note as it begins (as loaders do), then waits to be let go.
    const started: { text: string; finish: () => void }[] = [];
    let onStart = () => {};
    const render = async () => {
      const text = scratch.sqlite().prepare("SELECT text FROM notes WHERE id = 1").pluck().get() as string;
      await new Promise<void>((finish) => {
        started.push({ text, finish });
        onStart();
      });
      return new Response(`<p>${text}</p>`, { headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": publicPageCacheControl() } });
    };
    const renderStarts = (n: number) => new Promise<void>((resolve) => (onStart = () => started.length >= n && resolve()));
    const cache = createResponseCache({ build, render });
    const { server, base } = await serve(cache);
    servers.push(server);

    const first = renderStarts(1);
    const a = get(base, "/wards/E05015608");
    await first;
    // Nothing written since the render began: the same render answers.
    const b = get(base, "/wards/E05015608");
    await vi.waitFor(() => expect(cache.stats().misses).toBe(2));
    scratch.sqlite().prepare("UPDATE notes SET text = 'written during the render' WHERE id = 1").run();
    // Written since it began: these wait for the next render, one for both.
    const c = get(base, "/wards/E05015608");
    const d = get(base, "/wards/E05015608");
    await vi.waitFor(() => expect(cache.stats().misses).toBe(4));
    expect(started).toHaveLength(1);
    const second = renderStarts(2);
    started[0]!.finish();
    await second;
    expect(started[1]!.text).toBe("written during the render");
    started[1]!.finish();

    const answers = await Promise.all([a, b, c, d]);
    expect(answers.map((r) => r.body.toString())).toEqual(["<p>first</p>", "<p>first</p>", "<p>written during the render</p>", "<p>written during the render</p>"]);
    expect(answers.map((r) => r.headers["x-cache"])).toEqual(["miss", "miss", "miss", "miss"]);
    expect(started).toHaveLength(2);
    // The first render saw a write commit while it ran, so only the second was kept.
    const after = await get(base, "/wards/E05015608");
    expect(after.headers["x-cache"]).toBe("hit");
    expect(after.body.toString()).toBe("<p>written during the render</p>");
  });

  it("one key per address and encoding: parameters in any order, never the host", () => {
    expect(cacheKey("/map?colour=team&b=1")).toBe(cacheKey("/map?b=1&colour=team"));
    expect(cacheKey("/wards/E05015608?")).toBe("/wards/E05015608");
    expect(cacheKey("/staff")).toBeNull();
    expect(cacheKey(`/map?x=${"a".repeat(2000)}`)).toBeNull();
  });

  it("stays within its memory bound under 100,000 distinct addresses", async () => {
    const maxBytes = 4 * 1024 * 1024;
    const { render } = noteRenderer({ record: false });
    const cache = createResponseCache({ build, render, maxBytes });
    gc();
    const before = process.memoryUsage();
    for (let i = 0; i < 100_000; i++) {
      await new Promise<void>((resolve, reject) => {
        const req = { method: "GET", url: `/wards/E05${String(i).padStart(6, "0")}?unknown=${i}`, headers: {} } as unknown as http.IncomingMessage;
        const res = {
          setHeader: () => res,
          removeHeader: () => undefined,
          writeHead: () => res,
          end: () => resolve(),
        } as unknown as http.ServerResponse;
        cache(req, res, reject);
      });
    }
    const stats = cache.stats();
    expect(stats.misses).toBe(100_000);
    expect(stats.bytes).toBeLessThanOrEqual(maxBytes);
    expect(stats.entries).toBeLessThan(100_000);
    expect(stats.entries).toBeGreaterThan(100);
    gc();
    const after = process.memoryUsage();
    const grown = after.heapUsed + after.external - (before.heapUsed + before.external);
    // The bodies alone would be 100,000 × ~1.7 KB = 170 MB if nothing were let go.
    expect(grown).toBeLessThan(64 * 1024 * 1024);
  }, 120_000);
});
