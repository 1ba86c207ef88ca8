import type { LoaderFunctionArgs } from "@remix-run/node";
import { prepareBody, serveBody, type PreparedBody } from "~/lib/map/response.server";
import { getBoundaryLayers } from "~/models/boundaries.server";

let cached: { version: string; body: PreparedBody } | undefined;

/**
 * GET /api/districts.geojson?v=WD24.1 → the 13 district outlines, each the union
 * of its wards on the simplified boundaries, with a point for its label.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const layers = getBoundaryLayers();
  if (cached?.version !== layers.version) {
    cached = { version: layers.version, body: prepareBody(JSON.stringify({ type: "FeatureCollection", features: layers.districts })) };
  }
  const requested = new URL(request.url).searchParams.get("v");
  return serveBody(request, cached.body, { current: requested === layers.version });
}
