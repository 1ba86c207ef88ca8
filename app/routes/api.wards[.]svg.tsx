import type { LoaderFunctionArgs } from "@remix-run/node";
import { prepareBody, serveBody, type PreparedBody } from "~/lib/map/response.server";
import { countyPreviewSvg, type PreviewColouring } from "~/models/boundaries.server";

// One body per colouring, for the current boundaries.
const cache = new Map<PreviewColouring, PreparedBody>();
let cacheVersion: string | undefined;

/**
 * GET /api/wards.svg?v=WD24.1&colour=district → a picture of the county map
 * (every ward, the district borders) that /map shows until its interactive map
 * has loaded; `colour=plain` (or anything else) draws every ward in one fill.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const colouring: PreviewColouring = params.get("colour") === "district" ? "district" : "plain";
  const { version, svg } = countyPreviewSvg(colouring);
  if (cacheVersion !== version) {
    cache.clear();
    cacheVersion = version;
  }
  let body = cache.get(colouring);
  if (!body) {
    body = prepareBody(svg, "image/svg+xml; charset=utf-8");
    cache.set(colouring, body);
  }
  return serveBody(request, body, { current: params.get("v") === version });
}
