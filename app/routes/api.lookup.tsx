import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { parseCoordinate } from "~/lib/geo";
import { lookupMessage, POLICE_UK_FINDER } from "~/lib/lookup";
import { lookupPoint, lookupPostcode } from "~/models/lookup.server";

// Open data: any site may call this, read-only. (server.js adds the security headers.)
const headers = { "Access-Control-Allow-Origin": "*" };

/** GET /api/lookup?postcode=ME15+9BZ or ?lat=51.25&lng=0.54 → the ward, team and CSU inbox. */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const params = url.searchParams;
  const byPostcode = params.has("postcode");
  if (!byPostcode && !(params.has("lat") && params.has("lng"))) {
    return json({ error: "Give a postcode (?postcode=ME15 9BZ) or a location (?lat=51.25&lng=0.54)" }, { status: 400, headers });
  }
  const result = byPostcode
    ? lookupPostcode(params.get("postcode"))
    : lookupPoint(parseCoordinate(params.get("lat"), -90, 90), parseCoordinate(params.get("lng"), -180, 180));

  if (result.status === "found") {
    return json(
      {
        postcode: result.postcode,
        lat: result.lat,
        lng: result.lng,
        match: result.match,
        ward: result.ward,
        district: result.district,
        team: result.team ? { name: result.team.name, url: `${url.origin}/teams/${result.team.slug}` } : null,
        csuEmail: result.csuEmail,
        url: `${url.origin}/wards/${result.ward.code}`,
      },
      { headers: { ...headers, "Cache-Control": "public, max-age=3600" } },
    );
  }
  const status = result.status === "empty" || result.status === "invalid" ? 400 : 404;
  return json(
    {
      error: lookupMessage(result, byPostcode ? "postcode" : "location"),
      reason: result.status,
      ...(result.status === "outside" ? { policeUk: POLICE_UK_FINDER } : {}),
    },
    { status, headers },
  );
}
