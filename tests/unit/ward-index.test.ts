import { booleanPointInPolygon } from "@turf/turf";
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import type { AreaGeometry, LngLat } from "~/lib/geo";
import { WardIndex } from "~/lib/ward-index";
import { seededRandom } from "../../scripts/lib/sample-data";

const features = (
  JSON.parse(fs.readFileSync("db/data/kent-wards.geojson", "utf8")) as {
    features: { properties: { ward_code: string }; geometry: AreaGeometry }[];
  }
).features;
const wards = features.map((f) => ({ code: f.properties.ward_code, geometry: f.geometry }));
const index = new WardIndex(wards);

/** Every ward that contains the point, by testing all 279 polygons. */
const bruteForce = (point: LngLat) => wards.filter((w) => booleanPointInPolygon(point, w.geometry)).map((w) => w.code);

describe("WardIndex", () => {
  it("indexes all 279 Kent and Medway wards", () => {
    expect(index.size).toBe(279);
  });

  it("agrees with a brute-force scan of every ward on 2,000 random points across Kent", () => {
    const random = seededRandom(20260522);
    let inside = 0;
    for (let i = 0; i < 2000; i++) {
      const point: LngLat = [-0.05 + random() * 1.55, 50.9 + random() * 0.6];
      const expected = bruteForce(point);
      const found = index.containing(point);
      if (expected.length === 0) expect(found, `point ${point}`).toBeNull();
      else {
        inside++;
        expect(expected, `point ${point}`).toContain(found);
      }
    }
    // The box is mostly Kent: make sure the comparison was not vacuous.
    expect(inside).toBeGreaterThan(800);
  });

  it("puts 1,000 real postcode centroids in the ward the ONS extract computed for them", () => {
    const rows = fs
      .readFileSync("db/data/kent-postcodes.csv", "utf8")
      .split("\n")
      .slice(1)
      .map((l) => l.split(","))
      .filter((r) => r[5] === "pip")
      .filter((_, i) => i % 71 === 0)
      .slice(0, 1000);
    expect(rows.length).toBe(1000);
    for (const [postcode, lat, lng, wardCode] of rows) {
      expect(index.containing([Number(lng), Number(lat)]), postcode).toBe(wardCode);
    }
  });

  it("finds the nearest ward for a point just off the coast, and nothing far out at sea", () => {
    // DA12 2BQ on the Gravesend riverside lies just outside every ward polygon.
    const riverside: LngLat = [0.3746, 51.44501];
    expect(index.containing(riverside)).toBeNull();
    expect(index.nearest(riverside, 100)).toMatchObject({ code: "E05014925" });
    // North Sea, several kilometres off Margate.
    expect(index.nearest([1.4, 51.5], 100)).toBeNull();
  });

  it("finds nothing outside Kent (central London, Hastings)", () => {
    expect(index.containing([-0.1419, 51.5014])).toBeNull();
    expect(index.containing([0.57814, 50.85575])).toBeNull();
  });
});
