import type { LoaderFunctionArgs } from "@remix-run/node";
import { prepareBody, serveBody, type PreparedBody } from "~/lib/map/response.server";
import { getTeamAreas } from "~/models/boundaries.server";

let cached: { version: string; body: PreparedBody } | undefined;

/** GET /api/teams.geojson?v=… → each neighbourhood team's area, the union of its wards. */
export async function loader({ request }: LoaderFunctionArgs) {
  const areas = getTeamAreas();
  if (cached?.version !== areas.version) {
    cached = { version: areas.version, body: prepareBody(JSON.stringify({ type: "FeatureCollection", features: areas.features })) };
  }
  const requested = new URL(request.url).searchParams.get("v");
  return serveBody(request, cached.body, { current: requested === areas.version });
}
