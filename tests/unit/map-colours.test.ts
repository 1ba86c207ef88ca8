// The colouring rules behind /map's control and legend.
import { beforeAll, describe, expect, it } from "vitest";
import {
  assignColourIndexes,
  COLOUR_MODES,
  districtColours,
  FRESHNESS_COLOURS,
  freshnessLabel,
  freshnessOf,
  groupNeighbours,
  legendFor,
  NO_DATA_COLOUR,
  partnerWardFill,
  previousMonth,
  THEME_COLOURS,
  THEME_RANK_COLOURS,
  themeRank,
  topTheme,
  wardFill,
  type ColourContext,
  type MapWard,
} from "~/lib/map/colours";
import { getBoundaryLayers } from "~/models/boundaries.server";
import { listMapWards, mapColours } from "~/models/map.server";
import { dbWithSampleData, TEST_TODAY } from "./helpers/db";

const ward = (over: Partial<MapWard> = {}): MapWard => ({
  code: "E05000001",
  name: "Example",
  districtCode: "E07000110",
  districtName: "Maidstone",
  teamSlug: "maidstone-central",
  teamName: "Maidstone Central Neighbourhood Team",
  latestUpdate: "2026-11",
  priorities: [
    { rank: 2, theme: "roads", title: "Speeding" },
    { rank: 1, theme: "drugs", title: "Dealing" },
    { rank: 3, theme: "asb", title: "Groups" },
  ],
  centre: [0.52, 51.27],
  ...over,
});

const ctx: ColourContext = {
  currentMonth: "2026-11",
  districtColours: { E07000110: "#111111", E07000105: "#222222" },
  teamColours: { "maidstone-central": "#333333" },
};

describe("freshness of priority updates", () => {
  it("counts back a month, across the turn of the year", () => {
    expect(previousMonth("2026-11")).toBe("2026-10");
    expect(previousMonth("2026-01")).toBe("2025-12");
  });

  it("sorts a ward by its newest update month against the current month", () => {
    expect(freshnessOf("2026-11", "2026-11")).toBe("this_month");
    expect(freshnessOf("2026-10", "2026-11")).toBe("last_month");
    expect(freshnessOf("2026-09", "2026-11")).toBe("older");
    expect(freshnessOf("2025-12", "2026-01")).toBe("last_month");
    expect(freshnessOf("2025-11", "2026-01")).toBe("older");
    expect(freshnessOf(null, "2026-11")).toBe("none");
  });

  it("says which months it means", () => {
    expect(freshnessLabel("this_month", "2026-11")).toBe("Updated this month (November 2026)");
    expect(freshnessLabel("last_month", "2026-01")).toBe("Updated last month (December 2025)");
    expect(freshnessLabel("older", "2026-11")).toBe("Last updated September 2026 or earlier");
  });
});

describe("priority themes", () => {
  it("takes the first-ranked priority as the ward's top theme, whatever the order stored", () => {
    expect(topTheme(ward())).toBe("drugs");
    expect(topTheme(ward({ priorities: [] }))).toBeNull();
  });

  it("finds the rank at which a ward has a theme", () => {
    expect(themeRank(ward(), "asb")).toBe(3);
    expect(themeRank(ward(), "burglary")).toBeNull();
  });
});

describe("wardFill", () => {
  it("colours by district, team, freshness and top theme", () => {
    expect(wardFill("district", ward(), ctx)).toBe("#111111");
    expect(wardFill("team", ward(), ctx)).toBe("#333333");
    expect(wardFill("freshness", ward(), ctx)).toBe(FRESHNESS_COLOURS.this_month);
    expect(wardFill("freshness", ward({ latestUpdate: "2026-10" }), ctx)).toBe(FRESHNESS_COLOURS.last_month);
    expect(wardFill("freshness", ward({ latestUpdate: "2026-03" }), ctx)).toBe(FRESHNESS_COLOURS.older);
    expect(wardFill("theme", ward(), ctx)).toBe(THEME_COLOURS.drugs);
  });

  it("greys out a ward with nothing to show", () => {
    expect(wardFill("team", ward({ teamSlug: null, teamName: null }), ctx)).toBe(NO_DATA_COLOUR);
    expect(wardFill("theme", ward({ priorities: [] }), ctx)).toBe(NO_DATA_COLOUR);
    expect(wardFill("freshness", ward({ latestUpdate: null }), ctx)).toBe(NO_DATA_COLOUR);
  });

  it("gives the eight themes and the three freshness bands colours of their own", () => {
    expect(new Set(Object.values(THEME_COLOURS)).size).toBe(8);
    expect(new Set(Object.values(FRESHNESS_COLOURS)).size).toBe(4);
    expect(Object.values(THEME_COLOURS)).not.toContain(NO_DATA_COLOUR);
  });
});

