// Every example a form's hint or error message gives must itself be accepted.
import { describe, expect, it } from "vitest";
import { dateFields, timeField } from "~/lib/dates";
import { parsePostcode } from "~/lib/postcode";

describe("the examples in hints and messages are accepted", () => {
  it("dates: 27 3 2026 (the date hint) and 14 3 2026 (the date error)", () => {
    expect(dateFields("the date").parse({ day: "27", month: "3", year: "2026" })).toBe("2026-03-27");
    expect(dateFields("the date").parse({ day: "14", month: "3", year: "2026" })).toBe("2026-03-14");
  });

  it("times: 19:00 (the time hint and error)", () => {
    expect(timeField("the start time").parse("19:00")).toBe("19:00");
  });

  it("postcodes: ME15 9BZ (the postcode hint and error)", () => {
    expect(parsePostcode("ME15 9BZ")).toMatchObject({ kind: "valid", postcode: "ME15 9BZ" });
  });
});
