import type { LoaderFunctionArgs } from "@remix-run/node";
import { prepareBody, serveBody, type PreparedBody } from "~/lib/map/response.server";
import { getBoundaryLayers } from "~/models/boundaries.server";

let cached: { version: string; body: PreparedBody } | undefined;

/** GET /api/wards.geojson?v=WD24.1 → every Kent and Medway ward, simplified for the county view. */
export async function loader({ request }: LoaderFunctionArgs) {
  const layers = getBoundaryLayers();
  if (cached?.version !== layers.version) {
    cached = { version: layers.version, body: prepareBody(JSON.stringify({ type: "FeatureCollection", features: layers.wards })) };
  }
  const requested = new URL(request.url).searchParams.get("v");
  return serveBody(request, cached.body, { current: requested === layers.version });
}
