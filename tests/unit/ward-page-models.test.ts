import { beforeAll, describe, expect, it } from "vitest";
import { listUpcomingEventsForWard } from "~/models/event.server";
import { listOfficersForWard } from "~/models/officer.server";
import { listPrioritiesForWard } from "~/models/priority.server";
import { findTeamBySlug, listTeamsInDistrict } from "~/models/team.server";
import { findWard, listWardsInDistrict } from "~/models/ward.server";
import { dbWithSampleData, TEST_TODAY } from "./helpers/db";

const WARD = "E05015608"; // Park Wood & Mangravet, Maidstone

beforeAll(() => {
  dbWithSampleData();
});

describe("ward page data", () => {
  it("names the ward's district, CSU inbox and team", () => {
    expect(findWard(WARD)).toMatchObject({
      name: "Park Wood & Mangravet",
      districtName: "Maidstone",
      csuEmail: "csu.maidstone@kent.police.uk",
      teamSlug: expect.stringMatching(/^maidstone-/),
      boundaryVintage: "WD24",
    });
    expect(findWard("E05999999")).toBeNull();
  });

  it("lists the ward's three active priorities by rank, each update newest first with its last-updated date", () => {
    const active = listPrioritiesForWard(WARD).filter((p) => p.status === "active");
    expect(active.map((p) => p.rank)).toEqual([1, 2, 3]);
    for (const p of active) {
      const months = p.updates.map((u) => u.month);
      expect(months).toEqual([...months].sort().reverse());
      expect(p.lastUpdated).toEqual(new Date(Math.max(...p.updates.map((u) => u.publishedAt.getTime()))));
    }
  });

  it("lists officers sergeant first, each with every ward they cover", () => {
    const officers = listOfficersForWard(WARD);
    expect(officers.length).toBeGreaterThanOrEqual(2);
    const rank = { Inspector: 0, Sergeant: 1, PC: 2, "Beat Officer": 3, PCSO: 4 };
    const order = officers.map((o) => rank[o.role]);
    expect(order).toEqual([...order].sort());
    for (const o of officers) expect(o.wards.map((w) => w.code)).toContain(WARD);
    expect(officers.some((o) => o.wards.length > 1)).toBe(true);
  });

  it("lists only events that have not yet ended, soonest first", () => {
    const team = findTeamBySlug(findWard(WARD)!.teamSlug!)!;
    const upcoming = listUpcomingEventsForWard(WARD, team.id, TEST_TODAY);
    expect(upcoming.length).toBeGreaterThanOrEqual(1);
    const starts = upcoming.map((e) => e.startsAt.getTime());
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    const later = new Date(Math.max(...upcoming.map((e) => e.endsAt.getTime())) + 1000);
    expect(listUpcomingEventsForWard(WARD, team.id, later)).toEqual([]);
  });
});

describe("district data", () => {
  it("lists Maidstone's 22 wards and teams whose ward counts add up", () => {
    expect(listWardsInDistrict("E07000110")).toHaveLength(22);
    const teams = listTeamsInDistrict("E07000110");
    expect(teams.reduce((n, t) => n + t.wardCount, 0)).toBe(22);
  });
});
