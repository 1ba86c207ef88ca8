// The web boundaries: smaller than the ONS originals, but still every ward,
// still valid, still where people live, and within the download budgets.
import { area, booleanPointInPolygon, kinks, pointOnFeature } from "@turf/turf";
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import type { AreaGeometry } from "~/lib/geo";
import { roundGeometry, selfIntersections } from "~/lib/map/simplify-geometry";
import { WardIndex } from "~/lib/ward-index";
import { getBoundaryLayers, getTeamAreas, type BoundaryLayers } from "~/models/boundaries.server";
import { dbWithSampleData } from "./helpers/db";

const gzipBytes = (value: unknown) => gzipSync(JSON.stringify(value), { level: 9 }).length;

const positions = (g: AreaGeometry) => (g.type === "Polygon" ? [g.coordinates] : g.coordinates).flat(2);

let layers: BoundaryLayers;
let source: Map<string, { name: string; geometry: AreaGeometry }>;

beforeAll(() => {
  const db = dbWithSampleData();
  layers = getBoundaryLayers();
  const rows = db.$client.prepare("SELECT code, name, geometry FROM wards").all() as { code: string; name: string; geometry: string }[];
  source = new Map(rows.map((r) => [r.code, { name: r.name, geometry: JSON.parse(r.geometry) as AreaGeometry }]));
});

describe("county ward layer", () => {
  it("keeps every one of the 279 wards, once each, with its code and name", () => {
    expect(layers.wards).toHaveLength(279);
    expect(new Set(layers.wards.map((f) => f.properties.code))).toEqual(new Set(source.keys()));
    for (const f of layers.wards) expect(f.properties.name).toBe(source.get(f.properties.code)!.name);
  });

  it("leaves every ward a real area, within 2% of its ONS area", () => {
    for (const f of layers.wards) {
      const original = area(source.get(f.properties.code)!.geometry);
      expect(positions(f.geometry).length, f.properties.code).toBeGreaterThanOrEqual(4);
      expect(Math.abs(area(f.geometry) - original) / original, f.properties.code).toBeLessThan(0.02);
    }
  });

  it("adds no self-intersection that the ONS boundary does not have", () => {
    const worse = layers.wards.filter((f) => kinks(f.geometry).features.length > kinks(source.get(f.properties.code)!.geometry).features.length);
    expect(worse.map((f) => f.properties.name)).toEqual([]);
  });

  it("actually simplifies: at least 15% fewer points than the ONS boundaries", () => {
    const before = [...source.values()].reduce((n, w) => n + positions(w.geometry).length, 0);
    const after = layers.wards.reduce((n, f) => n + positions(f.geometry).length, 0);
    expect(after).toBeLessThan(before * 0.85);
  });

  it("rounds coordinates to 5 decimal places (about 1 m)", () => {
    for (const f of layers.wards) {
      for (const [lng, lat] of positions(f.geometry)) {
        expect(Math.abs(lng! * 1e5 - Math.round(lng! * 1e5))).toBeLessThan(1e-6);
        expect(Math.abs(lat! * 1e5 - Math.round(lat! * 1e5))).toBeLessThan(1e-6);
      }
    }
  });

  it("fits in 150 KB gzipped for the whole county", () => {
    expect(gzipBytes({ type: "FeatureCollection", features: layers.wards })).toBeLessThanOrEqual(150 * 1024);
  });

  it("fits in 10 KB gzipped for any one ward, even with all its neighbours", () => {
    for (const f of layers.wards) {
      const neighbours = layers.neighbours.get(f.properties.code)!.map((c) => layers.wards[layers.wardIndex.get(c)!]!);
      expect(gzipBytes({ type: "FeatureCollection", features: [f] }), f.properties.code).toBeLessThanOrEqual(10 * 1024);
      expect(gzipBytes({ type: "FeatureCollection", features: [f, ...neighbours] }), f.properties.code).toBeLessThanOrEqual(10 * 1024);
    }
  });

  it("opens no gaps where people live: postcodes stay in their own ward", () => {
    const db = dbWithSampleData();
    const postcodes = db.$client.prepare("SELECT postcode, lat, lng, ward_code AS ward FROM postcodes WHERE ward_match = 'pip'").all() as {
      postcode: string;
      lat: number;
      lng: number;
      ward: string;
    }[];
    const index = new WardIndex(layers.wards.map((f) => ({ code: f.properties.code, geometry: f.geometry })));
    let same = 0;
    const far: string[] = [];
    for (const p of postcodes) {
      if (index.containing([p.lng, p.lat]) === p.ward) same++;
      // Less than two pixels at the whole-county zoom (about 150 m a pixel).
      else if (!index.nearest([p.lng, p.lat], 200)) far.push(p.postcode);
    }
    expect(postcodes.length).toBeGreaterThan(70_000);
    expect(same / postcodes.length).toBeGreaterThan(0.999);
    expect(far).toEqual([]);
  });

  it("knows which wards border each other, including across the seam between the two ONS sources", () => {
    for (const [code, adjacent] of layers.neighbours) {
      expect(adjacent.length, code).toBeGreaterThan(0);
      for (const other of adjacent) expect(layers.neighbours.get(other), `${other} → ${code}`).toContain(code);
    }
    // Park Wood & Mangravet and Shepway share an edge in one source file.
    expect(layers.neighbours.get("E05015608")).toContain(layers.wards.find((f) => f.properties.name === "Shepway")!.properties.code);
    // Blean Forest and Sturry come from different files whose edges do not coincide.
    expect(layers.neighbours.get("E05010393")).toContain("E05012956");
  });
});

