// Where an event's pin goes, monthly repeating surgeries, and dates kept sensible.
import { and, eq, ne } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { events, postcodes } from "../../db/schema";
import type { Db } from "~/lib/db.server";
import { fromUkDateTime, monthlyPattern } from "~/lib/dates";
import { eventSchema } from "~/lib/event-forms";
import { pinRefusal } from "~/lib/map/pin-place";
import { parseForm } from "~/lib/forms";
import { createEvent, editEvent, findEvent } from "~/models/event.server";
import { findWard } from "~/models/ward.server";
import { dbWithSampleData } from "./helpers/db";
import { clearStaff, createStaff, WARD_A, WARD_B, type Staff } from "./helpers/staff";

let db: Db;
let staff: Staff;
const NOW = new Date();
const soon = (days: number, time = "18:30") => fromUkDateTime(new Date(NOW.getTime() + days * 86400000).toISOString().slice(0, 10), time);
const base = { type: "surgery" as const, title: "Surgery", wardCode: WARD_A, venue: "Community centre", address: "", startsAt: soon(10), endsAt: soon(10, "19:30") };

beforeAll(async () => {
  db = dbWithSampleData();
  clearStaff(db);
  staff = await createStaff(db, "events");
});

describe("monthly pattern", () => {
  it("keeps the same weekday of the month: the second Tuesday stays the second Tuesday", () => {
    expect(monthlyPattern("2026-01-13", 4)).toEqual(["2026-01-13", "2026-02-10", "2026-03-10", "2026-04-14"]);
  });
  it("skips a month without a fifth weekday, and crosses the year", () => {
    expect(monthlyPattern("2026-12-29", 3)).toEqual(["2026-12-29", "2027-03-30", "2027-06-29"]);
  });
});

