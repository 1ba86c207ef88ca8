// Calendar files and news feeds, parsed back the way a calendar app and a feed reader read them.
import { XMLParser } from "fast-xml-parser";
import ICAL from "ical.js";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "~/lib/db.server";
import { fromUkDateTime } from "~/lib/dates";
import { cancelEvent, createEvent, editEvent } from "~/models/event.server";
import { closePriority, listPrioritiesForWard } from "~/models/priority.server";
import { ukDate } from "~/lib/format";
import { findTeamById } from "~/models/team.server";
import { loader as districtFeed } from "~/routes/districts.$code_.updates[.]atom";
import { loader as eventIcs } from "~/routes/events.$id[.]ics";
import { loader as teamIcs } from "~/routes/teams.$slug_.events[.]ics";
import { loader as wardIcs } from "~/routes/wards.$code_.events[.]ics";
import { loader as wardFeed, } from "~/routes/wards.$code_.updates[.]atom";
import { meta as wardMeta } from "~/routes/wards.$code";
import { dbWithSampleData } from "./helpers/db";
import { clearStaff, createStaff, WARD_A, type Staff } from "./helpers/staff";

let db: Db;
let staff: Staff;
const args = (params: Record<string, string>) => ({ request: new Request("http://localhost/"), params, context: {} });
const ukClock = (d: Date) => new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(d);

