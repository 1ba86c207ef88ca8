import { beforeAll, describe, expect, it } from "vitest";
import { lookupMessage } from "~/lib/lookup";
import { lookupPoint, lookupPostcode } from "~/models/lookup.server";
import { searchWardsByName } from "~/models/ward.server";
import { dbWithSampleData } from "./helpers/db";

beforeAll(() => {
  dbWithSampleData();
});

describe("lookupPostcode", () => {
  it.each(["ME15 9BZ", "me159bz", " ME15  9BZ ", "Me15 9bZ"])("finds Park Wood & Mangravet, Maidstone, for %j", (typed) => {
    const result = lookupPostcode(typed);
    expect(result).toMatchObject({
      status: "found",
      postcode: "ME15 9BZ",
      match: "pip",
      ward: { code: "E05015608", name: "Park Wood & Mangravet" },
      district: { code: "E07000110", name: "Maidstone" },
      csuEmail: "csu.maidstone@kent.police.uk",
    });
    expect(result.status === "found" && result.team?.name).toMatch(/Neighbourhood Team$/);
  });

  it("finds the Sevenoaks ward for a BR8 postcode, the one BR district in Kent", () => {
    expect(lookupPostcode("BR8 7AA")).toMatchObject({ status: "found", district: { name: "Sevenoaks" } });
  });

  it("uses the nearest ward for a riverside postcode just outside every ward boundary", () => {
    expect(lookupPostcode("DA12 2BQ")).toMatchObject({ status: "found", match: "nearest", ward: { code: "E05014925" } });
  });

  it.each([
    ["SW1A 1AA", "Westminster: an area with no Kent postcodes"],
    ["TN34 1AA", "Hastings: in the data, but in East Sussex"],
    ["DA7 4AA", "Bexley: in the data, but in Greater London"],
    ["TN6 9ZZ", "Crowborough: a district with no Kent postcodes"],
  ])("says %s is outside the Kent Police area (%s)", (typed) => {
    expect(lookupPostcode(typed)).toEqual({ status: "outside", postcode: typed });
  });

  it("says a Kent-format postcode missing from the data is unknown, not outside Kent", () => {
    expect(lookupPostcode("me15 9zz")).toEqual({ status: "unknown", postcode: "ME15 9ZZ" });
  });

  it.each([
    ["", "empty"],
    ["hello", "invalid"],
    ["<script>alert(1)</script>", "invalid"],
    ["'; DROP TABLE postcodes; --", "invalid"],
    ["A".repeat(10_000), "invalid"],
  ])("turns %j away as %s", (typed, status) => {
    expect(lookupPostcode(typed)).toEqual({ status });
  });
});

describe("lookupPoint", () => {
  it("finds the ward containing Kent Police HQ's postcode centroid", () => {
    expect(lookupPoint(51.24876, 0.5426)).toMatchObject({ status: "found", match: "pip", ward: { code: "E05015608" } });
  });

  it("finds the nearest ward within 100 m of the coast", () => {
    expect(lookupPoint(51.44501, 0.3746)).toMatchObject({ status: "found", match: "nearest", ward: { code: "E05014925" } });
  });

  it.each([
    [51.5014, -0.1419, "Buckingham Palace"],
    [51.5, 1.4, "the North Sea off Margate"],
    [48.85, 2.35, "Paris"],
  ])("says %f, %f (%s) is outside the area", (lat, lng) => {
    expect(lookupPoint(lat, lng)).toEqual({ status: "outside", postcode: null });
  });

  it("treats a missing coordinate as unreadable", () => {
    expect(lookupPoint(null, 0.5)).toEqual({ status: "invalid" });
  });
});

describe("lookupMessage", () => {
  it("gives the GOV.UK-style message for each outcome", () => {
    expect(lookupMessage({ status: "empty" }, "postcode")).toBe("Enter a postcode");
    expect(lookupMessage({ status: "invalid" }, "postcode")).toBe("Enter a real postcode, like ME15 9BZ");
    expect(lookupMessage({ status: "outside", postcode: "SW1A 1AA" }, "postcode")).toBe("SW1A 1AA is outside the Kent Police area");
    expect(lookupMessage({ status: "unknown", postcode: "ME15 9ZZ" }, "postcode")).toMatch(/^We cannot find ME15 9ZZ/);
  });
});

describe("searchWardsByName", () => {
  it("lists wards whose names contain the words, those starting with them first", () => {
    const names = searchWardsByName("park").map((w) => w.name);
    expect(names[0]).toBe("Park");
    expect(names).toContain("Park Wood & Mangravet");
    expect(names).toContain("Bean & Village Park");
    expect(names.indexOf("Park Farm North")).toBeLessThan(names.indexOf("Bean & Village Park"));
  });

  it("matches regardless of case and extra spaces", () => {
    expect(searchWardsByName("  park   WOOD ").map((w) => w.code)).toEqual(["E05015608"]);
  });

  it("treats % and _ as ordinary characters", () => {
    expect(searchWardsByName("%")).toEqual([]);
    expect(searchWardsByName("_")).toEqual([]);
  });
});
