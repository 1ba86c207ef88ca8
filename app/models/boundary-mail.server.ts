// When a boundary review retires a ward that residents follow, they get one email naming
// the new ward(s) covering it (by overlap of the old and new boundaries) and a way to
// follow them from the manage page. Their follow is kept, marked, until they choose.
import { area, bbox, feature, featureCollection, intersect } from "@turf/turf";
import type { MultiPolygon, Polygon } from "geojson";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { residentAddresses, wardFollows } from "../../db/schema";
import type { Db } from "~/lib/db.server";
import { renderMail } from "~/lib/mail-templates";
import { publicUrl } from "~/lib/public-url.server";
import { manageLinks, unsubscribeHeaders } from "./confirmation.server";
import { enqueueMail } from "./outbox.server";

type Tx = Pick<Db, "insert" | "select" | "update">;
type Area = Polygon | MultiPolygon;

export interface BoundaryWard {
  code: string;
  name: string;
  geometry: Area;
}

/** A new ward takes over part of an old one when at least this share of the old ward lies inside it. */
const MIN_SHARE = 0.01;

const overlaps = (a: number[], b: number[]) => a[0]! <= b[2]! && b[0]! <= a[2]! && a[1]! <= b[3]! && b[1]! <= a[3]!;

/** The new wards covering an old ward, largest share first. */
export function successorsOf(old: BoundaryWard, candidates: BoundaryWard[]): { code: string; name: string; share: number }[] {
  const oldArea = area(feature(old.geometry));
  if (oldArea === 0) return [];
  const box = bbox(old.geometry);
  const found: { code: string; name: string; share: number }[] = [];
  for (const c of candidates) {
    if (!overlaps(box, bbox(c.geometry))) continue;
    const shared = intersect(featureCollection([feature(old.geometry), feature(c.geometry)]));
    const share = shared ? area(shared) / oldArea : 0;
    if (share >= MIN_SHARE) found.push({ code: c.code, name: c.name, share });
  }
  return found.sort((a, b) => b.share - a.share);
}

/**
 * Inside the import's transaction: for each retired ward with followers, work out its
 * successors, mark the follows, and write one email per address. Returns emails written.
 */
export function offerSuccessorWards(tx: Tx, retired: BoundaryWard[], current: BoundaryWard[], now = new Date()): number {
  if (retired.length === 0) return 0;
  const follows = tx
    .select({ follow: wardFollows, email: residentAddresses.email, createdAt: residentAddresses.createdAt })
    .from(wardFollows)
    .innerJoin(residentAddresses, eq(residentAddresses.id, wardFollows.addressId))
    .where(and(inArray(wardFollows.wardCode, retired.map((r) => r.code)), isNull(wardFollows.retiredNoticeAt)))
    .all();
  if (follows.length === 0) return 0;
  const successors = new Map(retired.filter((r) => follows.some((f) => f.follow.wardCode === r.code)).map((r) => [r.code, successorsOf(r, current)]));
  const byAddress = new Map<number, typeof follows>();
  for (const f of follows) byAddress.set(f.follow.addressId, [...(byAddress.get(f.follow.addressId) ?? []), f]);
  let written = 0;
  for (const [addressId, list] of byAddress) {
    const address = { email: list[0]!.email, createdAt: list[0]!.createdAt };
    const links = manageLinks(address);
    const sections = list.map((f) => {
      const old = retired.find((r) => r.code === f.follow.wardCode)!;
      const next = successors.get(old.code) ?? [];
      return {
        heading: `${old.name} is no longer a ward`,
        items: next.length
          ? next.map((s) => [`${s.name}`, `Covers ${Math.round(s.share * 100)}% of the old ${old.name} ward.`, publicUrl(`/wards/${s.code}`)])
          : [["No new ward covers it in the boundaries we hold."]],
      };
    });
    const names = list.map((f) => retired.find((r) => r.code === f.follow.wardCode)!.name);
    const content = renderMail({
      heading: "The ward you follow has changed",
      paragraphs: [
        `New ward boundaries have come into use. ${names.join(" and ")} ${names.length === 1 ? "has" : "have"} been replaced, so we cannot send you news of ${names.length === 1 ? "it" : "them"} any more.`,
        "These are the new wards that cover the same area. Choose which to follow: it takes one click on your alerts page, and nothing changes until you do.",
      ],
      sections,
      action: { href: links.manage, label: "Choose the new wards to follow" },
      contactPolice: true,
      sampleNotice: true,
      manage: { href: links.manage, label: "Change or stop your alerts, or delete your details" },
    });
    const id = enqueueMail(tx, {
      kind: "boundary",
      to: address.email,
      addressId,
      subject: `${names[0]}${names.length > 1 ? ` and ${names.length - 1} more` : ""}: your ward has new boundaries`,
      ...content,
      headers: unsubscribeHeaders(address),
      dedupeKey: `boundary:${addressId}:${list.map((f) => f.follow.wardCode).sort().join(",")}`,
      at: now,
    });
    if (id) written++;
    for (const f of list) {
      tx.update(wardFollows)
        .set({ retiredNoticeAt: now, successorCodes: JSON.stringify((successors.get(f.follow.wardCode) ?? []).map((s) => s.code)) })
        .where(eq(wardFollows.id, f.follow.id))
        .run();
    }
  }
  return written;
}
