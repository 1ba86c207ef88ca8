import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { knownGeography } from "../../scripts/lib/known-geography";
import { COLUMNS, NEIGHBOURHOOD_FILES, NeighbourhoodError, readNeighbourhoods, splitList, toCsv, type Neighbourhoods } from "../../scripts/lib/neighbourhoods";
import { generateSampleData } from "../../scripts/lib/sample-data";
import { dbWithGeography, TEST_TODAY } from "./helpers/db";

let known: ReturnType<typeof knownGeography>;
let sample: Neighbourhoods;

beforeAll(() => {
  known = knownGeography(dbWithGeography());
  sample = generateSampleData(known.districts, known.wards, TEST_TODAY);
});

function writeFiles(data: Neighbourhoods): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nbh-"));
  for (const key of Object.keys(NEIGHBOURHOOD_FILES) as (keyof typeof NEIGHBOURHOOD_FILES)[]) {
    fs.writeFileSync(path.join(dir, NEIGHBOURHOOD_FILES[key]), toCsv(COLUMNS[key], data[key]));
  }
  return dir;
}

function problemsWith(change: (data: Neighbourhoods) => void): string[] {
  const data = structuredClone(sample);
  change(data);
  try {
    readNeighbourhoods(writeFiles(data), known);
  } catch (e) {
    if (e instanceof NeighbourhoodError) return e.problems;
    throw e;
  }
  return [];
}

describe("sample neighbourhood data", () => {
  it("puts every one of the 279 wards in exactly one team, several teams per district", () => {
    const covered = sample.teams.flatMap((t) => splitList(t.ward_codes));
    expect(new Set(covered).size).toBe(279);
    expect(covered).toHaveLength(279);
    for (const district of known.districts) {
      expect(sample.teams.filter((t) => t.district_code === district.code).length).toBeGreaterThanOrEqual(2);
    }
  });

  it("has officers covering one to four wards each, and at least one officer for every ward", () => {
    for (const o of sample.officers) expect(splitList(o.ward_codes).length).toBeGreaterThanOrEqual(1);
    for (const o of sample.officers) expect(splitList(o.ward_codes).length).toBeLessThanOrEqual(4);
    const withOfficer = new Set(sample.officers.flatMap((o) => splitList(o.ward_codes)));
    expect(withOfficer.size).toBe(279);
    expect(new Set(sample.officers.map((o) => o.role))).toEqual(new Set(["Sergeant", "PC", "Beat Officer", "PCSO"]));
  });

  it("gives every ward three active priorities, each with 2 to 6 monthly updates", () => {
    for (const code of known.wardCodes) {
      const active = sample.priorities.filter((p) => p.ward_code === code && p.status === "active");
      expect(active.map((p) => p.rank).sort()).toEqual(["1", "2", "3"]);
      for (const p of active) {
        const n = sample.updates.filter((u) => u.priority_ref === p.ref).length;
        expect(n).toBeGreaterThanOrEqual(2);
        expect(n).toBeLessThanOrEqual(6);
      }
    }
  });

  it("gives every ward one to three events, all after the day it was generated", () => {
    for (const code of known.wardCodes) {
      const events = sample.events.filter((e) => e.ward_code === code);
      expect(events.length).toBeGreaterThanOrEqual(1);
      expect(events.length).toBeLessThanOrEqual(3);
      for (const e of events) expect(Date.parse(e.starts_at)).toBeGreaterThan(TEST_TODAY.getTime());
    }
  });

  it("never publishes an update after the day it was generated", () => {
    for (const u of sample.updates) expect(Date.parse(u.published_at)).toBeLessThanOrEqual(TEST_TODAY.getTime());
  });

  it("is the same every time for the same day", () => {
    expect(generateSampleData(known.districts, known.wards, TEST_TODAY)).toEqual(sample);
  });

  it("passes the importer's own checks", () => {
    expect(problemsWith(() => {})).toEqual([]);
  });
});

describe("importing a force's neighbourhood files", () => {
  it("refuses a ward covered by two teams", () => {
    const problems = problemsWith((d) => {
      d.teams[1]!.ward_codes += `;${splitList(d.teams[0]!.ward_codes)[0]}`;
    });
    expect(problems).toContainEqual(expect.stringMatching(/is already covered by team/));
  });

  it("refuses a ward no team covers", () => {
    const problems = problemsWith((d) => {
      d.teams[0]!.ward_codes = splitList(d.teams[0]!.ward_codes).slice(1).join(";");
    });
    expect(problems).toContainEqual(expect.stringMatching(/^ward E05\d{6} is not covered by any team$/));
  });

  it("refuses an officer covering a ward outside their team", () => {
    const problems = problemsWith((d) => {
      d.officers[0]!.ward_codes = splitList(d.teams[1]!.ward_codes)[0]!;
    });
    expect(problems).toContainEqual(expect.stringMatching(/is not covered by team/));
  });

  it("refuses a second active priority at the same rank in a ward (so never a fourth)", () => {
    const problems = problemsWith((d) => {
      d.priorities.push({ ...d.priorities[0]!, ref: "extra" });
    });
    expect(problems).toContainEqual(expect.stringMatching(/already has an active priority ranked 1/));
  });

  it("refuses a closed priority without an outcome, and a month that is not a month", () => {
    const problems = problemsWith((d) => {
      const closed = d.priorities.find((p) => p.status === "closed")!;
      closed.outcome = "";
      d.updates[0]!.month = "2026-13";
    });
    expect(problems).toContainEqual(expect.stringMatching(/a closed priority needs an outcome/));
    expect(problems).toContainEqual(expect.stringMatching(/month must look like 2026-03/));
  });

  it("refuses unknown roles, themes and event types, naming the allowed values", () => {
    const problems = problemsWith((d) => {
      d.officers[0]!.role = "Chief Constable";
      d.priorities[0]!.theme = "aliens";
      d.events[0]!.type = "party";
    });
    expect(problems).toContainEqual(expect.stringContaining("role must be one of Inspector, Sergeant, PC, Beat Officer, PCSO"));
    expect(problems).toContainEqual(expect.stringContaining("theme must be one of asb, roads"));
    expect(problems).toContainEqual(expect.stringContaining("type must be one of surgery, pact_meeting"));
  });

  it("keeps commas, quotes and line breaks in text intact through CSV", () => {
    const data = structuredClone(sample);
    data.officers[0]!.bio = 'Says "hello", then\nwaves';
    const read = readNeighbourhoods(writeFiles(data), known);
    expect(read.officers[0]!.bio).toBe('Says "hello", then\nwaves');
  });
});
