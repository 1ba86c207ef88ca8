// The rules of a resident's response and of what is published from them.
import { describe, expect, it } from "vitest";
import { parseForm } from "~/lib/forms";
import { barPercent, meetsThreshold, networkOf, rankThemes, responseSchema, retentionStartMonth, saidLine, suppressed, trendOf } from "~/lib/resident-say";

const form = (fields: [string, string][]) => {
  const f = new FormData();
  for (const [k, v] of fields) f.append(k, v);
  return f;
};
const parse = (fields: [string, string][]) => parseForm(form(fields), responseSchema, ["themes"]);

describe("a response form", () => {
  it("takes up to three themes from the list, a place and a comment", () => {
    const r = parse([["themes", "roads"], ["themes", "asb"], ["place", "  Sutton   Road "], ["comment", "Cars race past\r\nthe school."]]);
    expect(r.ok && r.data).toEqual({ themes: ["roads", "asb"], place: "Sutton Road", comment: "Cars race past\nthe school." });
  });

  it("counts a theme sent twice once", () => {
    const r = parse([["themes", "roads"], ["themes", "roads"]]);
    expect(r.ok && r.data.themes).toEqual(["roads"]);
  });

  it.each([
    ["nothing chosen", [], "Choose at least one thing the team should focus on"],
    ["a theme outside the list", [["themes", "aliens"]], "Choose from the list of concerns"],
    ["four themes", ["asb", "roads", "drugs", "parking"].map((t) => ["themes", t]), "Choose up to 3 concerns (you chose 4)"],
  ] as [string, [string, string][], string][])("refuses %s with a clear message", (_, fields, message) => {
    const r = parse(fields);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual([{ field: "themes", message }]);
  });

  it("refuses a comment over 500 characters, saying how long it is, and keeps what was typed", () => {
    const long = "a".repeat(501);
    const r = parse([["themes", "asb"], ["comment", long]]);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors).toEqual([{ field: "comment", message: "Your comment must be 500 characters or fewer (it has 501)" }]);
      expect(r.values.comment).toBe(long);
    }
  });

  it("refuses HTML and a place over 100 characters", () => {
    const r = parse([["themes", "asb"], ["comment", "<script>alert(1)</script>"], ["place", "x".repeat(101)]]);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors.map((e) => e.field + ": " + e.message)).toEqual([
        "place: Street or place must be 100 characters or fewer (it has 101)",
        "comment: Your comment must not contain HTML or code such as <script>. Write it as plain text",
      ]);
  });
});

describe("results", () => {
  it("ranks themes by count, ties in list order, leaving out themes no one named", () => {
    expect(rankThemes({ drugs: 3, asb: 3, roads: 7, parking: 0 })).toEqual([
      { theme: "roads", count: 7 },
      { theme: "asb", count: 3 },
      { theme: "drugs", count: 3 },
    ]);
  });

  it("gives the trend against last month", () => {
    expect([trendOf(5, 3), trendOf(2, 3), trendOf(3, 3), trendOf(4, 0), trendOf(4, undefined)]).toEqual(["up", "down", "same", "new", "new"]);
  });

  it("publishes nothing below 5 respondents", () => {
    expect([meetsThreshold(4), meetsThreshold(5)]).toEqual([false, true]);
    expect([suppressed(4, 3), suppressed(5, 3)]).toEqual([null, 3]);
  });

  it("words the 'you said' line", () => {
    expect(saidLine("roads", 14)).toBe("Roads and speeding (14 people)");
    expect(saidLine("asb", 1)).toBe("Anti-social behaviour (1 person)");
  });

  it("sizes bars against the longest", () => {
    expect([barPercent(7, 7), barPercent(3, 7), barPercent(0, 0)]).toEqual([100, 43, 0]);
  });
});

describe("networks and retention", () => {
  it("groups addresses of origin by IPv4 /24 and IPv6 /48", () => {
    expect(networkOf("81.2.69.142")).toBe("81.2.69.0/24");
    expect(networkOf("::ffff:81.2.69.7")).toBe("81.2.69.0/24");
    expect(networkOf("2001:db8:abcd:12::1")).toBe("2001:db8:abcd::/48");
    expect(networkOf("2001:db8::1")).toBe("2001:db8:0::/48");
    expect([networkOf(null), networkOf("nonsense")]).toEqual([null, null]);
  });

  it("keeps places and comments for 12 months", () => {
    expect(retentionStartMonth("2026-12")).toBe("2025-12");
    expect(retentionStartMonth("2026-01")).toBe("2025-01");
  });
});

describe("sample responses", () => {
  it("give some wards enough to show results, others too few, the rest none, for this month and last", async () => {
    const { generateSampleResponses } = await import("../../scripts/lib/sample-data");
    const wards = Array.from({ length: 60 }, (_, i) => ({ code: `E050000${String(i).padStart(2, "0")}`, name: `Ward ${i}`, districtCode: "E07000110", centroidLng: 0.5, centroidLat: 51.2 }));
    const today = new Date("2026-11-22T12:00:00Z");
    const rows = generateSampleResponses(wards, today);
    expect(generateSampleResponses(wards, today)).toEqual(rows);
    const perWard = new Map<string, number>();
    for (const r of rows.filter((r) => r.month === "2026-11")) perWard.set(r.wardCode, (perWard.get(r.wardCode) ?? 0) + 1);
    const counts = [...perWard.values()];
    expect(counts.filter((n) => n >= 5).length).toBeGreaterThan(10);
    expect(counts.filter((n) => n < 5).length).toBeGreaterThan(10);
    expect(perWard.size).toBeLessThan(55);
    expect(new Set(rows.map((r) => r.month))).toEqual(new Set(["2026-10", "2026-11"]));
    expect(rows.every((r) => r.themes.length >= 1 && r.themes.length <= 3 && r.at <= today)).toBe(true);
    expect(rows.every((r) => (r.comment ?? "").length <= 500 && (r.place ?? "").length <= 100)).toBe(true);
  });
});
