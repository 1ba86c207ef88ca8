// ONS GSS codes as they appear in our URLs: E05 wards, E06/E07 districts.
const GSS = /^[EWSN]\d{8}$/;

/** The canonical (upper-case) form of a code from a URL, or null if it cannot be one. */
export function normaliseGssCode(value: string | undefined): string | null {
  if (!value || value.length > 9) return null;
  const upper = value.toUpperCase();
  return GSS.test(upper) ? upper : null;
}

export const isSlug = (value: string | undefined): value is string => !!value && value.length <= 80 && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value);
