// The production server: what remix-serve does (compression, long-cached build
// assets, request log, the Remix handler), plus two things remix-serve cannot:
// security headers on every response, including static files and redirects, and
// the client's real address for sign-in throttling. See docs/decisions/007-small-server.md.
// Running as a service (start-up checks, JSON request logs, health checks, limits,
// busy answers, graceful stop) comes from app/lib/server/, through entry.server.tsx.
//
//   node server.js      (production; PORT, HOST, DATABASE_PATH; TRUST_PROXY behind a reverse proxy)
import { createRequestHandler } from "@remix-run/express";
import { installGlobals } from "@remix-run/node";
import compression from "compression";
import express from "express";
import fs from "node:fs";
import path from "node:path";
import url from "node:url";

// Production unless told otherwise: development mode is `npm run dev`'s (remix dev).
process.env.NODE_ENV ??= "production";
installGlobals();
const build = await import(url.pathToFileURL(path.resolve("build/index.js")).href);
const { securityHeadersForEveryResponse, isCrossSiteWrite, CROSS_SITE_MESSAGE, lookupApiHandler, answerLookup, createResponseCache } = build.entry.module;
const service = build.entry.module;
const headers = securityHeadersForEveryResponse();

// Refuse to start on a database that is missing, damaged, not set up or not migrated.
const database = service.checkDatabaseFile(process.env.DATABASE_PATH || "db/app.sqlite");
if (!database.ok) {
  console.error(`Not starting: ${database.reason}`);
  process.exit(1);
}
service.openServerDatabase();

const app = express();
app.disable("x-powered-by");
// Behind a reverse proxy (which TLS in production needs), say how many hops to
// trust, e.g. TRUST_PROXY=1; req.ip is then the client's address, not the proxy's.
if (process.env.TRUST_PROXY) app.set("trust proxy", /^\d+$/.test(process.env.TRUST_PROXY) ? Number(process.env.TRUST_PROXY) : process.env.TRUST_PROXY);

// GET, HEAD and POST only (405 otherwise: TRACE, PUT on a form ...); then /healthz and /readyz.
app.use(service.onlyKnownMethods);
app.use(service.healthChecks);
// A form posted from another site is refused here with a 403; Remix itself would
// answer such a document POST with a 500. Actions check again (their guards).
app.use((req, res, next) => {
  if (req.method === "GET" || req.method === "HEAD") return next();
  const source = new Headers();
  for (const name of ["origin", "referer"]) if (req.get(name)) source.set(name, req.get(name));
  if (!isCrossSiteWrite(req.method, source, `${req.protocol}://${req.get("host")}${req.originalUrl}`)) return next();
  res.status(403).type("text/plain").send(CROSS_SITE_MESSAGE);
});
app.use(compression());
app.use(build.publicPath, express.static(build.assetsBuildDirectory, { immutable: true, maxAge: "1y" }));
// Only the files public/ holds at start-up go to the static handler: asking the disk about
// every page and API request cost more CPU than answering many of them.
const publicFiles = new Set(
  fs
    .readdirSync("public", { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => "/" + path.relative("public", path.join(entry.parentPath ?? entry.path, entry.name)).split(path.sep).join("/"))
    .filter((file) => !file.startsWith(build.publicPath)),
);
const publicStatic = express.static("public", { maxAge: "1h", index: false });
app.use((req, res, next) => (publicFiles.has(req.path) ? publicStatic(req, res, next) : next()));
// Loaders and actions answer 503 with Retry-After (try again) when another process holds
// the write lock; an error that still escapes gets a plain page, never a stack trace.
app.use(service.retryAfterOn503);
const served = service.withDatabaseErrorResponses(build);
// The hot public API is answered ahead of Remix's routing, and anonymous GETs of
// public pages from memory until the data changes (docs/decisions/010-page-cache-and-csp.md).
const pageCache = createResponseCache({ build: served, mode: process.env.NODE_ENV });
app.get("/api/lookup", lookupApiHandler);
app.use(pageCache);
// A document's own policy (naming its inline scripts' hashes) must replace the default
// one, not join it: @remix-run/express appends headers, and every policy sent applies.
app.use((_req, res, next) => {
  const append = res.append;
  res.append = (field, value) => (field.toLowerCase() === "content-security-policy" ? res.set(field, value) : append.call(res, field, value));
  next();
});
app.all("*", createRequestHandler({ build: served, mode: process.env.NODE_ENV, getLoadContext: (req) => ({ clientIp: req.ip ?? null }) }));
app.use(service.errorPage);

// Every request gets its id, its JSON log line (status, time, the signed-in user; one-time
// links redacted) and the security headers first. A page the cache holds at the current data
// version and the lookup are answered there, ahead of Express, as the handlers above would.
const expressIp = Object.getOwnPropertyDescriptor(express.request, "ip").get;
const entrance = service.frontDoor({
  headers,
  log: { trustIncomingId: !!process.env.TRUST_PROXY, clientIp: (req) => expressIp.call({ app, headers: req.headers, socket: req.socket }) },
  answers: [pageCache.answerFromMemory, answerLookup],
  rest: app,
});
// Header, body and keep-alive timeouts and a connection cap; SIGTERM drains, then checkpoints the WAL.
const server = service.createHttpServer(entrance);
service.stopGracefullyOn(server);
const onListen = () => console.log(`Listening on http://localhost:${server.address().port}`);
const port = Number(process.env.PORT ?? 3000);
if (process.env.HOST) server.listen(port, process.env.HOST, onListen);
else server.listen(port, onListen);
build.entry.module.startServerMail();