describe("an event's place on the map", () => {
  it("takes its pin from the portal's postcode table, moves it when the postcode changes, and drops it when the venue changes without one", () => {
    const [first, second] = db.select().from(postcodes).where(eq(postcodes.wardCode, WARD_A)).limit(2).all();
    const made = createEvent(staff.editorA, staff.teamA, { ...base, postcode: first!.postcode }, NOW);
    expect(made.ok).toBe(true);
    const id = made.ok ? made.value.id : 0;
    expect(findEvent(id)).toMatchObject({ lat: first!.lat, lng: first!.lng, postcode: first!.postcode, version: 1 });
    expect(editEvent(staff.editorA, id, { ...base, postcode: second!.postcode, version: 1 }, NOW).ok).toBe(true);
    expect(findEvent(id)).toMatchObject({ lat: second!.lat, lng: second!.lng, version: 2 });
    expect(editEvent(staff.editorA, id, { ...base, venue: "The library", postcode: null, version: 2 }, NOW).ok).toBe(true);
    expect(findEvent(id)).toMatchObject({ venue: "The library", lat: null, lng: null });
    const stale = editEvent(staff.admin, id, { ...base, version: 1 }, NOW);
    expect(stale.ok ? "" : stale.errors[0]!.message).toContain("This event was changed while you were on this page: Erin Editor changed it at");
  });

  it("refuses a postcode it does not know, and a year far ahead", () => {
    const unknown = createEvent(staff.editorA, staff.teamA, { ...base, postcode: "ME99 9ZZ" }, NOW);
    expect(unknown.ok ? "" : unknown.errors[0]!.message).toBe("We could not find ME99 9ZZ. Check it, or leave it blank");
    const far = createEvent(staff.editorA, staff.teamA, { ...base, startsAt: new Date("9999-01-01T18:00:00Z"), endsAt: new Date("9999-01-01T19:00:00Z") }, NOW);
    expect(far.ok ? "" : far.errors[0]!.message).toBe("The date must be within the next two years");
  });

  it("creates every date of a monthly surgery at once, with the same place", () => {
    const [pc] = db.select().from(postcodes).where(eq(postcodes.wardCode, WARD_A)).limit(1).all();
    const repeatOn = [soon(38), soon(66)].map((s) => ({ startsAt: s, endsAt: new Date(s.getTime() + 3600000) }));
    const made = createEvent(staff.editorA, staff.teamA, { ...base, title: "Monthly surgery", postcode: pc!.postcode, repeatOn }, NOW);
    expect(made.ok && made.value.ids.length).toBe(3);
    const rows = db.select().from(events).where(eq(events.title, "Monthly surgery")).all();
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => r.lat))).toEqual(new Set([pc!.lat]));
  });

  it("refuses moving an event into the past", () => {
    const made = createEvent(staff.editorA, staff.teamA, base, NOW);
    const id = made.ok ? made.value.id : 0;
    const past = editEvent(staff.editorA, id, { ...base, startsAt: new Date(NOW.getTime() - 86400000), endsAt: new Date(NOW.getTime() - 82800000) }, NOW);
    expect(past.ok ? "" : past.errors[0]!.message).toBe("The date and time must be in the future");
  });

  it("takes a point picked on the ward map, inside the event's ward, before the postcode's centre", () => {
    const inA = db.select().from(postcodes).where(and(eq(postcodes.wardCode, WARD_A), eq(postcodes.wardMatch, "pip"))).limit(2).all();
    const inB = db.select().from(postcodes).where(and(eq(postcodes.wardCode, WARD_B), eq(postcodes.wardMatch, "pip"))).get()!;
    const picked = { lat: inA[0]!.lat, lng: inA[0]!.lng };
    const made = createEvent(staff.editorA, staff.teamA, { ...base, pin: picked }, NOW);
    expect(made.ok).toBe(true);
    const id = made.ok ? made.value.id : 0;
    expect(findEvent(id)).toMatchObject({ ...picked, postcode: null });
    // Picked and a postcode: the picked point, with the postcode kept for the venue.
    expect(editEvent(staff.editorA, id, { ...base, postcode: inA[1]!.postcode, pin: picked }, NOW).ok).toBe(true);
    expect(findEvent(id)).toMatchObject({ ...picked, postcode: inA[1]!.postcode });
    // Another team's ward: refused, naming the rule that applies (the chosen ward), and nothing changes.
    const nameA = findWard(WARD_A)!.name;
    const outside = editEvent(staff.editorA, id, { ...base, pin: { lat: inB.lat, lng: inB.lng } }, NOW);
    expect(outside).toEqual({ ok: false, errors: [{ field: "location", message: `The pin is outside ${nameA}. Move it inside ${nameA}, or check the postcode` }] });
    expect(findEvent(id)).toMatchObject(picked);
    // For the whole team area the rule is the team's wards.
    const teamWide = editEvent(staff.editorA, id, { ...base, wardCode: null, pin: { lat: inB.lat, lng: inB.lng } }, NOW);
    expect(teamWide).toEqual({ ok: false, errors: [{ field: "location", message: "The pin is outside your team's wards. Move it inside them, or check the postcode" }] });
    // The sea off Kent.
    expect(createEvent(staff.editorA, staff.teamA, { ...base, pin: { lat: 51.0, lng: 1.9 } }, NOW)).toMatchObject({ ok: false, errors: [{ field: "location" }] });
    // Online events have no pin whatever is sent.
    const online = createEvent(staff.editorA, staff.teamA, { ...base, type: "online", pin: picked }, NOW);
    expect(online.ok && findEvent(online.value.id)).toMatchObject({ lat: null, lng: null });
  });

  it("says so when the point is in another of the team's wards than the one chosen", () => {
    const other = db
      .select()
      .from(postcodes)
      .where(and(eq(postcodes.wardMatch, "pip"), ne(postcodes.wardCode, WARD_A)))
      .all()
      .find((p) => p.wardCode && findWard(p.wardCode)?.teamId === staff.teamA)!;
    const result = createEvent(staff.editorA, staff.teamA, { ...base, pin: { lat: other.lat, lng: other.lng } }, NOW);
    const names = [findWard(other.wardCode!)!.name, findWard(WARD_A)!.name];
    expect(result.ok ? "" : result.errors[0]!.message).toBe(`The pin is in ${names[0]}, not ${names[1]}. Move it inside ${names[1]}, or choose ${names[0]} as the ward`);
    // For the whole team area, any of its wards will do.
    expect(createEvent(staff.editorA, staff.teamA, { ...base, wardCode: null, pin: { lat: other.lat, lng: other.lng } }, NOW).ok).toBe(true);
  });

  it("holds a venue placed by its postcode alone to the same rule: inside the chosen ward, or the team's wards", () => {
    const inOther = db
      .select()
      .from(postcodes)
      .where(ne(postcodes.wardCode, WARD_A))
      .all()
      .find((p) => p.wardCode && findWard(p.wardCode)?.teamId === staff.teamA)!;
    const [inB] = db.select().from(postcodes).where(eq(postcodes.wardCode, WARD_B)).limit(1).all();
    const names = [findWard(inOther.wardCode!)!.name, findWard(WARD_A)!.name];
    const before = db.select().from(events).all().length;
    const wrongWard = createEvent(staff.editorA, staff.teamA, { ...base, postcode: inOther.postcode }, NOW);
    expect(wrongWard).toEqual({ ok: false, errors: [{ field: "postcode", message: `${inOther.postcode} is in ${names[0]}, not ${names[1]}. Check the postcode, or choose ${names[0]} as the ward` }] });
    const otherTeam = createEvent(staff.editorA, staff.teamA, { ...base, postcode: inB!.postcode }, NOW);
    expect(otherTeam).toEqual({ ok: false, errors: [{ field: "postcode", message: `${inB!.postcode} is outside ${names[1]}. Check the postcode, or put the pin on the venue inside ${names[1]}` }] });
    const teamWide = createEvent(staff.editorA, staff.teamA, { ...base, wardCode: null, postcode: inB!.postcode }, NOW);
    expect(teamWide.ok ? "" : teamWide.errors[0]!.message).toBe(`${inB!.postcode} is outside your team's wards. Check the postcode, or put the pin on the venue inside them`);
    expect(db.select().from(events).all().length).toBe(before);
    // The right ward, or the team area containing it: saved, at the postcode's point.
    expect(createEvent(staff.editorA, staff.teamA, { ...base, wardCode: inOther.wardCode, postcode: inOther.postcode }, NOW).ok).toBe(true);
    expect(createEvent(staff.editorA, staff.teamA, { ...base, wardCode: null, postcode: inOther.postcode }, NOW).ok).toBe(true);
  });

  it("reads the picked point from the form's two hidden fields, both or neither", () => {
    const form = { type: "surgery", title: "Surgery", wardCode: WARD_A, venue: "Hall", address: "", postcode: "", "date-day": "1", "date-month": "6", "date-year": "2027", startTime: "18:00", endTime: "19:00" };
    const parse = (extra: Record<string, string>) => {
      const data = new FormData();
      for (const [k, v] of Object.entries({ ...form, ...extra })) data.append(k, v);
      return parseForm(data, eventSchema);
    };
    expect(parse({ pinLat: "51.27", pinLng: "0.52" })).toMatchObject({ ok: true, data: { pin: { lat: 51.27, lng: 0.52 } } });
    expect(parse({})).toMatchObject({ ok: true, data: { pin: null } });
    expect(parse({ pinLat: "51.27" })).toMatchObject({ ok: true, data: { pin: null } });
    expect(parse({ pinLat: "north", pinLng: "0.5" }).ok).toBe(false);
  });
});

