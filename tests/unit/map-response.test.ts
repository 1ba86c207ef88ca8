// Boundary files: compressed once, validated by ETag, cached for a year only at
// the versioned address.
import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { chooseEncoding, prepareBody, serveBody } from "~/lib/map/response.server";
import { getBoundaryLayers } from "~/models/boundaries.server";
import { loader as districtsLoader } from "~/routes/api.districts[.]geojson";
import { loader as wardLoader } from "~/routes/api.wards.$file";
import { loader as wardsLoader } from "~/routes/api.wards[.]geojson";
import { dbWithSampleData } from "./helpers/db";

const get = (path: string, headers: Record<string, string> = {}) => new Request(`http://localhost${path}`, { headers });
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });
const json = async (res: Response) => JSON.parse(gunzipSync(Buffer.from(await res.arrayBuffer())).toString("utf8"));

async function thrown(run: () => Promise<unknown>): Promise<Response> {
  try {
    await run();
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
  throw new Error("expected a thrown response");
}

describe("serveBody", () => {
  const body = prepareBody('{"type":"FeatureCollection","features":[]}'.repeat(50));

  it("picks brotli, then gzip, then no encoding, from what the browser accepts", () => {
    expect(chooseEncoding("gzip, deflate, br")).toBe("br");
    expect(chooseEncoding("gzip, br;q=0")).toBe("gzip");
    expect(chooseEncoding("identity")).toBe("identity");
    expect(chooseEncoding(null)).toBe("identity");
  });

  it("sends the compressed bytes with a strong ETag that differs per encoding", () => {
    const gz = serveBody(get("/x", { "accept-encoding": "gzip" }), body, { current: true });
    const plain = serveBody(get("/x"), body, { current: true });
    expect(gz.headers.get("content-encoding")).toBe("gzip");
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(gz.headers.get("etag")).toMatch(/^"[^"]+"$/);
    expect(gz.headers.get("etag")).not.toBe(plain.headers.get("etag"));
    expect(Number(gz.headers.get("content-length"))).toBeLessThan(Number(plain.headers.get("content-length")));
    expect(gz.headers.get("vary")).toBe("Accept-Encoding");
  });

  it("answers a repeat request with 304 and no body", async () => {
    const first = serveBody(get("/x", { "accept-encoding": "gzip" }), body, { current: true });
    const again = serveBody(get("/x", { "accept-encoding": "gzip", "if-none-match": first.headers.get("etag")! }), body, { current: true });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    const weak = serveBody(get("/x", { "if-none-match": `W/${first.headers.get("etag")}` }), body, { current: true });
    expect(weak.status).toBe(304);
    const stale = serveBody(get("/x", { "if-none-match": '"something-else"' }), body, { current: true });
    expect(stale.status).toBe(200);
  });

  it("caches for a year only when the address names the current version", () => {
    expect(serveBody(get("/x"), body, { current: true }).headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(serveBody(get("/x"), body, { current: false }).headers.get("cache-control")).toBe("public, no-cache");
  });
});

describe("boundary endpoints", () => {
  let version: string;
  beforeAll(() => {
    dbWithSampleData();
    version = getBoundaryLayers().version;
  });

  it("serve all 279 wards and 13 districts as GeoJSON, cached for a year at the versioned address", async () => {
    const wards = await wardsLoader(args(get(`/api/wards.geojson?v=${version}`, { "accept-encoding": "gzip" })));
    expect(wards.headers.get("content-type")).toMatch(/^application\/geo\+json/);
    expect(wards.headers.get("cache-control")).toContain("immutable");
    expect((await json(wards)).features).toHaveLength(279);
    const districts = await districtsLoader(args(get(`/api/districts.geojson?v=${version}`, { "accept-encoding": "gzip" })));
    expect((await json(districts)).features).toHaveLength(13);
  });

  it("make an unversioned or out-of-date address revalidate instead", async () => {
    expect((await wardsLoader(args(get("/api/wards.geojson")))).headers.get("cache-control")).toBe("public, no-cache");
    expect((await wardsLoader(args(get("/api/wards.geojson?v=WD19.1")))).headers.get("cache-control")).toBe("public, no-cache");
  });

  it("answer If-None-Match with 304", async () => {
    const first = await wardsLoader(args(get(`/api/wards.geojson?v=${version}`, { "accept-encoding": "gzip" })));
    const again = await wardsLoader(args(get(`/api/wards.geojson?v=${version}`, { "accept-encoding": "gzip", "if-none-match": first.headers.get("etag")! })));
    expect(again.status).toBe(304);
  });

  it("serve one ward, or the ward followed by its neighbours", async () => {
    const one = await json(await wardLoader(args(get(`/api/wards/E05015608.geojson?v=${version}`, { "accept-encoding": "gzip" }), { file: "E05015608.geojson" })));
    expect(one.features.map((f: { properties: { code: string; role: string } }) => [f.properties.code, f.properties.role])).toEqual([["E05015608", "ward"]]);
    const withNeighbours = await json(
      await wardLoader(args(get(`/api/wards/E05015608.geojson?v=${version}&neighbours=1`, { "accept-encoding": "gzip" }), { file: "E05015608.geojson" })),
    );
    const roles = withNeighbours.features.map((f: { properties: { role: string } }) => f.properties.role);
    expect(roles[0]).toBe("ward");
    expect(roles.slice(1).length).toBeGreaterThanOrEqual(4);
    expect(new Set(roles.slice(1))).toEqual(new Set(["neighbour"]));
  });

  it("refuse anything that is not a Kent ward's file", async () => {
    for (const file of ["E05015608.json", "E05015608", "E07000110.geojson", "nonsense.geojson", "E05999999.geojson"]) {
      const res = await thrown(() => wardLoader(args(get(`/api/wards/${file}`), { file })));
      expect(res.status, file).toBe(404);
    }
    const lower = await thrown(() => wardLoader(args(get(`/api/wards/e05015608.geojson?v=${version}`), { file: "e05015608.geojson" })));
    expect(lower.status).toBe(301);
    expect(lower.headers.get("location")).toBe(`/api/wards/E05015608.geojson?v=${version}`);
  });
});
