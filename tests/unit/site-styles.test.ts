// The site's stylesheets written into each page: read from the build, refused
// when they could break out of a <style> element, linked instead when unreadable.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { afterAll, describe, expect, it } from "vitest";
import { SITE_STYLESHEETS, SiteStyles, StylesheetText } from "~/components/site-styles";
import { builtStylesheetText } from "~/lib/stylesheet-text.server";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "site-styles-"));
fs.mkdirSync(path.join(dir, "build/_assets"), { recursive: true });
fs.writeFileSync(path.join(dir, "build/_assets/app-ABC.css"), "body{color:#0b0c0c}");
fs.writeFileSync(path.join(dir, "build/_assets/evil-ABC.css"), 'a::after{content:"</style><script>alert(1)</script>"}');
fs.writeFileSync(path.join(dir, "secret.css"), "not for pages");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("builtStylesheetText", () => {
  it("reads a built stylesheet", () => {
    expect(builtStylesheetText("/build/_assets/app-ABC.css", dir)).toBe("body{color:#0b0c0c}");
  });

  it("refuses one that could close its <style> element, anything outside /build/, and what is not there", () => {
    expect(builtStylesheetText("/build/_assets/evil-ABC.css", dir)).toBeNull();
    expect(builtStylesheetText("/build/../secret.css", dir)).toBeNull();
    expect(builtStylesheetText("/secret.css", dir)).toBeNull();
    expect(builtStylesheetText("/build/_assets/missing.css", dir)).toBeNull();
  });
});

describe("SiteStyles", () => {
  const render = (read: (href: string) => string | null) => renderToString(createElement(StylesheetText.Provider, { value: read }, createElement(SiteStyles)));

  it("writes every site stylesheet into the page, in order, each marked with its address", () => {
    const html = render((href) => `/* ${href} */`);
    const styles = [...html.matchAll(/<style data-href="([^"]*)">([^<]*)<\/style>/g)].map((m) => [m[1], m[2]]);
    expect(styles).toEqual(SITE_STYLESHEETS.map((h) => [h, `/* ${h} */`]));
    expect(html).not.toContain("<link");
  });

  it("links a stylesheet it cannot write in", () => {
    const html = render(() => null);
    expect(html.match(/<link rel="stylesheet"/g)).toHaveLength(SITE_STYLESHEETS.length);
    expect(html).not.toContain("<style");
  });
});
