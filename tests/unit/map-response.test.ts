// Boundary files: compressed once, validated by ETag, cached for a year only at
// the versioned address.
import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { chooseEncoding, prepareBody, serveBody } from "~/lib/map/response.server";
import { getBoundaryLayers } from "~/models/boundaries.server";
import { loader as districtLoader } from "~/routes/api.districts.$file";
import { loader as districtsLoader } from "~/routes/api.districts[.]geojson";
import { loader as wardLoader } from "~/routes/api.wards.$file";
import { loader as wardsLoader } from "~/routes/api.wards[.]geojson";
import { loader as previewLoader } from "~/routes/api.wards[.]svg";
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

  it("serve the same wards and districts lighter for the first view with &overview=1: a third of the bytes", async () => {
    const fine = await wardsLoader(args(get(`/api/wards.geojson?v=${version}`, { "accept-encoding": "gzip" })));
    const light = await wardsLoader(args(get(`/api/wards.geojson?v=${version}&overview=1`, { "accept-encoding": "gzip" })));
    expect(light.headers.get("cache-control")).toContain("immutable");
    expect(light.headers.get("etag")).not.toBe(fine.headers.get("etag"));
    expect(Number(light.headers.get("content-length"))).toBeLessThan(Number(fine.headers.get("content-length")) / 2);
    expect(Number(light.headers.get("content-length"))).toBeLessThanOrEqual(60 * 1024);
    const lightWards = (await json(light)).features as { properties: { code: string } }[];
    const fineWards = (await json(fine)).features as { properties: { code: string } }[];
    expect(lightWards.map((f) => f.properties.code)).toEqual(fineWards.map((f) => f.properties.code));
    const districts = await json(await districtsLoader(args(get(`/api/districts.geojson?v=${version}&overview=1`, { "accept-encoding": "gzip" }))));
    expect(districts.features).toHaveLength(13);
  });

  it("serve a district's wards followed by the wards around it, and nothing else", async () => {
    const swale = await json(await districtLoader(args(get(`/api/districts/E07000113.geojson?v=${version}`, { "accept-encoding": "gzip" }), { file: "E07000113.geojson" })));
    const features = swale.features as { properties: { code: string; role: string; districtCode: string } }[];
    const own = features.filter((f) => f.properties.role === "ward");
    expect(own).toHaveLength(24);
    expect(new Set(own.map((f) => f.properties.districtCode))).toEqual(new Set(["E07000113"]));
    const around = features.filter((f) => f.properties.role === "neighbour");
    expect(around.length).toBeGreaterThan(0);
    expect(around.every((f) => f.properties.districtCode !== "E07000113")).toBe(true);
    // Owned wards come first, so the map draws them over their neighbours' edges.
    expect(features.findIndex((f) => f.properties.role === "neighbour")).toBe(24);
    expect(features.length).toBeLessThan(60);
    for (const file of ["E05015608.geojson", "E07999999.geojson", "nonsense.geojson", "E07000113.json"]) {
      const res = await thrown(() => districtLoader(args(get(`/api/districts/${file}`), { file })));
      expect(res.status, file).toBe(404);
    }
    const lower = await thrown(() => districtLoader(args(get(`/api/districts/e07000113.geojson?v=${version}`), { file: "e07000113.geojson" })));
    expect(lower.headers.get("location")).toBe(`/api/districts/E07000113.geojson?v=${version}`);
  });

  it("serve a picture of the county map as SVG: district colours or plain, small, cached for a year", async () => {
    const district = await previewLoader(args(get(`/api/wards.svg?v=${version}&colour=district`, { "accept-encoding": "gzip" })));
    expect(district.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
    expect(district.headers.get("cache-control")).toContain("immutable");
    expect(Number(district.headers.get("content-length"))).toBeLessThanOrEqual(30 * 1024);
    const svg = gunzipSync(Buffer.from(await district.arrayBuffer())).toString("utf8");
    // One path per district colour, then the district borders' casing and line.
    expect(svg.match(/<path fill="#/g)).toHaveLength(13);
    expect(svg).not.toMatch(/<script|on\w+=/i);
    const plain = gunzipSync(Buffer.from(await (await previewLoader(args(get(`/api/wards.svg?v=${version}&colour=plain`, { "accept-encoding": "gzip" })))).arrayBuffer())).toString("utf8");
    expect(plain.match(/<path fill="#/g)).toHaveLength(1);
  });
});
