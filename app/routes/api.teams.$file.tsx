import type { LoaderFunctionArgs } from "@remix-run/node";
import { isSlug } from "~/lib/vocabulary";
import { prepareBody, serveBody, type PreparedBody } from "~/lib/map/response.server";
import { teamAreasVersion, teamWardShapes } from "~/models/boundaries.server";

// One body per team, rebuilt when wards move between teams (a new version).
const cache = new Map<string, PreparedBody>();
let cacheVersion: string | undefined;

/**
 * GET /api/teams/maidstone-central.geojson?v=… → the team's wards, then the
 * wards bordering them: all the team page draws, instead of every ward in Kent.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const slug = /^(.{1,80})\.geojson$/.exec(params.file ?? "")?.[1];
  if (!slug || !isSlug(slug)) throw new Response("Not a team boundary file", { status: 404 });
  const version = teamAreasVersion();
  if (cacheVersion !== version) {
    cache.clear();
    cacheVersion = version;
  }
  let body = cache.get(slug);
  if (!body) {
    const features = teamWardShapes(slug);
    if (!features) throw new Response("Team not found", { status: 404 });
    body = prepareBody(JSON.stringify({ type: "FeatureCollection", features }));
    cache.set(slug, body);
  }
  return serveBody(request, body, { current: new URL(request.url).searchParams.get("v") === version });
}
