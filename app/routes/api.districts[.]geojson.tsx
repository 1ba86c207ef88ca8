import type { LoaderFunctionArgs } from "@remix-run/node";
import { prepareBody, serveBody, type PreparedBody } from "~/lib/map/response.server";
import { getBoundaryLayers } from "~/models/boundaries.server";

// Both levels of detail, built on first request.
let cached: { version: string; detail: PreparedBody; overview: PreparedBody } | undefined;

/**
 * GET /api/districts.geojson?v=WD24.1 → the 13 district outlines (the ONS
 * district polygons, simplified like the wards), with a point for its label;
 * with &overview=1, lighter, for the first view of the whole county.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const layers = getBoundaryLayers();
  if (cached?.version !== layers.version) {
    cached = {
      version: layers.version,
      detail: prepareBody(JSON.stringify({ type: "FeatureCollection", features: layers.districts })),
      overview: prepareBody(JSON.stringify({ type: "FeatureCollection", features: layers.overview.districts })),
    };
  }
  const params = new URL(request.url).searchParams;
  return serveBody(request, params.get("overview") === "1" ? cached.overview : cached.detail, { current: params.get("v") === layers.version });
}
