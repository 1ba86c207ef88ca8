// How a typed name is compared with ward, district and place names: "St Peter's",
// "st peters" and "Saint Peters" are one name, as are "Westgate-on-Sea" and
// "Westgate on Sea", whatever the case or accents.
import { validOutcode } from "postcode";

/** A name reduced to lower-case letters and digits between single spaces, "saint" written "st". */
export function foldName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/['’‘`´.]/g, "")
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .replace(/\bsaint\b/g, "st");
}

/** "ME15", " me15 ", "ct10": a postcode district on its own, upper-cased; null for anything else. */
export function parseOutcode(input: unknown): string | null {
  if (typeof input !== "string") return null;
  const compact = input.trim().toUpperCase();
  if (compact.length < 2 || compact.length > 4 || !/^[A-Z]{1,2}\d[A-Z\d]?$/.test(compact)) return null;
  return validOutcode(compact) ? compact : null;
}