describe("county overview layer (the first view a county map draws)", () => {
  it("has the same 279 wards and 13 districts, each a real area within 5% or 0.12 km² of its ONS area (under two pixels of a phone's county view), adding no self-intersection", () => {
    expect(layers.overview.wards.map((f) => f.properties.code)).toEqual(layers.wards.map((f) => f.properties.code));
    expect(layers.overview.districts.map((f) => f.properties.code)).toEqual(layers.districts.map((f) => f.properties.code));
    for (const f of layers.overview.wards) {
      const original = source.get(f.properties.code)!.geometry;
      expect(Math.abs(area(f.geometry) - area(original)), f.properties.code).toBeLessThan(Math.max(0.05 * area(original), 120_000));
      expect(kinks(f.geometry).features.length, f.properties.code).toBeLessThanOrEqual(kinks(original).features.length);
    }
  });

  it("is lighter than the zoomable layer: under half its points, 4 decimal places (about 10 m), and under 60 KB gzipped", () => {
    const points = (fs: { geometry: AreaGeometry }[]) => fs.reduce((n, f) => n + positions(f.geometry).length, 0);
    expect(points(layers.overview.wards)).toBeLessThan(points(layers.wards) / 2);
    const roundedTo = (places: number) => (f: { geometry: AreaGeometry }) =>
      positions(f.geometry).flat().every((c) => Math.abs(c! * 10 ** places - Math.round(c! * 10 ** places)) < 1e-6);
    // A ward that rounding to 4 places would make cross itself keeps 5.
    const finer = layers.overview.wards.filter((f) => !roundedTo(4)(f));
    expect(finer.length).toBeLessThanOrEqual(3);
    expect(finer.every(roundedTo(5))).toBe(true);
    expect(gzipBytes({ type: "FeatureCollection", features: layers.overview.wards })).toBeLessThanOrEqual(60 * 1024);
  });
});

describe("district layer", () => {
  it("has the 13 districts, each labelled at a point inside it", () => {
    expect(layers.districts.map((d) => d.properties.name).sort()).toHaveLength(13);
    for (const d of layers.districts) expect(booleanPointInPolygon(d.properties.label, d.geometry), d.properties.name).toBe(true);
  });
});