async function veventsOf(response: Response) {
  expect(response.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
  const text = await response.text();
  return { text, events: new ICAL.Component(ICAL.parse(text)).getAllSubcomponents("vevent") };
}
const byUid = (events: ICAL.Component[], uid: string) => events.find((e) => e.getFirstPropertyValue("uid") === uid)!;

beforeAll(async () => {
  db = dbWithSampleData();
  clearStaff(db);
  staff = await createStaff(db, "cal");
});

describe("calendar files", () => {
  it("show a 19:00 UK surgery at 19:00 in December (GMT) and in July (BST), written in UTC", async () => {
    const make = (day: string, title: string) => {
      const startsAt = fromUkDateTime(day, "19:00");
      const r = createEvent(staff.editorA, staff.teamA, { type: "surgery", title, wardCode: WARD_A, venue: "Community centre", address: "Maidstone", startsAt, endsAt: new Date(startsAt.getTime() + 3600_000) });
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      return r.value.id;
    };
    const december = make("2027-12-07", "Winter surgery");
    const july = make("2027-07-06", "Summer surgery");
    const { text, events } = await veventsOf(await wardIcs(args({ code: WARD_A })));
    for (const [id, utcHour] of [
      [december, "19"],
      [july, "18"],
    ] as const) {
      const event = events.find((e) => String(e.getFirstPropertyValue("uid")).startsWith(`event-${id}@`))!;
      const start = event.getFirstPropertyValue("dtstart") as ICAL.Time;
      expect(start.zone?.tzid).toBe("UTC");
      expect(ukClock(start.toJSDate())).toBe("19:00");
      expect(start.hour).toBe(Number(utcHour));
      expect((event.getFirstPropertyValue("dtend") as ICAL.Time).toJSDate().getTime() - start.toJSDate().getTime()).toBe(3600_000);
    }
    expect(text).toMatch(/DTSTAMP:\d{8}T\d{6}Z/);
    expect(text).not.toContain("VTIMEZONE");
  });

  it("keep one UID per event, raise SEQUENCE on each edit, and keep a cancelled event as STATUS:CANCELLED", async () => {
    const startsAt = fromUkDateTime("2027-03-02", "18:30");
    const input = { type: "pact_meeting" as const, title: "PACT meeting", wardCode: WARD_A, venue: "Village hall", address: "", startsAt, endsAt: new Date(startsAt.getTime() + 5400_000) };
    const created = createEvent(staff.editorA, staff.teamA, input);
    if (!created.ok) throw new Error("not created");
    const id = created.value.id;
    const read = async () => {
      const { events } = await veventsOf(await eventIcs(args({ id: String(id) })));
      expect(events).toHaveLength(1);
      return events[0]!;
    };
    const first = await read();
    const uid = String(first.getFirstPropertyValue("uid"));
    expect(first.getFirstPropertyValue("sequence")).toBe(0);
    expect(first.getFirstPropertyValue("status")).toBe("CONFIRMED");

    editEvent(staff.editorA, id, { ...input, venue: "School hall" });
    editEvent(staff.editorA, id, { ...input, venue: "School hall", startsAt: new Date(startsAt.getTime() + 1800_000) });
    const edited = await read();
    expect(edited.getFirstPropertyValue("uid")).toBe(uid);
    expect(edited.getFirstPropertyValue("sequence")).toBe(2);
    expect(String(edited.getFirstPropertyValue("location"))).toContain("School hall");

    cancelEvent(staff.editorA, id);
    const cancelled = await read();
    expect(cancelled.getFirstPropertyValue("sequence")).toBe(3);
    expect(cancelled.getFirstPropertyValue("status")).toBe("CANCELLED");

    // The same event, the same UID, in the ward's and the team's calendars.
    const team = findTeamById(staff.teamA)!;
    for (const response of [await wardIcs(args({ code: WARD_A })), await teamIcs(args({ slug: team.slug }))]) {
      const { events } = await veventsOf(response);
      expect(byUid(events, uid).getFirstPropertyValue("status")).toBe("CANCELLED");
    }
  });

  it("answer an unknown ward, team or event with a 404 in words", async () => {
    for (const response of [await wardIcs(args({ code: "E05999999" })), await teamIcs(args({ slug: "<script>" })), await eventIcs(args({ id: "99999999" })), await eventIcs(args({ id: "1e3" }))]) {
      expect(response.status).toBe(404);
      expect(response.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
      expect(await response.text()).not.toContain("<script>");
    }
  });
});

describe("news feeds", () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" });
  const entriesOf = async (response: Response) => {
    expect(response.headers.get("Content-Type")).toBe("application/atom+xml; charset=utf-8");
    const feed = parser.parse(await response.text()).feed;
    return { feed, entries: ([] as { id: string; title: string | { "#text": string }; updated: string; link: { "@href": string } }[]).concat(feed.entry ?? []) };
  };

  it("list a ward's updates, closures and PACT meetings newest first, with stable, unique ids", async () => {
    const [p] = listPrioritiesForWard(WARD_A).filter((x) => x.status === "active");
    expect(closePriority(staff.editorA, p!.id, { outcome: "Reports of speeding fell by a third.", closedOn: ukDate(new Date()) }).ok).toBe(true);
    const first = await entriesOf(await wardFeed(args({ code: WARD_A })));
    expect(first.feed.title).toMatch(/Park Wood & Mangravet: PACT priorities and updates/);
    expect(first.entries.length).toBeGreaterThan(3);
    const dates = first.entries.map((e) => Date.parse(e.updated));
    expect([...dates].sort((a, b) => b - a)).toEqual(dates);
    const ids = first.entries.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => id.startsWith("tag:neighbourhoods.kent.police.uk,2026:"))).toBe(true);
    const kinds = new Set(ids.map((id) => id.split(":").pop()!.split("-")[0]));
    expect(kinds).toEqual(new Set(["update", "closure", "pact"]));
    expect(first.entries[0]!.link["@href"]).toContain(`/wards/${WARD_A}`);
    expect(first.entries[0]!.id).toBe(`tag:neighbourhoods.kent.police.uk,2026:closure-${p!.id}`);
    expect(JSON.stringify(first.entries[0])).toContain("Reports of speeding fell by a third.");
    const again = await entriesOf(await wardFeed(args({ code: WARD_A })));
    expect(again.entries.map((e) => e.id)).toEqual(ids);
  });

  it("cover every ward of a district, and are found from the ward page (autodiscovery)", async () => {
    const { entries } = await entriesOf(await districtFeed(args({ code: "E07000110" })));
    expect(new Set(entries.map((e) => e.link["@href"])).size).toBeGreaterThan(3);
    const tags = wardMeta({ data: { ward: { code: WARD_A, name: "Park Wood & Mangravet", districtName: "Maidstone" } } } as never);
    expect(tags).toContainEqual(expect.objectContaining({ tagName: "link", rel: "alternate", type: "application/atom+xml", href: `/wards/${WARD_A}/updates.atom` }));
    expect((await districtFeed(args({ code: "nope" }))).status).toBe(404);
  });
});
