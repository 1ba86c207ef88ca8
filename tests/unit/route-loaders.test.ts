import type { LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { loader as lookupApi } from "~/routes/api.lookup";
import { loader as search } from "~/routes/search";
import { loader as wardPage } from "~/routes/wards.$code";
import { dbWithSampleData } from "./helpers/db";

beforeAll(() => {
  dbWithSampleData();
});

const args = (url: string, params: Record<string, string> = {}): LoaderFunctionArgs => ({
  request: new Request(`http://localhost${url}`),
  params,
  context: {},
});

/** Run a loader and return the Response it returned or threw. */
async function respond(loader: (a: LoaderFunctionArgs) => Promise<Response>, url: string, params?: Record<string, string>): Promise<Response> {
  try {
    return await loader(args(url, params));
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

describe("GET /search", () => {
  it("redirects a Kent postcode, a location and a unique ward name to the ward page", async () => {
    for (const url of ["/search?postcode=me159bz", "/search?lat=51.24876&lng=0.5426", "/search?q=park%20wood"]) {
      const res = await respond(search, url);
      expect(res.status, url).toBe(302);
      expect(res.headers.get("Location"), url).toBe("/wards/E05015608");
    }
  });

  it("answers 400 with the reason for empty and malformed postcodes, echoing at most 40 characters", async () => {
    const empty = await respond(search, "/search?postcode=");
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ mode: "postcode", result: { status: "empty" } });
    const long = await respond(search, `/search?postcode=${"<b>".repeat(3000)}`);
    expect(long.status).toBe(400);
    const body = await long.json();
    expect(body.result).toEqual({ status: "invalid" });
    expect(body.value).toHaveLength(40);
  });

  it("answers 404 for postcodes outside Kent or not in the data", async () => {
    expect(await (await respond(search, "/search?postcode=SW1A1AA")).json()).toMatchObject({ result: { status: "outside", postcode: "SW1A 1AA" } });
    expect(await (await respond(search, "/search?postcode=ME159ZZ")).json()).toMatchObject({ result: { status: "unknown", postcode: "ME15 9ZZ" } });
  });

  it("refuses an over-long ward name with the same plain message", async () => {
    const res = await respond(search, `/search?q=${"a".repeat(500)}`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: "Enter a ward, town or village name, like Park Wood", wards: [] });
  });
});

describe("GET /wards/:code", () => {
  it("loads the ward with three active priorities", async () => {
    const res = await respond(wardPage, "/wards/E05015608", { code: "E05015608" });
    const data = await res.json();
    expect(data.ward.name).toBe("Park Wood & Mangravet");
    expect(data.active).toHaveLength(3);
  });

  it("redirects lower case to the canonical code and 404s unknown or malformed codes", async () => {
    const lower = await respond(wardPage, "/wards/e05015608", { code: "e05015608" });
    expect(lower.status).toBe(301);
    expect(lower.headers.get("Location")).toBe("/wards/E05015608");
    expect((await respond(wardPage, "/wards/E05999999", { code: "E05999999" })).status).toBe(404);
    expect((await respond(wardPage, "/wards/x", { code: "<script>" })).status).toBe(404);
  });
});

describe("GET /api/lookup", () => {
  it("is open to other sites and cacheable when it finds a ward", async () => {
    const res = await respond(lookupApi, "/api/lookup?postcode=ME15%209BZ");
    expect(res.status).toBe(200);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(res.headers.get("Cache-Control")).toMatch(/max-age=\d+/);
    expect(await res.json()).toMatchObject({ url: "http://localhost/wards/E05015608", team: { url: expect.stringMatching(/^http:\/\/localhost\/teams\//) } });
  });

  it("explains what it needs when given nothing", async () => {
    const res = await respond(lookupApi, "/api/lookup");
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/Give a postcode/);
  });
});