describe("partnerWardFill", () => {
  it("shades wards by the rank of the chosen theme, leaving the others unfilled", () => {
    expect(partnerWardFill(ward(), { layers: ["wards", "priorities", "teams"], theme: "drugs" }, ctx)).toBe(THEME_RANK_COLOURS[0]);
    expect(partnerWardFill(ward(), { layers: ["priorities"], theme: "asb" }, ctx)).toBe(THEME_RANK_COLOURS[2]);
    expect(partnerWardFill(ward(), { layers: ["priorities", "teams"], theme: "burglary" }, ctx)).toBeNull();
  });

  it("shades by team when team areas are on and priorities are off, and not at all otherwise", () => {
    expect(partnerWardFill(ward(), { layers: ["wards", "teams"], theme: "drugs" }, ctx)).toBe("#333333");
    expect(partnerWardFill(ward(), { layers: ["wards"], theme: "drugs" }, ctx)).toBeNull();
  });
});

describe("assignColourIndexes", () => {
  it("never gives two neighbours the same colour", () => {
    // A wheel: a hub touching a ring of five, which needs four colours.
    const edges: [string, string][] = [
      ["hub", "a"], ["hub", "b"], ["hub", "c"], ["hub", "d"], ["hub", "e"],
      ["a", "b"], ["b", "c"], ["c", "d"], ["d", "e"], ["e", "a"],
    ];
    const neighbours = new Map<string, Set<string>>();
    for (const [x, y] of edges) {
      neighbours.set(x, (neighbours.get(x) ?? new Set()).add(y));
      neighbours.set(y, (neighbours.get(y) ?? new Set()).add(x));
    }
    const colours = assignColourIndexes([...neighbours.keys()], neighbours);
    for (const [x, y] of edges) expect(colours.get(x), `${x}-${y}`).not.toBe(colours.get(y));
    expect(new Set(colours.values()).size).toBeLessThanOrEqual(4);
  });
});

describe("on Kent's real wards and the sample teams", () => {
  let wards: MapWard[];
  let colours: ReturnType<typeof mapColours>;
  beforeAll(() => {
    dbWithSampleData();
    wards = listMapWards(TEST_TODAY);
    colours = mapColours(wards);
  });

  it("gives each of the 13 districts its own colour", () => {
    expect(new Set(Object.values(colours.districtColours)).size).toBe(13);
    expect(districtColours(["a", "b"])).toEqual({ a: expect.any(String), b: expect.any(String) });
  });

  it("never colours two neighbouring teams alike", () => {
    const teamOf = new Map(wards.map((w) => [w.code, w.teamSlug]));
    const teamNeighbours = groupNeighbours(getBoundaryLayers().neighbours, (code) => teamOf.get(code) ?? null);
    expect(teamNeighbours.size).toBe(46);
    for (const [team, adjacent] of teamNeighbours) {
      for (const other of adjacent) expect(colours.teamColours[team], `${team} / ${other}`).not.toBe(colours.teamColours[other]);
    }
  });

  it("has a legend for each colouring that accounts for every ward, and the legends differ", () => {
    const ctx = { currentMonth: "2026-11", ...colours };
    const legends = COLOUR_MODES.map((mode) => legendFor(mode, wards, ctx));
    for (const entries of legends) expect(entries.reduce((n, e) => n + e.wards, 0)).toBe(279);
    expect(legends[0]).toHaveLength(13);
    expect(legends[1]).toHaveLength(46);
    expect(legends[2]!.map((e) => e.key)).toEqual(["this_month", "last_month", "older"]);
    expect(legends[3]!.map((e) => e.key)).toEqual(Object.keys(THEME_COLOURS));
    // Every colour a ward is drawn with appears in that colouring's legend.
    COLOUR_MODES.forEach((mode, i) => {
      const inLegend = new Set(legends[i]!.map((e) => e.colour));
      for (const w of wards) expect(inLegend.has(wardFill(mode, w, ctx)), `${mode} ${w.code}`).toBe(true);
    });
  });

  it("sees the sample data's mix of fresh and stale wards", () => {
    const bands = new Set(wards.map((w) => freshnessOf(w.latestUpdate, "2026-11")));
    expect(bands).toEqual(new Set(["this_month", "last_month", "older"]));
  });
});
