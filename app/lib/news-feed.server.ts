// Atom feeds (RFC 4287) with the `feed` package. Entry ids are tag: URIs built from the
// record's id, so they never change when the wording or the site's address does.
import { Feed } from "feed";
import { formatDate, formatMonth } from "./format";
import { UPDATE_STATUS_LABELS } from "./labels";
import { publicUrl } from "./public-url.server";
import type { NewsEntry } from "~/models/news-feed.server";

const TAG = "tag:neighbourhoods.kent.police.uk,2026";

function entryText(e: NewsEntry): { title: string; text: string[] } {
  switch (e.kind) {
    case "update":
      return {
        title: `${e.wardName}: ${formatMonth(e.month)} update on ${e.priorityTitle}`,
        text: [`What we did: ${e.actionTaken}`, `Status: ${UPDATE_STATUS_LABELS[e.status]}`, ...(e.nextStep ? [`Next: ${e.nextStep}`] : [])],
      };
    case "closure":
      return { title: `${e.wardName}: priority closed: ${e.title}`, text: [`Closed on ${formatDate(e.closedOn)}.`, `Outcome: ${e.outcome}`] };
    case "pact":
      return { title: `${e.wardName}: PACT meeting on ${formatDate(e.meetingDate)}`, text: [`Priorities agreed: ${e.titles.join("; ")}.`] };
  }
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function buildAtomFeed(input: { title: string; path: string; feedPath: string; entries: NewsEntry[]; now?: Date }): string {
  const feed = new Feed({
    id: `${TAG}:${input.feedPath}`,
    title: input.title,
    link: publicUrl(input.path),
    feedLinks: { atom: publicUrl(input.feedPath) },
    updated: input.entries[0]?.at ?? input.now ?? new Date(),
    language: "en-GB",
    generator: false,
    copyright: "Sample data: invented examples, not real Kent Police information. Ward boundaries: ONS, Open Government Licence v3.0.",
  });
  for (const e of input.entries) {
    const { title, text } = entryText(e);
    feed.addItem({
      id: `${TAG}:${e.key}`,
      title,
      link: publicUrl(`/wards/${e.wardCode}`),
      date: e.at,
      description: text.join(" "),
      content: text.map((t) => `<p>${escapeHtml(t)}</p>`).join(""),
    });
  }
  return feed.atom1();
}

export function atomResponse(body: string): Response {
  return new Response(body, { headers: { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": "public, max-age=300" } });
}
