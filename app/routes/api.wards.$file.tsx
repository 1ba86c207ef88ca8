import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { normaliseGssCode } from "~/lib/vocabulary";
import { prepareBody, serveBody, type PreparedBody } from "~/lib/map/response.server";
import { getBoundaryLayers } from "~/models/boundaries.server";

// At most two bodies per ward (with and without neighbours), built on first request.
const cache = new Map<string, PreparedBody>();
let cacheVersion: string | undefined;

/**
 * GET /api/wards/E05015608.geojson?v=WD24.1 → one ward. With &neighbours=1 the
 * wards bordering it follow it, on the same simplified boundaries so that no
 * gap shows between them.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const match = /^([A-Za-z0-9]{1,9})\.geojson$/.exec(params.file ?? "");
  const code = normaliseGssCode(match?.[1]);
  if (!match || !code?.startsWith("E05")) throw new Response("Not a ward boundary file", { status: 404 });
  const url = new URL(request.url);
  if (code !== match[1]) throw redirect(`/api/wards/${code}.geojson${url.search}`, 301);

  const layers = getBoundaryLayers();
  const index = layers.wardIndex.get(code);
  if (index === undefined) throw new Response("Ward not found", { status: 404 });
  if (cacheVersion !== layers.version) {
    cache.clear();
    cacheVersion = layers.version;
  }
  const withNeighbours = url.searchParams.get("neighbours") === "1";
  const key = `${code}:${withNeighbours}`;
  let body = cache.get(key);
  if (!body) {
    const ward = layers.wards[index]!;
    const neighbours = withNeighbours ? (layers.neighbours.get(code) ?? []).map((c) => layers.wards[layers.wardIndex.get(c)!]!) : [];
    const features = [
      { ...ward, properties: { ...ward.properties, role: "ward" } },
      ...neighbours.map((n) => ({ ...n, properties: { ...n.properties, role: "neighbour" } })),
    ];
    body = prepareBody(JSON.stringify({ type: "FeatureCollection", features }));
    cache.set(key, body);
  }
  return serveBody(request, body, { current: url.searchParams.get("v") === layers.version });
}
