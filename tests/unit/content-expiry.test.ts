// Cached pages must not outlive what the clock changes on them: the surgeries
// still to come, and this month's freshness colours on /map.
import { beforeAll, describe, expect, it } from "vitest";
import { nextUkMonthStarts, withContentExpiry } from "~/lib/content-expiry.server";
import { listUpcomingEventsForTeam, listUpcomingEventsForWard } from "~/models/event.server";
import { listMapWards } from "~/models/map.server";
import { findWard } from "~/models/ward.server";
import { findTeamBySlug } from "~/models/team.server";
import { dbWithSampleData, TEST_TODAY } from "./helpers/db";

beforeAll(() => {
  dbWithSampleData();
});

describe("content expiry", () => {
  it("the UK month changes at midnight UK time, in summer time and out of it", () => {
    expect(nextUkMonthStarts(new Date("2026-01-31T23:30:00Z")).toISOString()).toBe("2026-02-01T00:00:00.000Z");
    expect(nextUkMonthStarts(new Date("2026-06-15T10:00:00Z")).toISOString()).toBe("2026-06-30T23:00:00.000Z");
    // 00:30 on 1 July in the UK: already July, so the next change is the end of July.
    expect(nextUkMonthStarts(new Date("2026-06-30T23:30:00Z")).toISOString()).toBe("2026-07-31T23:00:00.000Z");
    expect(nextUkMonthStarts(new Date("2026-10-31T23:30:00Z")).toISOString()).toBe("2026-11-01T00:00:00.000Z");
  });

  it("a ward's or team's list of coming surgeries lasts until the first of them ends", async () => {
    const ward = findWard("E05015608")!;
    const team = findTeamBySlug(ward.teamSlug!)!;
    const forWard = await withContentExpiry(async () => listUpcomingEventsForWard(ward.code, team.id, TEST_TODAY));
    expect(forWard.result.length).toBeGreaterThan(0);
    expect(forWard.changesAt).toBe(Math.min(...forWard.result.map((e) => e.endsAt.getTime())));
    expect(forWard.changesAt).toBeGreaterThan(TEST_TODAY.getTime());
    const forTeam = await withContentExpiry(async () => listUpcomingEventsForTeam(team.id, TEST_TODAY));
    expect(forTeam.changesAt).toBe(Math.min(...forTeam.result.map((e) => e.endsAt.getTime())));
  });

  it("/map's wards last no longer than this month", async () => {
    const { changesAt } = await withContentExpiry(async () => listMapWards(TEST_TODAY));
    expect(changesAt).toBeLessThanOrEqual(new Date("2026-12-01T00:00:00Z").getTime());
    expect(changesAt).toBeGreaterThan(TEST_TODAY.getTime());
  });
});
