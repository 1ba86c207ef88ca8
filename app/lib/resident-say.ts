// Residents' say before each PACT meeting: the rules of a response and of what is
// published from them. Pure, shared by the server and the pages.
import { z } from "zod";
import { THEME_LABELS } from "./labels";
import { text } from "./forms";
import { PRIORITY_THEMES, type PriorityTheme } from "./vocabulary";

/** Results are published only when at least this many people responded, so no one can be picked out in a small ward. */
export const RESPONSE_THRESHOLD = 5;
export const MAX_THEMES = 3;
export const PLACE_MAX = 100;
export const COMMENT_MAX = 500;
/** Places and comments are deleted this many months after the month of the response; the counts stay. */
export const RETENTION_MONTHS = 12;
/**
 * At most this many confirmed voices per ward per month count from one network
 * (an IPv4 /24 or IPv6 /48), so many mailboxes confirmed from one place cannot
 * stuff the count. A household, a library or a PACT meeting's Wi-Fi stays well under it.
 */
export const NETWORK_CAP = 10;

/** The fields of the response form (the email address is checked with the confirmation). */
export const responseSchema = z.object({
  themes: z
    .array(z.string())
    .transform((values) => [...new Set(values)])
    .superRefine((values, ctx) => {
      if (values.length === 0) ctx.addIssue({ code: "custom", message: "Choose at least one thing the team should focus on" });
      else if (values.some((v) => !(PRIORITY_THEMES as readonly string[]).includes(v))) ctx.addIssue({ code: "custom", message: "Choose from the list of concerns" });
      else if (values.length > MAX_THEMES) ctx.addIssue({ code: "custom", message: `Choose up to ${MAX_THEMES} concerns (you chose ${values.length})` });
    })
    .transform((values) => values as PriorityTheme[]),
  place: text({ label: "Street or place", max: PLACE_MAX }),
  comment: text({ label: "Your comment", max: COMMENT_MAX, multiline: true }),
});

export type ResponseInput = z.output<typeof responseSchema>;

export interface ThemeCount {
  theme: PriorityTheme;
  count: number;
}

/** Themes by how many people named them, most first; ties in the order of the list residents see. Themes no one named are left out. */
export function rankThemes(counts: Partial<Record<PriorityTheme, number>>): ThemeCount[] {
  return PRIORITY_THEMES.map((theme) => ({ theme, count: counts[theme] ?? 0 }))
    .filter((t) => t.count > 0)
    .sort((a, b) => b.count - a.count || PRIORITY_THEMES.indexOf(a.theme) - PRIORITY_THEMES.indexOf(b.theme));
}

export type Trend = "up" | "down" | "same" | "new";

/** How a theme moved since last month. "new" when no one named it last month. */
export function trendOf(current: number, previous: number | undefined): Trend {
  if (!previous) return current > 0 ? "new" : "same";
  return current > previous ? "up" : current < previous ? "down" : "same";
}

export const TREND_LABELS: Record<Trend, string> = { up: "up", down: "down", same: "no change", new: "new this month" };

/** Whether a month's results may be published. */
export const meetsThreshold = (respondents: number) => respondents >= RESPONSE_THRESHOLD;

/** A count as published: the number, or null below the threshold. */
export function suppressed(respondents: number, value: number): number | null {
  return meetsThreshold(respondents) ? value : null;
}

/** The network an address of origin belongs to: IPv4 /24, IPv6 /48. Null when unknown. */
export function networkOf(ip: string | null | undefined): string | null {
  if (!ip) return null;
  const v4 = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.\d{1,3}$/i.exec(ip);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  if (ip.includes(":")) {
    const [head = ""] = ip.toLowerCase().split("::");
    const groups = head.split(":").filter(Boolean);
    while (groups.length < 3) groups.push("0");
    return `${groups.slice(0, 3).join(":")}::/48`;
  }
  return null;
}

/** The first month whose places and comments are still kept: months before it are cleared. */
export function retentionStartMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const index = y * 12 + (m - 1) - RETENTION_MONTHS;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** "Roads and speeding (14 people)" */
export function saidLine(theme: PriorityTheme, residents: number): string {
  return `${THEME_LABELS[theme]} (${residents} ${residents === 1 ? "person" : "people"})`;
}

/** A bar's width as a whole percentage of the longest bar. */
export function barPercent(count: number, max: number): number {
  return max > 0 ? Math.max(1, Math.round((count / max) * 100)) : 0;
}

/** The PACT form's fields where residents' themes are ticked under a new priority. */
export const takenUpField = (rank: number) => `slot${rank}-takenUp`;

/**
 * The residents' themes ticked under each new priority of a PACT form, given the
 * slots saved and the ids of the priorities they added (in the same order).
 * Anything that is not a theme is dropped.
 */
export function takenUpOfNewPriorities(form: FormData, slots: { rank: number; action: string }[], added: number[]): { priorityId: number; themes: PriorityTheme[] }[] {
  const filled = slots.filter((s) => s.action === "add" || s.action === "replace");
  return filled.map((s, i) => {
    const values = form.getAll(takenUpField(s.rank)).map(String);
    return { priorityId: added[i]!, themes: PRIORITY_THEMES.filter((t) => values.includes(t)) };
  });
}

/** Why a team hides a resident's comment; the reason goes in the audit log. */
export const HIDE_REASONS = { abusive: "Abusive or offensive", identifying: "Identifies a person", crime: "Reports a crime (passed on to be dealt with)", other: "Another reason" } as const;
