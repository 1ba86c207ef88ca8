// What a search can find, shared by the search page, the JSON API and the tests.

export interface FoundWard {
  status: "found";
  postcode: string | null;
  lat: number;
  lng: number;
  /** How the ward was matched: inside its boundary, or the nearest ward to a point on the coast. */
  match: "pip" | "nearest";
  ward: { code: string; name: string };
  district: { code: string; name: string };
  team: { slug: string; name: string } | null;
  csuEmail: string;
}

export type LookupResult =
  | FoundWard
  | { status: "empty" }
  | { status: "invalid" }
  /** A real postcode, or a point, outside Kent and Medway. */
  | { status: "outside"; postcode: string | null }
  /** Looks like a Kent postcode but is not in the postcode data (new, or no longer in use). */
  | { status: "unknown"; postcode: string };

export const POLICE_UK_FINDER = "https://www.police.uk/pu/your-area/";

/** The message a person sees for each outcome that is not a ward. */
export function lookupMessage(result: Exclude<LookupResult, FoundWard>, kind: "postcode" | "location"): string {
  switch (result.status) {
    case "empty":
      return kind === "postcode" ? "Enter a postcode" : "We could not read your location. Try again, or enter a postcode";
    case "invalid":
      return kind === "postcode" ? "Enter a real postcode, like ME15 9BZ" : "We could not read your location. Try again, or enter a postcode";
    case "outside":
      return result.postcode
        ? `${result.postcode} is outside the Kent Police area`
        : "That location is outside the Kent Police area";
    case "unknown":
      return `We cannot find ${result.postcode}. It may be a new postcode or one no longer in use`;
  }
}