describe("team areas", () => {
  it("covers each team's wards with one shape per team and no slivers at the seams", () => {
    const areas = getTeamAreas();
    expect(areas.features).toHaveLength(46);
    const teamOf = dbWithSampleData()
      .$client.prepare("SELECT t.slug, tw.ward_code AS code FROM team_wards tw JOIN teams t ON t.id = tw.team_id")
      .all() as { slug: string; code: string }[];
    const simplifiedWard = (code: string) => layers.wards[layers.wardIndex.get(code)!]!.geometry;
    for (const f of areas.features) {
      const members = teamOf.filter((r) => r.slug === f.properties.slug);
      expect(f.properties.wards).toBe(members.length);
      for (const m of members) {
        expect(booleanPointInPolygon(pointOnFeature(simplifiedWard(m.code)), f.geometry), `${m.code} in ${f.properties.slug}`).toBe(true);
      }
      const wardArea = members.reduce((s, m) => s + area(simplifiedWard(m.code)), 0);
      expect(Math.abs(area(f.geometry) - wardArea) / wardArea, f.properties.slug).toBeLessThan(0.01);
      // Gaps between two sources' edges would show up as holes in the dissolved area.
      const polygons = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
      expect(polygons.every((p) => p.length === 1), f.properties.slug).toBe(true);
    }
  });

  it("are rebuilt, with a new version, when a ward moves to another team", () => {
    const db = dbWithSampleData();
    const before = getTeamAreas();
    const [a] = db.$client.prepare("SELECT team_id AS team, ward_code AS ward FROM team_wards ORDER BY ward_code LIMIT 1").all() as { team: number; ward: string }[];
    const other = db.$client.prepare("SELECT id FROM teams WHERE id <> ? LIMIT 1").get(a!.team) as { id: number };
    db.$client.prepare("UPDATE team_wards SET team_id = ? WHERE ward_code = ?").run(other.id, a!.ward);
    try {
      const after = getTeamAreas();
      expect(after.version).not.toBe(before.version);
      expect(after).not.toBe(before);
    } finally {
      db.$client.prepare("UPDATE team_wards SET team_id = ? WHERE ward_code = ?").run(a!.team, a!.ward);
    }
  });
});

describe("selfIntersections", () => {
  const ring = (...points: [number, number][]): AreaGeometry => ({ type: "Polygon", coordinates: [[...points, points[0]!]] });

  it("finds a bow-tie's crossing and none in a plain square", () => {
    expect(selfIntersections(ring([0, 0], [1, 1], [1, 0], [0, 1]))).toBe(1);
    expect(selfIntersections(ring([0, 0], [1, 0], [1, 1], [0, 1]))).toBe(0);
  });

  it("agrees with turf's kinks on which ONS wards and districts cross themselves", () => {
    const db = dbWithSampleData();
    const rows = db.$client.prepare("SELECT code, geometry FROM wards UNION ALL SELECT code, geometry FROM districts").all() as { code: string; geometry: string }[];
    const disagree = rows.filter((r) => {
      const g = JSON.parse(r.geometry) as AreaGeometry;
      return selfIntersections(g) > 0 !== kinks(g).features.length > 0;
    });
    expect(rows.filter((r) => kinks(JSON.parse(r.geometry) as AreaGeometry).features.length > 0).length).toBeGreaterThan(0);
    expect(disagree.map((r) => r.code)).toEqual([]);
  });
});

describe("roundGeometry", () => {
  it("drops rings that collapse to nothing, and the polygon if its outline does", () => {
    const tiny: AreaGeometry = {
      type: "MultiPolygon",
      coordinates: [
        [
          [
            [0.5, 51.2],
            [0.51, 51.2],
            [0.51, 51.21],
            [0.5, 51.2],
          ],
        ],
        [
          [
            [0.6, 51.3],
            [0.600001, 51.3],
            [0.600001, 51.300001],
            [0.6, 51.3],
          ],
        ],
      ],
    };
    expect(roundGeometry(tiny, 5)).toEqual({
      type: "Polygon",
      coordinates: [
        [
          [0.5, 51.2],
          [0.51, 51.2],
          [0.51, 51.21],
          [0.5, 51.2],
        ],
      ],
    });
  });
});
