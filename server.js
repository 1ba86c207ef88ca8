// The production server: what remix-serve does (compression, long-cached build
// assets, request log, the Remix handler), plus two things remix-serve cannot:
// security headers on every response, including static files and redirects, and
// the client's real address for sign-in throttling. See docs/decisions/007-small-server.md.
//
//   NODE_ENV=production node server.js      (PORT, HOST; TRUST_PROXY behind a reverse proxy)
import { createRequestHandler } from "@remix-run/express";
import { installGlobals } from "@remix-run/node";
import compression from "compression";
import express from "express";
import morgan from "morgan";
import fs from "node:fs";
import path from "node:path";
import url from "node:url";

installGlobals();
const build = await import(url.pathToFileURL(path.resolve("build/index.js")).href);
const { securityHeadersForEveryResponse, isCrossSiteWrite, CROSS_SITE_MESSAGE, lookupApiHandler, createResponseCache } = build.entry.module;
const headers = securityHeadersForEveryResponse();

const app = express();
app.disable("x-powered-by");
// Behind a reverse proxy (which TLS in production needs), say how many hops to
// trust, e.g. TRUST_PROXY=1; req.ip is then the client's address, not the proxy's.
if (process.env.TRUST_PROXY) app.set("trust proxy", /^\d+$/.test(process.env.TRUST_PROXY) ? Number(process.env.TRUST_PROXY) : process.env.TRUST_PROXY);

app.use((_req, res, next) => {
  res.set(headers);
  next();
});
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
// One-time set-password links must not end up in the logs.
morgan.token("safe-url", (req) => req.originalUrl.replace(/^\/set-password\/[^/?#]+/, "/set-password/[redacted]"));
app.use(morgan(":method :safe-url :status :res[content-length] - :response-time ms"));
// The hot public API is answered ahead of Remix's routing, and anonymous GETs of
// public pages from memory until the data changes (docs/decisions/009-page-cache-and-csp.md).
app.get("/api/lookup", lookupApiHandler);
app.use(createResponseCache({ build, mode: process.env.NODE_ENV }));
// A document's own policy (naming its inline scripts' hashes) must replace the default
// one, not join it: @remix-run/express appends headers, and every policy sent applies.
app.use((_req, res, next) => {
  const append = res.append;
  res.append = (field, value) => (field.toLowerCase() === "content-security-policy" ? res.set(field, value) : append.call(res, field, value));
  next();
});
app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV, getLoadContext: (req) => ({ clientIp: req.ip ?? null }) }));

const port = Number(process.env.PORT ?? 3000);
const onListen = () => console.log(`Listening on http://localhost:${port}`);
const server = process.env.HOST ? app.listen(port, process.env.HOST, onListen) : app.listen(port, onListen);
for (const signal of ["SIGTERM", "SIGINT"]) process.once(signal, () => server.close(() => process.exit(0)));
