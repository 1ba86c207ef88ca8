// A picture of the county map, drawn on the server: the wards and district
// borders in the same Web Mercator projection Leaflet uses, framed on the
// wards. A page shows it where its map will be, so that a phone on a slow
// connection sees the wards at once, and Leaflet's interactive map, drawn on
// top of the same view when its code has arrived, replaces it without a jump.
import type { Position } from "geojson";
import type { AreaGeometry } from "../geo";

export interface PreviewArea {
  geometry: AreaGeometry;
  fill: string;
}


/** Longitude and latitude to Web Mercator, in units of the world's width (0–1), y growing southwards. */
export function mercator([lng, lat]: Position): [number, number] {
  const phi = (Math.max(-85.05, Math.min(85.05, lat!)) * Math.PI) / 180;
  return [(lng! + 180) / 360, 0.5 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / (2 * Math.PI)];
}

const ringsOf = (g: AreaGeometry): Position[][] => (g.type === "Polygon" ? g.coordinates : g.coordinates.flat());

/** The picture's size: `width` units across, as tall as the wards' projected extent needs. */
export function previewFrame(areas: readonly PreviewArea[], width: number) {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const a of areas) {
    for (const ring of ringsOf(a.geometry)) {
      for (const p of ring) {
        const [x, y] = mercator(p);
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
    }
  }
  const scale = width / (maxX - minX);
  return { minX, minY, scale, width, height: Math.ceil((maxY - minY) * scale) };
}

type Frame = ReturnType<typeof previewFrame>;

/** "3 -1" → " 3-1": SVG path numbers need no separator before a minus sign. */
const pair = (x: number, y: number) => `${x < 0 ? "" : " "}${x}${y < 0 ? "" : " "}${y}`;

/** SVG path data for some areas: whole units, each step relative to the last (one "l" a ring), repeated points dropped. */
function pathData(geometries: readonly AreaGeometry[], frame: Frame): string {
  const parts: string[] = [];
  for (const g of geometries) {
    for (const ring of ringsOf(g)) {
      let last: [number, number] | null = null;
      let d = "";
      for (const p of ring) {
        const [mx, my] = mercator(p);
        const x = Math.round((mx - frame.minX) * frame.scale);
        const y = Math.round((my - frame.minY) * frame.scale);
        if (!last) d = `M${x} ${y}l`;
        else if (x !== last[0] || y !== last[1]) d += pair(x - last[0], y - last[1]);
        last = [x, y];
      }
      if (d) parts.push(`${d.replace("l ", "l")}z`);
    }
  }
  return parts.join("");
}

/**
 * The picture as an SVG document: wards filled (one path per colour, so the
 * file stays small) with white edges, then the district borders on a white
 * casing, as the interactive map draws them, on a clear background (the map's
 * own shows through). Strokes keep their width in
 * screen pixels whatever size the picture is shown at.
 */
export function previewSvg({
  wards,
  districts,
  fillOpacity,
  edge = "#ffffff",
  width = 1000,
}: {
  wards: readonly PreviewArea[];
  districts: readonly AreaGeometry[];
  fillOpacity: number;
  /** The ward edges' colour: white between coloured wards, darker between plain ones. */
  edge?: string;
  width?: number;
}): string {
  const frame = previewFrame(wards, width);
  const byFill = new Map<string, AreaGeometry[]>();
  for (const w of wards) byFill.set(w.fill, [...(byFill.get(w.fill) ?? []), w.geometry]);
  const safeColour = (c: string) => (/^#[0-9a-f]{3,8}$/i.test(c) ? c : "#ffffff");
  const stroke = `vector-effect="non-scaling-stroke" stroke-linejoin="round"`;
  const wardPaths = [...byFill]
    .map(([fill, gs]) => `<path fill="${safeColour(fill)}" fill-opacity="${fillOpacity}" fill-rule="evenodd" stroke="${safeColour(edge)}" stroke-width="0.8" ${stroke} d="${pathData(gs, frame)}"/>`)
    .join("");
  const borders = pathData(districts, frame);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${frame.width} ${frame.height}" width="${frame.width}" height="${frame.height}">`,
    wardPaths,
    `<path fill="none" stroke="#ffffff" stroke-opacity="0.9" stroke-width="5" ${stroke} d="${borders}"/>`,
    `<path fill="none" stroke="#0b0c0c" stroke-width="2" ${stroke} d="${borders}"/>`,
    `</svg>`,
  ].join("");
}
