import { describe, expect, it } from "vitest";
import { isStale } from "~/components/ward-at-a-glance";

describe("a priority's latest update at a glance", () => {
  it("is stale from two calendar months without an update, across a year's end", () => {
    expect(isStale("2026-12", "2026-12")).toBe(false);
    expect(isStale("2026-11", "2026-12")).toBe(false);
    expect(isStale("2026-10", "2026-12")).toBe(true);
    expect(isStale("2026-12", "2027-01")).toBe(false);
    expect(isStale("2026-11", "2027-01")).toBe(true);
    expect(isStale(null, "2026-12")).toBe(true);
  });
});
