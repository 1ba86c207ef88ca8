import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { contentSecurityPolicy, inlineScriptHashes } from "~/lib/security-headers";

const sha = (text: string) => `sha256-${createHash("sha256").update(text, "utf8").digest("base64")}`;

describe("Content-Security-Policy", () => {
  it("lets scripts run from this origin only, without 'unsafe-inline'", () => {
    const policy = contentSecurityPolicy({ production: true });
    expect(policy).toContain("script-src 'self';");
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(policy).not.toContain("ws://");
  });

  it("names the hash of each inline script of a document, and not of scripts loaded from files", () => {
    const context = 'window.__remixContext = {"state":{"loaderData":{"x":"caf\u00e9 \\u003c/script>"}}};';
    const html = `<!DOCTYPE html><html><head><script type="module" src="/build/a.js"></script></head><body><script>${context}</script><script type="module" async="">import "/build/b.js";</script><script>${context}</script></body></html>`;
    const hashes = inlineScriptHashes(html);
    expect(hashes).toEqual([sha(context), sha('import "/build/b.js";')]);
    const policy = contentSecurityPolicy({ production: true, scriptHashes: hashes });
    expect(policy).toContain(`script-src 'self' '${sha(context)}' '${sha('import "/build/b.js";')}';`);
  });
});
