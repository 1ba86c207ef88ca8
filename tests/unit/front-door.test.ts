// The front door server.js puts ahead of Express: a page the response cache holds
// is answered there, and must be answered exactly as Express's chain answers it
// (status, every header, the log line), with the same data-version check; anything
// else must reach Express untouched. Driven over real HTTP, with Express and
// compression in the chain as in server.js, and a render that reads the database.
import Database from "better-sqlite3";
import http from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, describe, expect, it } from "vitest";
import { useScratchDatabase } from "./helpers/scratch-db";
import { publicPageCacheControl } from "~/lib/cache-policy";
import { createResponseCache } from "~/lib/response-cache.server";
import { securityHeaders } from "~/lib/security-headers";
import { frontDoor } from "~/lib/server/front-door.server";
import { onlyKnownMethods } from "~/lib/server/http.server";

// server.js's own middleware, which ships no types (server.js is plain JavaScript).
type Middleware = (req: http.IncomingMessage, res: http.ServerResponse, next: (error?: unknown) => void) => void;
type ExpressApp = http.RequestListener & {
  disable(name: string): void;
  use(handler: Middleware): void;
  all(path: string, handler: (req: http.IncomingMessage, res: http.ServerResponse & { status(code: number): http.ServerResponse }) => unknown): void;
};
const require = createRequire(import.meta.url);
const express = require("express") as () => ExpressApp;
const compression = require("compression") as () => Middleware;

const scratch = useScratchDatabase("front-door-");

const servers: http.Server[] = [];
afterAll(() => servers.forEach((s) => s.close()));

const HEADERS = securityHeaders({ production: true });
const PAGE_POLICY = "default-src 'self'; script-src 'self' 'sha256-abc='";

/** A page showing the note, as Remix renders a public page for an anonymous request (or a personal one, with a cookie). */
async function render(request: Request): Promise<Response> {
  const text = scratch.sqlite().prepare("SELECT text FROM notes WHERE id = 1").pluck().get() as string;
  const personal = request.headers.has("cookie");
  const body = `<!DOCTYPE html><html><body><p>${text}</p><p>${personal ? "Signed in as Pat" : "Sign in"}</p><p>${"padding ".repeat(300)}</p></body></html>`;
  return new Response(body, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": PAGE_POLICY,
      "Cache-Control": personal ? "private, no-store" : publicPageCacheControl(),
      Vary: "Accept-Encoding, Cookie",
    },
  });
}

/**
 * server.js in small: the front door, then Express with compression, the cache
 * middleware and a stand-in for Remix's handler (which renders with the visitor's
 * cookie). `fast: false` sends everything through Express, as before the front door.
 */
async function setUp({ fast = true } = {}) {
  const cache = createResponseCache({ build: {} as ServerBuild, render });
  const app = express();
  app.disable("x-powered-by");
  app.use(onlyKnownMethods);
  app.use(compression());
  app.use(cache);
  const reachedExpress: string[] = [];
  app.all("*", async (req, res) => {
    reachedExpress.push(`${req.method} ${req.url}`);
    const response = await render(new Request(`http://localhost${req.url}`, { headers: req.headers.cookie ? { cookie: req.headers.cookie } : {} }));
    response.headers.forEach((value, name) => res.setHeader(name, value));
    res.status(response.status).end(req.method === "HEAD" ? undefined : Buffer.from(await response.arrayBuffer()));
  });
  const lines: Record<string, unknown>[] = [];
  const handler = frontDoor({
    headers: HEADERS,
    log: { write: (line) => lines.push(JSON.parse(line)), clientIp: (req) => req.socket.remoteAddress },
    answers: fast ? [cache.answerFromMemory] : [],
    rest: app,
  });
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(server);
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, lines, reachedExpress, cache };
}

type Answer = { status: number; headers: [string, string][]; body: Buffer };

/** The raw answer: status, headers in the order sent (names lower-cased), bytes as sent. */
function send(base: string, urlPath: string, { method = "GET", headers = {} }: { method?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${urlPath}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const raw = res.rawHeaders;
        const pairs: [string, string][] = [];
        for (let i = 0; i < raw.length; i += 2) pairs.push([raw[i]!.toLowerCase(), raw[i + 1]!]);
        resolve({ status: res.statusCode!, headers: pairs, body: Buffer.concat(chunks) });
      });
    });
    req.on("error", reject);
    req.end();
  });
}

const header = (answer: Answer, name: string) => answer.headers.find(([n]) => n === name)?.[1];
/** Everything but what differs on every response by design. */
const comparable = (answer: Answer) => answer.headers.filter(([name]) => !["date", "x-request-id", "connection", "keep-alive"].includes(name));
const xCache = (answer: Answer) => header(answer, "x-cache");

