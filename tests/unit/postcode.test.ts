import fc from "fast-check";
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePostcode } from "~/lib/postcode";

// Real Kent postcodes from the ONS extract, so the property runs over real shapes
// (ME1 1AA, CT10 2AB, DA12 2BQ, TN2 3XY ...), not a hand-picked few.
const realPostcodes = fs
  .readFileSync("db/data/kent-postcodes.csv", "utf8")
  .split("\n")
  .slice(1)
  .filter((_, i) => i % 181 === 0)
  .map((line) => line.split(",")[0]!)
  .filter(Boolean);

/** Re-type a postcode as a person might: any case, spaces anywhere or nowhere, padding. */
const typedVariant = (postcode: string) =>
  fc
    .tuple(
      fc.array(fc.boolean(), { minLength: postcode.length, maxLength: postcode.length }),
      fc.array(fc.constantFrom("", " ", "  ", "\t"), { minLength: postcode.length + 1, maxLength: postcode.length + 1 }),
    )
    .map(([upper, gaps]) => {
      const compact = postcode.replace(" ", "");
      let out = gaps[0]!;
      [...compact].forEach((ch, i) => {
        out += (upper[i] ? ch.toUpperCase() : ch.toLowerCase()) + gaps[i + 1]!;
      });
      return out;
    });

describe("parsePostcode", () => {
  it("has real postcodes to test with", () => {
    expect(realPostcodes.length).toBeGreaterThan(400);
  });

  it("normalises any case and spacing of a real postcode to its standard form", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...realPostcodes).chain((pc) => fc.tuple(fc.constant(pc), typedVariant(pc))),
        ([postcode, typed]) => {
          const parsed = parsePostcode(typed);
          expect(parsed).toMatchObject({ kind: "valid", postcode });
        },
      ),
      { numRuns: 500 },
    );
  });

  it.each([
    ["me159bz", "ME15 9BZ", "ME15"],
    [" ME15  9BZ ", "ME15 9BZ", "ME15"],
    ["Me15 9bZ", "ME15 9BZ", "ME15"],
    ["ct11aa", "CT1 1AA", "CT1"],
    ["DA12 2BQ", "DA12 2BQ", "DA12"],
    ["sw1a1aa", "SW1A 1AA", "SW1A"],
  ])("reads %j as %s in outward code %s", (typed, postcode, outcode) => {
    expect(parsePostcode(typed)).toEqual({ kind: "valid", postcode, outcode, area: outcode.replace(/\d.*$/, "") });
  });

  it.each(["", "   ", "\t"])("treats %j as no postcode entered", (typed) => {
    expect(parsePostcode(typed)).toEqual({ kind: "empty" });
  });

  it.each([
    "hello",
    "ME15",
    "ME15 9B",
    "ME15 9BZZ",
    "12345",
    "M E 1 5 9 B Z Z",
    "ME15-9BZ",
    "<script>alert(1)</script>",
    "ME15 9BZ'; DROP TABLE postcodes;--",
    "ME15 9BZ<b>",
    "x".repeat(10_000),
    "ME15 9BZ".repeat(1_000),
  ])("rejects %j as not a real postcode", (typed) => {
    expect(parsePostcode(typed)).toEqual({ kind: "invalid" });
  });

  it("never accepts a string longer than any real postcode could be typed", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 21, maxLength: 400 }), (s) => {
        expect(parsePostcode(s).kind).not.toBe("valid");
      }),
    );
  });

  it("treats anything that is not a string as no postcode", () => {
    expect(parsePostcode(null)).toEqual({ kind: "empty" });
    expect(parsePostcode(["ME15 9BZ"])).toEqual({ kind: "empty" });
  });
});
