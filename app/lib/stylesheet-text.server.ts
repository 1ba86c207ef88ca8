// The text of the built stylesheets, for writing them into documents
// (components/site-styles.tsx). Read once per process: a new build is a restart.
import fs from "node:fs";
import path from "node:path";

const cache = new Map<string, string | null>();

/**
 * The stylesheet at a built address (`/build/_assets/app-….css`, under
 * `public/`), or null if it cannot be read or cannot sit safely inside a
 * <style> element, in which case the page links it as usual.
 */
export function builtStylesheetText(href: string, publicDir = path.join(process.cwd(), "public")): string | null {
  const key = `${publicDir}\0${href}`;
  if (cache.has(key)) return cache.get(key)!;
  let text: string | null = null;
  if (/^\/build\/[\w./-]+\.css$/.test(href) && !href.includes("..")) {
    try {
      const css = fs.readFileSync(path.join(publicDir, href), "utf8");
      text = /<\/style/i.test(css) ? null : css;
    } catch {
      text = null;
    }
  }
  cache.set(key, text);
  return text;
}
