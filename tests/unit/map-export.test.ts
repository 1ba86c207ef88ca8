// Partner downloads: what is switched on, and only that, in GeoJSON and CSV.
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { csvCell, EXPORT_COLUMNS, exportCsv, exportGeoJson } from "~/lib/map/export";
import { partnerExportSource } from "~/models/map.server";
import { dbWithSampleData, TEST_TODAY } from "./helpers/db";

const ORIGIN = "https://example.test";
const source = (layers: string[], theme = "drugs") =>
  partnerExportSource({ layers: layers as never, theme: theme as never }, ORIGIN, TEST_TODAY);
const layerCounts = (rows: { layer: string }[]) => rows.reduce<Record<string, number>>((n, r) => ({ ...n, [r.layer]: (n[r.layer] ?? 0) + 1 }), {});

beforeAll(() => {
  dbWithSampleData();
});

describe("csvCell", () => {
  it("quotes commas, quotes and line breaks", () => {
    expect(csvCell("Bobbing, Iwade")).toBe('"Bobbing, Iwade"');
    expect(csvCell('The "Old" Hall')).toBe('"The ""Old"" Hall"');
    expect(csvCell("a\nb")).toBe('"a\nb"');
    expect(csvCell(null)).toBe("");
  });

  it("stops a spreadsheet running text as a formula, but leaves numbers alone", () => {
    expect(csvCell("=HYPERLINK(\"x\")")).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell("+44 1622")).toBe("'+44 1622");
    expect(csvCell("@here")).toBe("'@here");
    expect(csvCell(-0.12345)).toBe("-0.12345");
  });
});

describe("exports of the partner map", () => {
  it("has one CSV row per feature of each layer switched on", () => {
    const rows = parse(exportCsv(source(["wards", "districts", "teams", "venues", "priorities"])), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...EXPORT_COLUMNS]);
    const counts = layerCounts(rows as { layer: string }[]);
    expect(counts.ward).toBe(279);
    expect(counts.district).toBe(13);
    expect(counts.team_area).toBe(46);
    expect(counts.venue).toBeGreaterThan(100);
    expect(counts.priority).toBeGreaterThan(0);
    expect(counts.priority).toBeLessThan(279);
  });

  it("leaves out what is switched off", () => {
    const rows = parse(exportCsv(source(["districts"])), { columns: true }) as { layer: string }[];
    expect(layerCounts(rows)).toEqual({ district: 13 });
    expect(exportGeoJson(source([])).features).toEqual([]);
  });

  it("lists the wards where the chosen theme is a priority, with its rank and title", () => {
    const rows = parse(exportCsv(source(["priorities"], "parking")), { columns: true }) as Record<string, string>[];
    for (const r of rows) {
      expect(r.layer).toBe("priority");
      expect(r.theme).toBe("Parking");
      expect(["1", "2", "3"]).toContain(r.priority_rank);
      expect(r.detail).toMatch(/parking/i);
      expect(r.url).toBe(`${ORIGIN}/wards/${r.code}`);
    }
    expect(rows.length).toBeGreaterThan(0);
  });

  it("gives GeoJSON the same features, with boundaries for areas and points for venues", () => {
    const collection = exportGeoJson(source(["wards", "venues"]));
    const wards = collection.features.filter((f) => f.properties!.layer === "ward");
    const venues = collection.features.filter((f) => f.properties!.layer === "venue");
    expect(wards).toHaveLength(279);
    expect(new Set(wards.map((f) => f.geometry.type))).toEqual(new Set(["Polygon", "MultiPolygon"]));
    expect(venues.every((f) => f.geometry.type === "Point")).toBe(true);
    expect(venues.length).toBe(parse(exportCsv(source(["venues"])), { columns: true }).length);
  });
});
