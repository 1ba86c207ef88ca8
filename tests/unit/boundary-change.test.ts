// A new ward vintage retires a ward residents follow: they get one email naming the new
// wards that cover it (by overlap) and can follow them from the manage page.
import { bboxClip, bbox } from "@turf/turf";
import { eq } from "drizzle-orm";
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outboxMessages, residentAddresses, wardFollows } from "../../db/schema";
import type { Db } from "~/lib/db.server";
import { createMailSender } from "~/lib/mail-sender.server";
import { smtpTransport } from "~/lib/mail-transport.server";
import { manageTokenOf } from "~/models/confirmation.server";
import { applyManageChange, listFollows } from "~/models/follow.server";
import { loadGeography, readGeography, type Geography } from "../../scripts/lib/geography";
import { DATA_FILES, dbWithGeography } from "./helpers/db";
import { startTestMailbox, type TestMailbox } from "./helpers/smtp";
import { WARD_A, WARD_B } from "./helpers/staff";

let db: Db;
let mailbox: TestMailbox;

/** The real geography with WARD_A split down the middle into two new wards, as a boundary review might. */
function splitWardA(geo: Geography): { geo: Geography; split: number } {
  const old = geo.wards.find((w) => w.code === WARD_A)!;
  const [minX, minY, maxX, maxY] = bbox(old.geometry);
  const split = (minX + maxX) / 2;
  const west = { ...old, code: "E05999001", name: "Park Wood West", geometry: bboxClip(old.geometry, [minX, minY, split, maxY]).geometry };
  const east = { ...old, code: "E05999002", name: "Mangravet East", geometry: bboxClip(old.geometry, [split, minY, maxX, maxY]).geometry };
  return {
    split,
    geo: {
      ...geo,
      wards: [...geo.wards.filter((w) => w.code !== WARD_A), west, east] as Geography["wards"],
      postcodes: geo.postcodes.map((p) => (p.wardCode === WARD_A ? { ...p, wardCode: p.lng < split ? west.code : east.code } : p)),
    },
  };
}

function follower(email: string, wardCode: string) {
  const address = db.insert(residentAddresses).values({ email, createdAt: new Date(), confirmedAt: new Date(), manageTokenHash: "pending" }).returning().get();
  // The real hash, so the manage link in the email works.
  const token = manageTokenOf(address);
  db.update(residentAddresses).set({ manageTokenHash: createHash("sha256").update(token).digest("hex") }).where(eq(residentAddresses.id, address.id)).run();
  db.insert(wardFollows).values({ addressId: address.id, wardCode, frequency: "daily", createdAt: new Date() }).run();
  return { ...address, token };
}

beforeAll(async () => {
  db = dbWithGeography();
  mailbox = await startTestMailbox();
});

afterAll(() => mailbox.close());

describe("a boundary change", () => {
  it("mails each follower of a retired ward its successors by overlap, once, and lets them follow the new wards", async () => {
    const affected = follower("parkwood@example.org", WARD_A);
    const unaffected = follower("wincheap@example.org", WARD_B);
    const { geo } = splitWardA(readGeography(DATA_FILES));
    loadGeography(db, geo, { wardVintage: "WD25", districtVintage: "LAD24" });
    loadGeography(db, geo, { wardVintage: "WD25", districtVintage: "LAD24" }); // a second run sends nothing more

    const mail = db.select().from(outboxMessages).all();
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ kind: "boundary", toAddress: "parkwood@example.org" });

    const sender = createMailSender({ transport: smtpTransport(mailbox.url) });
    await sender.runOnce();
    await sender.stop();
    const [received] = await mailbox.waitFor(1);
    expect(received!.subject).toBe("Park Wood & Mangravet: your ward has new boundaries");
    const text = received!.text!;
    expect(text).toContain("Park Wood & Mangravet is no longer a ward");
    const shares = [...text.matchAll(/Covers (\d+)% of the old Park Wood & Mangravet ward/g)].map((m) => Number(m[1]));
    expect(text).toContain("Park Wood West");
    expect(text).toContain("Mangravet East");
    expect(shares).toHaveLength(2);
    expect(shares.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(99);
    expect(text).toContain(`/alerts/manage/${affected.token}`);
    expect(received!.headerLines.some((h) => h.key === "list-unsubscribe-post")).toBe(true);

    // Not silently dropped: the follow is still there, with the offer.
    const [follow] = listFollows(affected.id);
    expect(follow).toMatchObject({ wardCode: WARD_A, wardName: null });
    expect(follow!.successors.map((s) => s.name).sort()).toEqual(["Mangravet East", "Park Wood West"]);
    expect(listFollows(unaffected.id)).toMatchObject([{ wardCode: WARD_B, successors: [] }]);

    // A ward that was not offered is refused; the offered ones are followed, and the retired follow goes once both are.
    expect(applyManageChange(affected.token, { action: "follow-successor", followId: follow!.id, wardCode: WARD_B })!.changed).toBe(0);
    applyManageChange(affected.token, { action: "follow-successor", followId: follow!.id, wardCode: "E05999001" });
    expect(listFollows(affected.id).map((f) => f.wardCode).sort()).toEqual([WARD_A, "E05999001"]);
    applyManageChange(affected.token, { action: "follow-successor", followId: follow!.id, wardCode: "E05999002" });
    expect(listFollows(affected.id).map((f) => f.wardCode).sort()).toEqual(["E05999001", "E05999002"]);
  });
});