describe("the map picker's own check of a picked point", () => {
  const square = (code: string, name: string, x: number, role?: "neighbour") => ({
    type: "Feature" as const,
    properties: { code, name, ...(role ? { role } : {}) },
    geometry: { type: "Polygon" as const, coordinates: [[[x, 51], [x + 0.1, 51], [x + 0.1, 51.1], [x, 51.1], [x, 51]]] },
  });
  const shapes = { type: "FeatureCollection" as const, features: [square("E05000001", "Northward", 0.5), square("E05000002", "Southward", 0.6), square("E05000003", "Over the border", 0.7, "neighbour")] };

  it("says at once that a point outside the chosen ward is outside it, by name", () => {
    expect(pinRefusal([0.55, 51.05], shapes, "E05000001")).toBeNull();
    expect(pinRefusal([0.75, 51.05], shapes, "E05000001")).toBe("The pin is outside Northward. Move it inside Northward, or check the postcode");
    // In another of the team's wards: the same words as the form's refusal.
    expect(pinRefusal([0.65, 51.05], shapes, "E05000001")).toBe("The pin is in Southward, not Northward. Move it inside Northward, or choose Southward as the ward");
  });

  it("for the whole team area takes any of the team's wards, but not a neighbour's", () => {
    expect(pinRefusal([0.65, 51.05], shapes, "")).toBeNull();
    expect(pinRefusal([0.75, 51.05], shapes, "")).toBe("The pin is outside your team's wards. Move it inside them, or check the postcode");
  });
});
