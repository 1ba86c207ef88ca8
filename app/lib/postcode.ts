import { isValid, toArea, toNormalised, toOutcode } from "postcode";

// Longest real UK postcode is 8 characters with its space; allow generous
// surrounding whitespace but never hand a 10 KB string to the parser.
const MAX_INPUT_LENGTH = 20;

export type ParsedPostcode =
  | { kind: "empty" }
  | { kind: "invalid" }
  | { kind: "valid"; postcode: string; outcode: string; area: string };

/** Normalise what a person typed: any case, any spacing ("me159bz", " ME15  9BZ "). */
export function parsePostcode(input: unknown): ParsedPostcode {
  if (typeof input !== "string") return { kind: "empty" };
  const trimmed = input.trim();
  if (trimmed === "") return { kind: "empty" };
  if (trimmed.length > MAX_INPUT_LENGTH) return { kind: "invalid" };
  const compact = trimmed.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9]{5,7}$/.test(compact)) return { kind: "invalid" };
  // The three parts asked for one by one: parse() works out every other part as well, at several times the cost.
  if (!isValid(compact)) return { kind: "invalid" };
  return { kind: "valid", postcode: toNormalised(compact)!, outcode: toOutcode(compact)!, area: toArea(compact)! };
}
