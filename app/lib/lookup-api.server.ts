// GET /api/lookup: one answer, given by the Remix route (app/routes/api.lookup.tsx)
// and, for speed, by server.js ahead of Remix's routing (lookupApiHandler). The
// answer depends on the query string alone: absolute addresses come from
// APP_ORIGIN, never from the Host header, because the answers are publicly cacheable.
import type { IncomingMessage, ServerResponse } from "node:http";
import { parseCoordinate } from "./geo";
import { env } from "./env.server";
import { LRUCache } from "lru-cache";
import { dataVersion } from "./data-version.server";
import { lookupMessage, POLICE_UK_FINDER } from "./lookup";
import { parsePostcode } from "./postcode";
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

/** An answer as sent: its headers and the bytes of its body, made once. */
interface PreparedAnswer {
  status: number;
  headers: Record<string, string | number>;
  body: Buffer;
}

function prepare(answer: LookupAnswer): PreparedAnswer {
  const body = Buffer.from(JSON.stringify(answer.body));
  // Vary as Express's compression middleware marks every JSON answer (these are too small for it to compress).
  return { status: answer.status, headers: { ...answer.headers, "Content-Type": "application/json; charset=utf-8", "Content-Length": body.length, Vary: "Accept-Encoding" }, body };
}

/**
 * What the answer depends on, normalised: "postcode ME15 9BZ" for any spelling of
 * that postcode, "point 51.25 0.54" for a location; null for a query refused
 * before any lookup (cheap to answer again).
 */
export function lookupKey(params: URLSearchParams): string | null {
  if (params.has("postcode")) {
    const parsed = parsePostcode(params.get("postcode"));
    return parsed.kind === "valid" ? `postcode ${parsed.postcode}` : null;
  }
  const lat = parseCoordinate(params.get("lat"), -90, 90);
  const lng = parseCoordinate(params.get("lng"), -180, 180);
  return lat === null || lng === null ? null : `point ${lat} ${lng}`;
}

// Answers made since the last write: any commit, by this process or another, empties it
// (the same data version as the page cache, read on every request). Bounded whatever is asked.
const answers = new LRUCache<string, PreparedAnswer>({ max: 5_000 });
let answersVersion = "";

function answerFor(url: string): PreparedAnswer {
  const version = dataVersion();
  if (version !== answersVersion) {
    answers.clear();
    answersVersion = version;
  }
  const q = url.indexOf("?");
  const query = q === -1 ? "" : url.slice(q + 1);
  // The same query again (a page's script, a retry) is found without parsing it.
  const asSent = query.length <= 200 ? `query ${query}` : null;
  let answer = asSent === null ? undefined : answers.get(asSent);
  if (answer) return answer;
  const params = new URLSearchParams(query);
  const key = lookupKey(params);
  answer = key === null ? undefined : answers.get(key);
  if (!answer) {
    answer = prepare(lookupAnswer(params));
    if (key === null) return answer;
    answers.set(key, answer);
  }
  if (asSent !== null) answers.set(asSent, answer);
  return answer;
}

/**
 * The same answer as a plain Node handler, for server.js to answer /api/lookup
 * ahead of Express and Remix: the lookup is a few microseconds of SQLite, and
 * Remix's request conversion and route matching would cost many times that.
 */
export function lookupApiHandler(req: IncomingMessage, res: ServerResponse): void {
  const answer = answerFor(req.url!);
  res.writeHead(answer.status, answer.headers);
  res.end(req.method === "HEAD" ? undefined : answer.body);
}

/** For server.js's front door: answers GET and HEAD of exactly /api/lookup; false (nothing sent) for anything else. */
export function answerLookup(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const url = req.url ?? "";
  if (!(url === "/api/lookup" || url.startsWith("/api/lookup?"))) return false;
  lookupApiHandler(req, res);
  return true;
}
