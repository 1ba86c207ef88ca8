// Identifiers checked in URLs and in imported files: ONS GSS codes (E05 wards,
// E06/E07 districts), URL slugs, and email addresses.
export const GSS_CODE = /^[EWSN]\d{8}$/;
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[a-z]{2,}$/i;

/** The canonical (upper-case) form of a code from a URL, or null if it cannot be one. */
export function normaliseGssCode(value: string | undefined): string | null {
  if (!value || value.length > 9) return null;
  const upper = value.toUpperCase();
  return GSS_CODE.test(upper) ? upper : null;
}

export const isSlug = (value: string | undefined): value is string => !!value && value.length <= 80 && SLUG.test(value);
