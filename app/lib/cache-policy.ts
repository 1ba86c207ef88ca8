// Which addresses may be kept and shared, by the response cache in server.js and
// by a CDN in front of it. Pages are public only by being listed here: a new
// page is private (never cached) until someone decides otherwise.
// See docs/decisions/010-page-cache-and-csp.md.

/** Resident pages, the same for everyone who is not signed in. */
const PUBLIC_PAGES = /^\/(?:|wards\/[^/]+|districts|districts\/[^/]+|teams\/[^/]+|contact|map|about-data|search)$/;

/** Staff pages must not be kept by shared computers' caches, or shown again from history after signing out. */
const PRIVATE_PAGES = /^\/(staff|admin|login|logout|set-password|partners|confirm|alerts)(\/|$)/;

export const isPublicPage = (pathname: string) => PUBLIC_PAGES.test(pathname);
export const isPrivatePage = (pathname: string) => PRIVATE_PAGES.test(pathname);

/**
 * A public page for anyone without cookies. Browsers check back every time (a
 * 304 when nothing changed); a CDN may answer for half a minute, and for half a
 * minute more while it fetches a fresh copy; less when the page changes sooner by
 * the clock (a surgery ending).
 */
export const SHARED_FOR = 30;
export function publicPageCacheControl(secondsUntilChange = Infinity): string {
  const seconds = Math.max(0, Math.min(SHARED_FOR, Math.floor(secondsUntilChange)));
  return `public, max-age=0, s-maxage=${seconds}, stale-while-revalidate=${seconds}`;
}

/** What a public page's response depends on besides its address: the encoding, and whether there is a cookie (a signed-in person sees their own page). */
export const PUBLIC_PAGE_VARY = "Accept-Encoding, Cookie";

/** Anything personal: not to be stored anywhere. */
export const PERSONAL = "private, no-store";
