import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { countGeography, GeographyError, loadGeography, readGeography, type Geography } from "../../scripts/lib/geography";
import { DATA_FILES, migratedDb } from "./helpers/db";

let geography: Geography;

beforeAll(() => {
  geography = readGeography(DATA_FILES);
});

/** A copy of the real files with one of them changed, to see what the importer makes of it. */
function withChangedFile(key: keyof typeof DATA_FILES, change: (text: string) => string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "geo-"));
  const files = { ...DATA_FILES };
  const target = path.join(dir, path.basename(DATA_FILES[key]));
  fs.writeFileSync(target, change(fs.readFileSync(DATA_FILES[key], "utf8")));
  files[key] = target;
  return files;
}

function problemsOf(files: typeof DATA_FILES): string[] {
  try {
    readGeography(files);
  } catch (e) {
    if (e instanceof GeographyError) return e.problems;
    throw e;
  }
  return [];
}

describe("reading the ONS geography", () => {
  it("finds 13 districts, 279 wards and 71,607 Kent postcodes", () => {
    expect(geography.districts).toHaveLength(13);
    expect(geography.wards).toHaveLength(279);
    expect(geography.postcodes.filter((p) => p.wardCode)).toHaveLength(71_607);
    expect(geography.postcodes.filter((p) => !p.wardCode)).toHaveLength(19_180);
  });

  it("gives every district its CSU inbox, Folkestone and Hythe keeping the Shepway address", () => {
    const byName = new Map(geography.districts.map((d) => [d.name, d.csuEmail]));
    expect(byName.get("Maidstone")).toBe("csu.maidstone@kent.police.uk");
    expect(byName.get("Folkestone and Hythe")).toBe("csu.shepway@kent.police.uk");
    expect(byName.get("Tonbridge and Malling")).toBe("csu.tonbridgeandmallings@kent.police.uk");
  });

  it("stores postcodes in their standard spaced form with their outward code", () => {
    const pc = geography.postcodes.find((p) => p.postcode === "ME15 9BZ");
    expect(pc).toMatchObject({ outcode: "ME15", wardCode: "E05015608", wardMatch: "pip" });
  });

  it("refuses a postcode file that names a ward missing from the wards file", () => {
    const files = withChangedFile("postcodes", (t) => t.replace("ME15 9BZ,51.24876,0.54260,E05015608", "ME15 9BZ,51.24876,0.54260,E05099999"));
    expect(problemsOf(files)).toContainEqual(expect.stringContaining("ME15 9BZ names ward E05099999, which is not in the wards file"));
  });

  it("refuses a district without a CSU inbox", () => {
    const files = withChangedFile("csuInboxes", (t) => t.replace(/^E07000110,.*$/m, ""));
    expect(problemsOf(files)).toContainEqual(expect.stringContaining("E07000110 (Maidstone): no CSU inbox"));
  });

  it("refuses duplicate and malformed postcodes, naming the line", () => {
    const files = withChangedFile("postcodes", (t) => `${t.trimEnd()}\nME15 9BZ,51.2,0.5,E05015608,E07000110,pip\nNOT A PC,51.2,0.5,,,\n`);
    const problems = problemsOf(files);
    expect(problems).toContainEqual(expect.stringMatching(/line 90789: ME15 9BZ appears twice/));
    expect(problems).toContainEqual(expect.stringMatching(/line 90790: "NOT A PC" is not a valid postcode/));
  });

  it("refuses ward geometry in a projected grid rather than longitude/latitude", () => {
    const files = withChangedFile("wards", (t) => {
      const json = JSON.parse(t);
      json.features[0].geometry.coordinates[0][0] = [575000, 155000];
      return JSON.stringify(json);
    });
    expect(problemsOf(files)).toContainEqual(expect.stringContaining("not WGS84 longitude/latitude"));
  });

  it("refuses a wards file from another vintage whose wards have no postcodes", () => {
    const files = withChangedFile("wards", (t) => t.replace('"ward_code":"E05015608"', '"ward_code":"E05099998"'));
    const problems = problemsOf(files);
    expect(problems).toContainEqual(expect.stringContaining("ward E05099998 (Park Wood & Mangravet) has no postcodes"));
  });
});

describe("loading the geography", () => {
  it("loads the counts and changes nothing when run a second time", () => {
    const db = migratedDb();
    const options = { wardVintage: "WD24", districtVintage: "LAD24" };
    const first = loadGeography(db, geography, options);
    expect(first).toEqual({ districts: 13, wards: 279, kentPostcodes: 71_607, outsidePostcodes: 19_180 });
    const wardRow = db.$client.prepare("SELECT * FROM wards WHERE code = 'E05015608'").get();
    const second = loadGeography(db, geography, options);
    expect(second).toEqual(first);
    expect(db.$client.prepare("SELECT * FROM wards WHERE code = 'E05015608'").get()).toEqual(wardRow);
    expect(countGeography(db)).toEqual(first);
  });
});