describe("front door", () => {
  it("answers a held page with the same status, headers, bytes and log line as Express's chain does", async () => {
    const fast = await setUp();
    const slow = await setUp({ fast: false });
    let lastHit: Answer | undefined;
    for (const encoding of ["identity", "gzip", "br"]) {
      const headers = { "Accept-Encoding": encoding };
      const filled = await send(fast.base, "/wards/E05015608", { headers });
      expect(xCache(filled)).toBe("miss");
      const viaFrontDoor = await send(fast.base, "/wards/E05015608", { headers });
      expect(xCache(viaFrontDoor)).toBe("hit");
      lastHit = viaFrontDoor;
      await send(slow.base, "/wards/E05015608", { headers });
      const viaExpress = await send(slow.base, "/wards/E05015608", { headers });
      expect(xCache(viaExpress)).toBe("hit");

      expect(viaFrontDoor.status).toBe(200);
      expect(comparable(viaFrontDoor), encoding).toEqual(comparable(viaExpress));
      expect(viaFrontDoor.body.equals(viaExpress.body)).toBe(true);
      // Every security header, and the page's own policy in place of the default one.
      for (const [name, value] of Object.entries(HEADERS)) {
        if (name !== "Content-Security-Policy") expect(header(viaFrontDoor, name.toLowerCase()), name).toBe(value);
      }
      expect(viaFrontDoor.headers.filter(([name]) => name === "content-security-policy")).toEqual([["content-security-policy", PAGE_POLICY]]);
      expect(header(viaFrontDoor, "x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
      // The filling render went through Express, where compression agrees with the cache's encoding.
      expect(comparable(filled).filter(([name]) => name !== "x-cache")).toEqual(comparable(viaFrontDoor).filter(([name]) => name !== "x-cache"));
    }
    expect(fast.reachedExpress).toEqual([]);
    expect(fast.cache.stats().hits).toBe(3);

    // One line a request, the same whichever path answered it, naming the id sent back.
    const strip = ({ time: _t, requestId: _r, ms: _m, ...rest }: Record<string, unknown>) => rest;
    expect(fast.lines).toHaveLength(6);
    expect(fast.lines.map(strip)).toEqual(slow.lines.map(strip));
    expect(fast.lines.at(-1)).toMatchObject({ level: "info", method: "GET", path: "/wards/E05015608", status: 200, ip: "127.0.0.1", bytes: Number(lastHit!.headers.find(([n]) => n === "content-length")![1]) });
    expect(fast.lines.at(-1)!.requestId).toBe(header(lastHit!, "x-request-id"));
  });

  it("shows a write from another process to the very next request, and one made on its own connection", async () => {
    const { base } = await setUp();
    await send(base, "/map");
    expect(xCache(await send(base, "/map"))).toBe("hit");

    const other = new Database(scratch.file());
    other.prepare("UPDATE notes SET text = 'from another process' WHERE id = 1").run();
    other.close();
    const next = await send(base, "/map");
    expect(xCache(next)).toBe("miss");
    expect(next.body.toString()).toContain("from another process");
    expect(xCache(await send(base, "/map"))).toBe("hit");

    scratch.sqlite().prepare("UPDATE notes SET text = 'published here' WHERE id = 1").run();
    const after = await send(base, "/map");
    expect(xCache(after)).toBe("miss");
    expect(after.body.toString()).toContain("published here");
  });

  it("sends a signed-in request, and anything else it does not hold, on to Express", async () => {
    const { base, reachedExpress } = await setUp();
    await send(base, "/wards/E05015608");
    expect(xCache(await send(base, "/wards/E05015608"))).toBe("hit");

    const signedIn = await send(base, "/wards/E05015608", { headers: { Cookie: "__Host-session=abc" } });
    expect(xCache(signedIn)).toBeUndefined();
    expect(header(signedIn, "cache-control")).toBe("private, no-store");
    expect(signedIn.body.toString()).toContain("Signed in as Pat");
    // The page kept for residents was not replaced by the signed-in one.
    const resident = await send(base, "/wards/E05015608");
    expect(xCache(resident)).toBe("hit");
    expect(resident.body.toString()).not.toContain("Signed in as");

    for (const method of ["PUT", "DELETE", "TRACE"]) {
      const refused = await send(base, "/wards/E05015608", { method });
      expect(refused.status, method).toBe(405);
      expect(header(refused, "x-content-type-options")).toBe("nosniff");
    }
    // Deflate is Express's compression's to give, not the cache's.
    const deflate = await send(base, "/wards/E05015608", { headers: { "Accept-Encoding": "deflate" } });
    expect(header(deflate, "content-encoding")).toBe("deflate");
    await send(base, "/staff");
    expect(reachedExpress).toEqual(["GET /wards/E05015608", "GET /staff"]);
  });

  it("answers HEAD, If-None-Match and a forged Host from what it holds, like the GET it was filled by", async () => {
    const { base } = await setUp();
    const get = await send(base, "/contact");
    const head = await send(base, "/contact", { method: "HEAD" });
    expect(xCache(head)).toBe("hit");
    expect(head.body).toHaveLength(0);
    expect(header(head, "content-length")).toBe(String(get.body.length));
    expect(header(head, "etag")).toBe(header(get, "etag"));

    const notModified = await send(base, "/contact", { headers: { "If-None-Match": header(get, "etag")! } });
    expect(notModified.status).toBe(304);
    expect(notModified.body).toHaveLength(0);
    expect(header(notModified, "content-security-policy")).toBe(PAGE_POLICY);
    expect(header(notModified, "strict-transport-security")).toBe(HEADERS["Strict-Transport-Security"]);

    const forged = await send(base, "/contact", { headers: { Host: "evil.example" } });
    expect(xCache(forged)).toBe("hit");
    expect(forged.body.equals(get.body)).toBe(true);
  });
});
