import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { prepareBody, serveBody, type PreparedBody } from "~/lib/map/response.server";
import { normaliseGssCode } from "~/lib/vocabulary";
import { districtWardShapes, getBoundaryLayers } from "~/models/boundaries.server";

// One body per district, built on first request.
const cache = new Map<string, PreparedBody>();
let cacheVersion: string | undefined;

/**
 * GET /api/districts/E07000110.geojson?v=WD24.1 → the district's wards, then the
 * wards bordering them: all the district page draws, instead of every ward in Kent.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const match = /^([A-Za-z0-9]{1,9})\.geojson$/.exec(params.file ?? "");
  const code = normaliseGssCode(match?.[1]);
  if (!match || !code || !/^E0[67]/.test(code)) throw new Response("Not a district boundary file", { status: 404 });
  const url = new URL(request.url);
  if (code !== match[1]) throw redirect(`/api/districts/${code}.geojson${url.search}`, 301);

  const layers = getBoundaryLayers();
  if (cacheVersion !== layers.version) {
    cache.clear();
    cacheVersion = layers.version;
  }
  let body = cache.get(code);
  if (!body) {
    const features = districtWardShapes(code);
    if (!features) throw new Response("District not found", { status: 404 });
    body = prepareBody(JSON.stringify({ type: "FeatureCollection", features }));
    cache.set(code, body);
  }
  return serveBody(request, body, { current: url.searchParams.get("v") === layers.version });
}
