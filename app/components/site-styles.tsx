// The site's stylesheets, written into the <head> of every document instead of
// linked: on a slow phone connection a linked stylesheet costs a whole round trip
// (over half a second on "Slow 4G") before anything can be drawn. Together they
// are about 5 KB compressed. Leaflet's own sheets still load with the map code.
// See docs/decisions/013-phones-places-and-maps.md.
import { createContext, useContext } from "react";
import appStyles from "~/styles/app.css";
import mapStyles from "~/styles/map.css";

/** Built stylesheet addresses, in cascade order. map.css overrides Leaflet's sheet with two-class selectors, so it may come first. */
export const SITE_STYLESHEETS: readonly string[] = [appStyles, mapStyles];

/**
 * Given to the server render (entry.server.tsx): the text of a built
 * stylesheet, or null when it cannot be inlined (the page then links it).
 */
export const StylesheetText = createContext<((href: string) => string | null) | null>(null);

/**
 * In the browser the document already holds what the server wrote: the same
 * element is rendered again with the same text, so hydration changes nothing.
 */
function fromDocument(href: string): { inline: string | null } {
  const style = document.head.querySelector(`style[data-href="${CSS.escape(href)}"]`);
  return { inline: style ? style.innerHTML : null };
}

export function SiteStyles() {
  const read = useContext(StylesheetText);
  return (
    <>
      {SITE_STYLESHEETS.map((href) => {
        const { inline } = read ? { inline: read(href) } : typeof document === "undefined" ? { inline: null } : fromDocument(href);
        return inline === null ? (
          <link key={href} rel="stylesheet" href={href} />
        ) : (
          <style key={href} data-href={href} dangerouslySetInnerHTML={{ __html: inline }} />
        );
      })}
    </>
  );
}
