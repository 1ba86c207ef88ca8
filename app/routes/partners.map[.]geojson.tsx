import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/lib/permissions.server";
import { ukMonth } from "~/lib/format";
import { exportGeoJson } from "~/lib/map/export";
import { parseLayerSelection } from "~/lib/map/layers";
import { partnerExportSource } from "~/models/map.server";

/** GET /partners/map.geojson?layers=…&theme=… → the layers shown on the partner map, as GeoJSON. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "view:partner-map");
  const url = new URL(request.url);
  const now = new Date();
  const source = partnerExportSource(parseLayerSelection(url.searchParams), url.origin, now);
  return new Response(JSON.stringify(exportGeoJson(source)), {
    headers: {
      "Content-Type": "application/geo+json; charset=utf-8",
      "Content-Disposition": `attachment; filename="kent-partner-map-${ukMonth(now)}.geojson"`,
      "Cache-Control": "private, no-cache",
    },
  });
}
