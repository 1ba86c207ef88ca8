// A resident's response reaches the count through the same confirm-by-email link as
// following a ward (confirmation.server.ts, purpose "respond"). An address that already
// follows the ward is not asked again: its response counts at once and it gets a receipt,
// so a response made in its name does not go unnoticed. The page says the same in every
// case, so the form tells nobody which addresses follow a ward.
import { and, count, eq, gt, isNull } from "drizzle-orm";
import { residentAddresses, residentResponses, residentResponseThemes, teamWards, teams, wardFollows, wards } from "../../db/schema";
import { getDb } from "~/lib/db.server";
import { CONFIRMATIONS_PER_ADDRESS_PER_DAY } from "~/lib/mail-limits";
import { renderMail } from "~/lib/mail-templates";
import { publicUrl } from "~/lib/public-url.server";
import { THEME_LABELS } from "~/lib/labels";
import type { ResponseInput } from "~/lib/resident-say";
import type { PriorityTheme } from "~/lib/vocabulary";
import { findAddressByManageToken, manageLinks, requestConfirmation, type ConfirmationOutcome, type ConfirmationPurpose, type Tx } from "./confirmation.server";
import { enqueueMail } from "./outbox.server";
import { confirmResponse, createPendingResponse, deleteResponsesOfAddress, networkMayRespond, originKeyOf, recordConfirmedResponse } from "./response.server";

const DAY = 24 * 3600_000;

function wardAndTeam(wardCode: string, db: Pick<Tx, "select"> = getDb()) {
  return (
    db
      .select({ name: wards.name, teamName: teams.name })
      .from(wards)
      .leftJoin(teamWards, eq(teamWards.wardCode, wards.code))
      .leftJoin(teams, eq(teams.id, teamWards.teamId))
      .where(eq(wards.code, wardCode))
      .get() ?? null
  );
}

function themesOf(responseId: number, db: Pick<Tx, "select"> = getDb()): PriorityTheme[] {
  return db.select({ theme: residentResponseThemes.theme }).from(residentResponseThemes).where(eq(residentResponseThemes.responseId, responseId)).all().map((t) => t.theme);
}

const themeList = (themes: PriorityTheme[]) => themes.map((t) => THEME_LABELS[t]).join(", ");

export const respondPurpose: ConfirmationPurpose = {
  describe(c) {
    if (!c.subjectId) return null;
    const r = getDb().select().from(residentResponses).where(and(eq(residentResponses.id, c.subjectId), isNull(residentResponses.confirmedAt))).get();
    const ward = r ? wardAndTeam(r.wardCode) : null;
    if (!r || !ward) return null;
    return {
      heading: `Confirm your response for ${ward.name} ward`,
      paragraphs: [`You asked the neighbourhood team to focus on: ${themeList(themesOf(r.id))}.`, "It counts once you confirm. If you have already responded this month, this replaces your earlier response."],
      button: "Confirm my response",
    };
  },
  confirm(tx, c, now) {
    const result = c.subjectId ? confirmResponse(c.subjectId, now, tx, c.addressId) : null;
    if (!result) {
      return { heading: "This response no longer exists", paragraphs: ["It may have been deleted. You can respond again from your ward's page."], links: [{ href: "/", label: "Find your ward" }] };
    }
    const ward = wardAndTeam(result.wardCode, tx);
    return {
      heading: "Thank you: your response has been counted",
      paragraphs: [
        result.replaced ? "It replaces the response you gave earlier this month." : "You can change it this month by responding again: your new response replaces this one.",
        `${ward?.teamName ?? "The neighbourhood team"} reads every response before the ward's PACT meeting.`,
      ],
      links: [{ href: `/wards/${result.wardCode}#told-us-title`, label: `See what ${ward?.name ?? "your ward"} told the team` }],
    };
  },
  expire(tx, c) {
    if (c.subjectId) tx.delete(residentResponses).where(and(eq(residentResponses.id, c.subjectId), isNull(residentResponses.confirmedAt))).run();
  },
};

export type ResponseOutcome = ConfirmationOutcome;

