import type { LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { loader as lookupApi } from "~/routes/api.lookup";
import { loader as search } from "~/routes/search";
import { loader as wardPage } from "~/routes/wards.$code";
import { loader as followPage } from "~/routes/wards.$code_.follow";
import { loader as sayPage } from "~/routes/wards.$code_.say";
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
    // A whole postcode typed into the ward, town or village box is taken as the postcode it is.
    for (const url of ["/search?postcode=me159bz", "/search?lat=51.24876&lng=0.5426", "/search?q=park%20wood", "/search?q=ME15%209BZ"]) {
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
    const typedAsName = await respond(search, "/search?q=sw1a%201aa");
    expect(typedAsName.status).toBe(404);
    expect(await typedAsName.json()).toMatchObject({ mode: "postcode", result: { status: "outside", postcode: "SW1A 1AA" } });
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

  it("does the same for the ward's follow and have-your-say pages", async () => {
    for (const [loader, page] of [[followPage, "follow"], [sayPage, "say"]] as const) {
      const lower = await respond(loader, `/wards/e05015608/${page}`, { code: "e05015608" });
      expect(lower.status, page).toBe(301);
      expect(lower.headers.get("Location")).toBe(`/wards/E05015608/${page}`);
      expect((await respond(loader, `/wards/E05015608/${page}`, { code: "E05015608" })).status).toBe(200);
      expect((await respond(loader, `/wards/E05999999/${page}`, { code: "E05999999" })).status).toBe(404);
    }
  });
});

describe("GET /api/lookup", () => {
  it("is open to other sites and cacheable when it finds a ward", async () => {
    const res = await respond(lookupApi, "/api/lookup?postcode=ME15%209BZ");
    expect(res.status).toBe(200);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(res.headers.get("Cache-Control")).toMatch(/public, max-age=\d+/);
    // No APP_ORIGIN here: the addresses are root-relative.
    expect(await res.json()).toMatchObject({ url: "/wards/E05015608", team: { url: expect.stringMatching(/^\/teams\/maidstone-/) } });
  });

  it("never puts the Host header a request names into its answer", async () => {
    const forged = await lookupApi({ request: new Request("http://evil.example/api/lookup?postcode=ME15%209BZ", { headers: { Host: "evil.example" } }), params: {}, context: {} });
    const text = await forged.text();
    expect(text).not.toContain("evil.example");
    expect(JSON.parse(text)).toMatchObject({ url: "/wards/E05015608" });
  });

  it("gives the same answer through server.js's handler as through the route", async () => {
    const { lookupApiHandler } = await import("~/lib/lookup-api.server");
    for (const url of ["/api/lookup?postcode=me15%209bz", "/api/lookup?lat=51.24876&lng=0.5426", "/api/lookup?postcode=SW1A%201AA", "/api/lookup"]) {
      const sent: { status?: number; headers?: Record<string, unknown>; body?: string } = {};
      const res = {
        writeHead: (status: number, headers: Record<string, unknown>) => Object.assign(sent, { status, headers }),
        end: (body: string) => Object.assign(sent, { body }),
      };
      lookupApiHandler({ url, method: "GET", headers: { host: "evil.example" } } as never, res as never);
      const viaRoute = await respond(lookupApi, url);
      expect(sent.status, url).toBe(viaRoute.status);
      expect(JSON.parse(sent.body!), url).toEqual(await viaRoute.json());
      expect(sent.headers!["Cache-Control"], url).toBe(viaRoute.headers.get("Cache-Control") ?? undefined);
    }
  });

  it("is answered at the front door from answers kept until the next write, for any spelling of the postcode", async () => {
    const { answerLookup, lookupKey } = await import("~/lib/lookup-api.server");
    const { getDb } = await import("~/lib/db.server");
    const ask = (url: string, method = "GET") => {
      const sent: { status?: number; headers?: Record<string, unknown>; body?: Buffer } = {};
      const res = {
        writeHead: (status: number, headers: Record<string, unknown>) => Object.assign(sent, { status, headers }),
        end: (body?: Buffer) => Object.assign(sent, { body }),
      };
      const answered = answerLookup({ url, method, headers: {} } as never, res as never);
      return { answered, ...sent, json: sent.body ? JSON.parse(sent.body.toString()) : undefined };
    };
    expect(lookupKey(new URLSearchParams("postcode=me159bz"))).toBe(lookupKey(new URLSearchParams("postcode=%20ME15%20%209BZ")));
    expect(lookupKey(new URLSearchParams("postcode=SW1A"))).toBeNull();

    const first = ask("/api/lookup?postcode=me159bz");
    expect(first).toMatchObject({ answered: true, status: 200, json: { ward: { code: "E05015608" } } });
    expect(first.headers!["Content-Length"]).toBe(first.body!.length);
    const team = first.json.team.name as string;
    expect(ask("/api/lookup?postcode=ME15%209BZ").json).toEqual(first.json);

    // A rename is in the very next answer, whichever spelling asks.
    const db = getDb().$client;
    const slug = first.json.team.url.split("/").pop();
    db.prepare("UPDATE teams SET name = ? WHERE slug = ?").run(`${team} (renamed)`, slug);
    try {
      expect(ask("/api/lookup?postcode=me159bz").json.team.name).toBe(`${team} (renamed)`);
      expect(ask("/api/lookup?postcode=ME15%209BZ").json.team.name).toBe(`${team} (renamed)`);
    } finally {
      db.prepare("UPDATE teams SET name = ? WHERE slug = ?").run(team, slug);
    }
    expect(ask("/api/lookup?postcode=me159bz").json.team.name).toBe(team);

    const head = ask("/api/lookup?postcode=me159bz", "HEAD");
    expect(head).toMatchObject({ answered: true, status: 200, body: undefined });
    expect(ask("/api/lookup?postcode=").status).toBe(400);
    // Other methods and addresses are Express's (405, or the route).
    expect(ask("/api/lookup?postcode=me159bz", "PUT").answered).toBe(false);
    expect(ask("/api/lookup/?postcode=me159bz").answered).toBe(false);
    expect(ask("/api/lookupx?postcode=me159bz").answered).toBe(false);
  });

  it("explains what it needs when given nothing", async () => {
    const res = await respond(lookupApi, "/api/lookup");
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/Give a postcode/);
  });
});
