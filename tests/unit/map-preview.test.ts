// The server-drawn picture of the county map: the same projection as Leaflet's,
// framed on the wards, compact path data.
import { describe, expect, it } from "vitest";
import { mercator, previewFrame, previewSvg } from "~/lib/map/preview-svg";
import type { AreaGeometry } from "~/lib/geo";

const square = (x: number, y: number, size: number): AreaGeometry => ({
  type: "Polygon",
  coordinates: [
    [
      [x, y],
      [x + size, y],
      [x + size, y + size],
      [x, y + size],
      [x, y],
    ],
  ],
});

describe("mercator", () => {
  it("places points as web map tiles (and Leaflet) do, in units of the world's width", () => {
    // At zoom 10 the world is 1,024 tiles across: central London is tile 511/340, Maidstone 513/341.
    const tile = (lng: number, lat: number) => mercator([lng, lat]).map((u) => Math.floor(u * 1024));
    expect(tile(-0.1278, 51.5074)).toEqual([511, 340]);
    expect(tile(0.5228, 51.2704)).toEqual([513, 341]);
    expect(mercator([0, 0])).toEqual([0.5, 0.5]);
  });
});

describe("previewSvg", () => {
  const wards = [
    { geometry: square(0, 51, 0.1), fill: "#112233" },
    { geometry: square(0.1, 51, 0.1), fill: "#445566" },
    { geometry: square(0.2, 51, 0.1), fill: "#112233" },
  ];

  it("frames the wards: as wide as asked, as tall as their projected shape", () => {
    const frame = previewFrame(wards, 600);
    expect(frame.width).toBe(600);
    // 0.3° of longitude by 0.1° of latitude at 51°N is about 3 : 1.59 on the map.
    expect(frame.height).toBeGreaterThan(310);
    expect(frame.height).toBeLessThan(325);
  });

  it("draws one path a colour, corners in whole units relative to the last, then the district borders", () => {
    const svg = previewSvg({ wards, districts: [square(0, 51, 0.3)], fillOpacity: 0.75, width: 600 });
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 600 \d+"/);
    const fills = [...svg.matchAll(/<path fill="(#[0-9a-f]+)"[^>]* d="([^"]+)"/g)].map((m) => [m[1], m[2]]);
    expect(fills.map(([fill]) => fill)).toEqual(["#112233", "#445566"]);
    // The first colour holds two squares, each a closed ring: a move, four sides as relative steps, then z.
    const rings = fills[0]![1]!.split("z").filter(Boolean);
    expect(rings).toHaveLength(2);
    expect(rings[0]).toMatch(/^M0 (\d+)l200 0 0-\1-200 0 0 \1$/);
    expect(svg.match(/fill="none"/g)).toHaveLength(2);
  });

  it("never writes a colour it was not given as a hex colour", () => {
    const svg = previewSvg({ wards: [{ geometry: square(0, 51, 0.1), fill: '"><script>alert(1)</script>' }], districts: [], fillOpacity: 0.75 });
    expect(svg).not.toContain("<script");
    expect(svg).toContain('fill="#ffffff"');
  });
});