/**
 * A response from the ward page. An address that follows the ward counts at once (with a
 * receipt); any other gets a confirmation link and counts when it is clicked. "suppressed"
 * must be shown like "sent"; "too-many-from-origin" is said plainly.
 */
export function requestResponse(input: ResponseInput & { email: string; wardCode: string; originIp: string | null; now?: Date }): ResponseOutcome {
  const now = input.now ?? new Date();
  const db = getDb();
  const originKey = originKeyOf(input.originIp);
  if (!networkMayRespond(originKey, now)) return "too-many-from-origin";
  const ward = wardAndTeam(input.wardCode);
  if (!ward) throw new Error(`requestResponse: unknown ward ${input.wardCode}`);
  const response = { wardCode: input.wardCode, themes: input.themes, place: input.place, comment: input.comment, originKey };

  return db.transaction((tx): ResponseOutcome => {
    const follower = tx
      .select({ address: residentAddresses })
      .from(residentAddresses)
      .innerJoin(wardFollows, and(eq(wardFollows.addressId, residentAddresses.id), eq(wardFollows.wardCode, input.wardCode)))
      .where(eq(residentAddresses.email, input.email))
      .get()?.address;
    if (follower?.confirmedAt) {
      const recent = tx
        .select({ n: count() })
        .from(residentResponses)
        .where(and(eq(residentResponses.addressId, follower.id), gt(residentResponses.createdAt, new Date(now.getTime() - DAY))))
        .get()!.n;
      if (recent >= CONFIRMATIONS_PER_ADDRESS_PER_DAY) return "suppressed";
      recordConfirmedResponse({ ...response, addressId: follower.id }, now, tx);
      const links = manageLinks(follower);
      // No free text in the email: only the ward and the themes from the list, so the form cannot carry someone's words to another inbox.
      const content = renderMail({
        heading: "Your response has been counted",
        paragraphs: [
          `Thank you for telling the neighbourhood team for ${ward.name} ward what to focus on: ${themeList(input.themes)}.`,
          "As you follow this ward, it counted straight away. If you have already responded this month, it replaces your earlier response. If it was not you, respond again to change it, or delete your responses from the link below.",
        ],
        action: { href: publicUrl(`/wards/${input.wardCode}`), label: `${ward.name} ward page` },
        manage: { href: links.manage, label: "Manage your alerts and responses, or delete everything we hold about you" },
        contactPolice: true,
        sampleNotice: true,
      });
      enqueueMail(tx, { kind: "response_receipt", to: follower.email, addressId: follower.id, subject: `Your response for ${ward.name} has been counted`, ...content, at: now });
      return "sent";
    }
    const id = createPendingResponse({ ...response, addressId: null }, now, tx);
    const outcome = requestConfirmation({
      purpose: "respond",
      email: input.email,
      subjectId: id,
      originIp: input.originIp,
      now,
      mail: {
        subject: `Confirm your response for ${ward.name}`,
        heading: "Confirm your response",
        paragraphs: [
          `Someone, probably you, told the neighbourhood team for ${ward.name} ward what it should focus on: ${themeList(input.themes)}.`,
          "One response per person counts each month. It counts once you confirm.",
        ],
        button: "Confirm my response",
      },
    });
    if (outcome !== "sent") tx.delete(residentResponses).where(eq(residentResponses.id, id)).run();
    return outcome;
  });
}

/** A resident's responses, for their manage page (the token in their emails is the only credential). */
export function listResponsesByManageToken(token: string) {
  const address = findAddressByManageToken(token);
  if (!address) return null;
  return getDb()
    .select({ id: residentResponses.id, wardCode: residentResponses.wardCode, wardName: wards.name, month: residentResponses.month })
    .from(residentResponses)
    .innerJoin(wards, eq(wards.code, residentResponses.wardCode))
    .where(and(eq(residentResponses.addressId, address.id)))
    .orderBy(residentResponses.month)
    .all();
}

/** Delete every response an address has made (they stop counting). Null if the token opens nothing. */
export function deleteResponsesByManageToken(token: string): number | null {
  const address = findAddressByManageToken(token);
  return address ? deleteResponsesOfAddress(address.id) : null;
}
