import { describe, expect, it } from "vitest";
import { emailLineBreaks, formatDate, formatEventTime, formatMonth, ukMonth } from "~/lib/format";
import { normaliseGssCode } from "~/lib/vocabulary";
import { parseCoordinate } from "~/lib/geo";

describe("formatting for people in Kent", () => {
  it("writes dates and months the GOV.UK way", () => {
    expect(formatDate("2026-03-14")).toBe("14 March 2026");
    expect(formatMonth("2026-03")).toBe("March 2026");
  });

  it("shows event times in UK time, summer and winter", () => {
    expect(formatEventTime("2026-12-01T19:00:00Z", "2026-12-01T20:30:00Z")).toBe("Tuesday 1 December 2026, 7pm to 8:30pm");
    expect(formatEventTime("2026-07-01T09:00:00Z", "2026-07-01T11:00:00Z")).toBe("Wednesday 1 July 2026, 10am to midday");
  });

  it("takes the calendar month in the UK, not in UTC", () => {
    expect(ukMonth(new Date("2026-06-30T23:30:00Z"))).toBe("2026-07");
    expect(ukMonth(new Date("2026-12-31T23:30:00Z"))).toBe("2026-12");
  });
});

describe("reading codes and coordinates from URLs", () => {
  it("accepts GSS codes in any case and nothing else", () => {
    expect(normaliseGssCode("e05015608")).toBe("E05015608");
    expect(normaliseGssCode("E0501560")).toBeNull();
    expect(normaliseGssCode("E05015608x")).toBeNull();
    expect(normaliseGssCode("<script>")).toBeNull();
  });

  it("accepts plain decimal coordinates in range only", () => {
    expect(parseCoordinate("51.24876", -90, 90)).toBe(51.24876);
    expect(parseCoordinate("-0.1", -180, 180)).toBe(-0.1);
    expect(parseCoordinate("91", -90, 90)).toBeNull();
    expect(parseCoordinate("1e2", -90, 90)).toBeNull();
    expect(parseCoordinate("Infinity", -90, 90)).toBeNull();
    expect(parseCoordinate("", -90, 90)).toBeNull();
    expect(parseCoordinate(null, -90, 90)).toBeNull();
  });
});

describe("emailLineBreaks", () => {
  it("splits an address after its @ and after each dot, losing nothing", () => {
    expect(emailLineBreaks("csu.tunbridge-wells@kent.police.uk")).toEqual(["csu.", "tunbridge-wells@", "kent.", "police.", "uk"]);
    expect(emailLineBreaks("csu.tunbridge-wells@kent.police.uk").join("")).toBe("csu.tunbridge-wells@kent.police.uk");
    expect(emailLineBreaks("nodots")).toEqual(["nodots"]);
  });
});
