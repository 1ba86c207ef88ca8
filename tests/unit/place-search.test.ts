import { beforeAll, describe, expect, it } from "vitest";
import { foldName, parseOutcode } from "~/lib/place-names";
import { findDistrictByName } from "~/models/district.server";
import { listWardsInOutcode } from "~/models/lookup.server";
import { searchPlaces } from "~/models/place.server";
import { searchWardsByName } from "~/models/ward.server";
import { dbWithGeography } from "./helpers/db";

describe("foldName", () => {
  it("folds case, apostrophes, full stops, hyphens, accents and 'Saint'", () => {
    expect(foldName("St Peter's")).toBe("st peters");
    expect(foldName("st peters")).toBe("st peters");
    expect(foldName("Saint Peters")).toBe("st peters");
    expect(foldName("St. Peter’s")).toBe("st peters");
    expect(foldName("Westgate-on-Sea")).toBe("westgate on sea");
    expect(foldName("  WESTGATE   on sea ")).toBe("westgate on sea");
    expect(foldName("Sant Julià de Lòria")).toBe("sant julia de loria");
    expect(foldName("Park Wood & Mangravet")).toBe("park wood and mangravet");
  });

  it("keeps 'st' inside a word", () => {
    expect(foldName("Staplehurst")).toBe("staplehurst");
    expect(foldName("Saintbury")).toBe("saintbury");
  });

  it("reduces punctuation-only input to nothing", () => {
    expect(foldName("%_'-")).toBe("");
  });
});

describe("parseOutcode", () => {
  it("accepts a postcode district in any case and spacing", () => {
    expect(parseOutcode("ME15")).toBe("ME15");
    expect(parseOutcode(" ct10 ")).toBe("CT10");
    expect(parseOutcode("DA1")).toBe("DA1");
  });

  it("refuses full postcodes, words and nonsense", () => {
    expect(parseOutcode("ME15 9BZ")).toBeNull();
    expect(parseOutcode("Maidstone")).toBeNull();
    expect(parseOutcode("15ME")).toBeNull();
    expect(parseOutcode("")).toBeNull();
    expect(parseOutcode(42)).toBeNull();
  });
});

describe("search by place, district and postcode district", () => {
  beforeAll(() => {
    dbWithGeography();
  });

  const firstWardOf = (query: string) => searchPlaces(query)[0]?.wards.map((w) => w.districtName);

  it.each(["Broadstairs", "Ramsgate", "Margate", "Westgate-on-Sea", "Westgate on Sea"])("finds %s in Thanet", (query) => {
    const [place] = searchPlaces(query);
    expect(place?.districtName).toBe("Thanet");
    expect(place!.wards.length).toBeGreaterThan(1);
    expect(firstWardOf(query)).toContain("Thanet");
  });

  it("answers a place with the ward containing it first, then the others nearest first", () => {
    const [place] = searchPlaces("Broadstairs");
    const metres = place!.wards.map((w) => w.metres);
    expect(metres[0]).toBe(0);
    expect([...metres].sort((a, b) => a - b)).toEqual(metres);
    expect(new Set(place!.wards.map((w) => w.code)).size).toBe(place!.wards.length);
  });

  it("folds St Peter's, st peters and Saint Peters to the same place", () => {
    const codes = (q: string) => searchPlaces(q).map((p) => p.wards[0]!.code);
    expect(codes("St Peter's").length).toBeGreaterThan(0);
    expect(codes("st peters")).toEqual(codes("St Peter's"));
    expect(codes("Saint Peters")).toEqual(codes("St Peter's"));
    expect(searchPlaces("st peters")[0]!.districtName).toBe("Thanet");
  });

  it("finds a place from the start of its name", () => {
    expect(searchPlaces("westgate").map((p) => p.name)).toContain("Westgate on Sea");
  });

  it("keeps only places inside Kent's wards", () => {
    for (const outside of ["Croydon", "Hastings", "Southend-on-Sea", "Crawley", "London"]) expect(searchPlaces(outside)).toEqual([]);
  });

  it("sends district names to their district, in any case", () => {
    expect(findDistrictByName("Maidstone")?.code).toBe("E07000110");
    expect(findDistrictByName("tunbridge wells")?.name).toBe("Tunbridge Wells");
    expect(findDistrictByName("Broadstairs")).toBeNull();
  });

  it("matches ward names with apostrophes and hyphens folded", () => {
    const withApostrophe = searchWardsByName("st peters").map((w) => w.name);
    expect(withApostrophe.some((n) => foldName(n).includes("st peters"))).toBe(true);
    expect(searchWardsByName("PARK wood").map((w) => w.code)).toEqual(["E05015608"]);
  });

  it("lists the wards of a postcode district, the one with most postcodes first", () => {
    const wards = listWardsInOutcode("ME15");
    expect(wards.length).toBeGreaterThan(3);
    expect(wards.map((w) => w.code)).toContain("E05015608");
    expect(wards.every((w) => w.districtName === "Maidstone")).toBe(true);
    const counts = wards.map((w) => w.postcodes);
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);
  });

  it("lists nothing for a postcode district outside Kent", () => {
    expect(listWardsInOutcode("SW1A")).toEqual([]);
  });
});
