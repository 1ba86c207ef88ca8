// GET /api/lookup: one answer, given by the Remix route (app/routes/api.lookup.tsx)
// and, for speed, by server.js ahead of Remix's routing (lookupApiHandler). The
// answer depends on the query string alone: absolute addresses come from
// APP_ORIGIN, never from the Host header, because the answers are publicly cacheable.
import type { IncomingMessage, ServerResponse } from "node:http";
import { parseCoordinate } from "./geo";
import { env } from "./env.server";
import { lookupMessage, POLICE_UK_FINDER } from "./lookup";
import { lookupPoint, lookupPostcode } from "~/models/lookup.server";

export interface LookupAnswer {
  status: 200 | 400 | 404;
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

// Open data: any site may call this, read-only. (server.js adds the security headers.)
const OPEN = { "Access-Control-Allow-Origin": "*" };

/** Without APP_ORIGIN the addresses are root-relative ("/wards/E05015608"): still correct, never spoofable. */
const absolute = (path: string) => `${env().APP_ORIGIN ?? ""}${path}`;

export function lookupAnswer(params: URLSearchParams): LookupAnswer {
  const byPostcode = params.has("postcode");
  if (!byPostcode && !(params.has("lat") && params.has("lng"))) {
    return { status: 400, body: { error: "Give a postcode (?postcode=ME15 9BZ) or a location (?lat=51.25&lng=0.54)" }, headers: OPEN };
  }
  const result = byPostcode
    ? lookupPostcode(params.get("postcode"))
    : lookupPoint(parseCoordinate(params.get("lat"), -90, 90), parseCoordinate(params.get("lng"), -180, 180));

  if (result.status === "found") {
    return {
      status: 200,
      body: {
        postcode: result.postcode,
        lat: result.lat,
        lng: result.lng,
        match: result.match,
        ward: result.ward,
        district: result.district,
        team: result.team ? { name: result.team.name, url: absolute(`/teams/${result.team.slug}`) } : null,
        csuEmail: result.csuEmail,
        url: absolute(`/wards/${result.ward.code}`),
      },
      // Teams change hands rarely, but a CDN must not hold an answer long after they do.
      headers: { ...OPEN, "Cache-Control": "public, max-age=60, stale-while-revalidate=300" },
    };
  }
  return {
    status: result.status === "empty" || result.status === "invalid" ? 400 : 404,
    body: {
      error: lookupMessage(result, byPostcode ? "postcode" : "location"),
      reason: result.status,
      ...(result.status === "outside" ? { policeUk: POLICE_UK_FINDER } : {}),
    },
    headers: OPEN,
  };
}

/**
 * The same answer as a plain Node handler, for server.js to mount at /api/lookup
 * ahead of Remix: the lookup is a few microseconds of SQLite, and Remix's
 * request conversion and route matching would cost many times that.
 */
export function lookupApiHandler(req: IncomingMessage, res: ServerResponse): void {
  const query = req.url!.indexOf("?");
  const answer = lookupAnswer(new URLSearchParams(query === -1 ? "" : req.url!.slice(query + 1)));
  const body = JSON.stringify(answer.body);
  res.writeHead(answer.status, { ...answer.headers, "Content-Type": "application/json; charset=utf-8", "Content-Length": Buffer.byteLength(body) });
  res.end(req.method === "HEAD" ? undefined : body);
}
