// The server build's route matching is memoised by three small patches
// (patches/, docs/decisions/010-page-cache-and-csp.md). These check that what is
// kept never changes an answer: each caller gets its own matches, a tree changed
// in place is matched afresh, and only a tree that cannot change is converted once.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import type { AgnosticRouteObject as RouteObject } from "@remix-run/router";

// The files the server build loads (CommonJS), which are the ones patched.
const require = createRequire(import.meta.url);
const { matchRoutes } = require("@remix-run/router") as typeof import("@remix-run/router");
const { createStaticHandler, createStaticRouter } = require("react-router-dom/server") as typeof import("react-router-dom/server");

const tree = (): RouteObject[] => [
  {
    id: "root",
    path: "/",
    children: [
      { id: "home", index: true },
      { id: "ward", path: "wards/:code" },
      { id: "ward-follow", path: "wards/:code/follow" },
      { id: "district", path: "districts/:code" },
      { id: "staff", path: "staff", children: [{ id: "staff-month", path: "month/:month" }] },
    ],
  },
];

const ids = (matches: ReturnType<typeof matchRoutes>) => matches?.map((m) => m.route.id) ?? null;

describe("matching a pathname again", () => {
  it("gives the same answer as the first time, as the caller's own copy", () => {
    const routes = tree();
    const first = matchRoutes(routes, "/wards/E05015608")!;
    expect(ids(first)).toEqual(["root", "ward"]);
    expect(first[1]!.params).toEqual({ code: "E05015608" });
    // A caller that changes what it was given changes nothing for the next.
    (first[1]!.params as Record<string, string>).code = "changed";
    first.pop();
    const second = matchRoutes(routes, "/wards/E05015608")!;
    expect(ids(second)).toEqual(["root", "ward"]);
    expect(second[1]!.params).toEqual({ code: "E05015608" });
    expect(second[0]).not.toBe(first[0]);
    // As matchRoutes has always given: one params object shared by a result's matches.
    expect(second[0]!.params).toBe(second[1]!.params);
    expect(second[1]!.pathname).toBe("/wards/E05015608");
  });

  it("answers a route changed in place, added or removed as matching the tree afresh would", () => {
    const routes = tree();
    expect(ids(matchRoutes(routes, "/districts/E07000110"))).toEqual(["root", "district"]);
    routes[0]!.children![3]!.path = "areas/:code";
    expect(matchRoutes(routes, "/districts/E07000110")).toBeNull();
    expect(ids(matchRoutes(routes, "/areas/E07000110"))).toEqual(["root", "district"]);
    routes[0]!.children!.push({ id: "map", path: "map" });
    expect(ids(matchRoutes(routes, "/map"))).toEqual(["root", "map"]);
    routes[0]!.children!.pop();
    expect(matchRoutes(routes, "/map")).toBeNull();
  });

  it("stays right past the number of pathnames it keeps, and for pathnames too long to keep", () => {
    const routes = tree();
    for (let i = 0; i < 1200; i++) {
      const code = `E0${String(i).padStart(7, "0")}`;
      expect(matchRoutes(routes, `/wards/${code}`)![1]!.params.code).toBe(code);
    }
    const long = `/wards/${"x".repeat(2000)}`;
    expect(matchRoutes(routes, long)![1]!.params.code).toHaveLength(2000);
    expect(matchRoutes(routes, `${long}/follow`)![1]!.route.id).toBe("ward-follow");
    expect(matchRoutes(routes, "/wards/E05015608/unknown")).toBeNull();
  });
});

describe("the server router's data routes", () => {
  async function routerFor(routes: RouteObject[], path: string) {
    const context = await createStaticHandler(routes).query(new Request(`http://localhost${path}`));
    if (context instanceof Response) throw new Error("unexpected redirect");
    return createStaticRouter(routes, context);
  }

  const deepFreeze = (routes: RouteObject[]): RouteObject[] => {
    for (const route of routes) {
      if (route.children) deepFreeze(route.children);
      Object.freeze(route);
    }
    return Object.freeze(routes) as RouteObject[];
  };

  it("are converted once for a tree frozen all the way down, which cannot change", async () => {
    const routes = deepFreeze(tree());
    const a = await routerFor(routes, "/staff/month/2026-12");
    const b = await routerFor(routes, "/wards/E05015608");
    expect(b.routes).toBe(a.routes);
    expect(a.state.matches.map((m) => m.route.id)).toEqual(["root", "staff", "staff-month"]);
    expect(b.state.matches.map((m) => m.route.id)).toEqual(["root", "ward"]);
    // The matches are the router's own data routes, as before.
    expect(b.state.matches[1]!.route).toBe(b.routes[0]!.children![1]);
  });

  it("are converted afresh for a tree that could have changed since", async () => {
    const routes = tree();
    const a = await routerFor(routes, "/wards/E05015608");
    routes[0]!.children![1]!.handle = { changed: true };
    const b = await routerFor(routes, "/wards/E05015608");
    expect(b.routes).not.toBe(a.routes);
    expect(b.state.matches[1]!.route.handle).toEqual({ changed: true });
    // Frozen at the top but not below is not enough.
    const shallow = Object.freeze(tree()) as RouteObject[];
    expect((await routerFor(shallow, "/")).routes).not.toBe((await routerFor(shallow, "/")).routes);
  });
});
