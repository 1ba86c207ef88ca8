// Public pages come from server.js's response cache: these check, against the
// real server, that nobody is shown a page older than the last write, that
// signed-in staff and residents never get each other's pages, and that the
// cached pages' Content-Security-Policy lets their own scripts run.
import Database from "better-sqlite3";
import type { APIRequestContext, ConsoleMessage } from "@playwright/test";
import { ACCOUNTS, signIn } from "./accounts";
import { expect, test } from "./fixtures";

const PORT = Number(process.env.E2E_PORT ?? 3210);
const DB = `db/e2e-${PORT}.sqlite`;

/** A team no other spec looks at (in Dover district), one of its wards and a postcode there. */
function dover() {
  const db = new Database(DB, { readonly: true });
  try {
    const team = db.prepare("SELECT id, slug, name FROM teams WHERE district_code = 'E07000108' ORDER BY slug LIMIT 1").get() as { id: number; slug: string; name: string };
    const ward = db.prepare("SELECT ward_code AS code FROM team_wards WHERE team_id = ? ORDER BY ward_code LIMIT 1").get(team.id) as { code: string };
    const postcode = (db.prepare("SELECT postcode FROM postcodes WHERE ward_code = ? ORDER BY postcode LIMIT 1").get(ward.code) as { postcode: string }).postcode;
    return { team, ward, postcode };
  } finally {
    db.close();
  }
}

/** A write by another process, as the importers and the command-line scripts make. */
function renameTeamElsewhere(id: number, name: string) {
  const db = new Database(DB);
  try {
    db.prepare("UPDATE teams SET name = ? WHERE id = ?").run(name, id);
  } finally {
    db.close();
  }
}

/** Ask twice, so the page is in the cache: the second answer must come from it. */
async function warm(request: APIRequestContext, path: string) {
  await request.get(path);
  const again = await request.get(path);
  expect(again.status(), path).toBe(200);
  expect(again.headers()["x-cache"], path).toBe("hit");
}

test("the very next request after a publish shows it: ward page, team page, /map and the lookup, for a write by the server and by another process", async ({ page, request }) => {
  const { team, ward, postcode } = dover();
  const pages = [`/wards/${ward.code}`, `/teams/${team.slug}`, "/map"];
  const lookup = `/api/lookup?postcode=${encodeURIComponent(postcode)}`;
  const expectEverywhere = async (name: string) => {
    for (const path of pages) {
      const response = await request.get(path);
      expect(response.headers()["x-cache"], path).toBe("miss");
      expect(await response.text(), path).toContain(name);
    }
    expect((await (await request.get(lookup)).json()).team.name).toBe(name);
  };

  // A write made through the app, by an administrator renaming the team.
  for (const path of pages) await warm(request, path);
  await signIn(page, ACCOUNTS.admin);
  await page.goto(`/admin/teams/${team.id}`);
  await page.getByLabel("Name", { exact: true }).fill(`${team.name} (renamed here)`);
  await page.getByRole("button", { name: "Save details" }).click();
  await expect(page).toHaveURL(/done=team-edited/);
  await expectEverywhere(`${team.name} (renamed here)`);

  // A write made by another process, straight into the database.
  for (const path of pages) await warm(request, path);
  renameTeamElsewhere(team.id, `${team.name} (renamed elsewhere)`);
  await expectEverywhere(`${team.name} (renamed elsewhere)`);
  renameTeamElsewhere(team.id, team.name);
});

test("signed-in staff never get the cached resident page, and residents never get a signed-in page", async ({ page, request, browser }) => {
  const path = "/wards/E05015603";
  await warm(request, path);
  await signIn(page, ACCOUNTS.partner);
  const signedIn = await page.goto(path);
  expect(signedIn!.headers()["x-cache"]).toBeUndefined();
  expect(signedIn!.headers()["cache-control"]).toBe("private, no-store");
  await expect(page.getByText("Signed in as")).toContainText(ACCOUNTS.partner.name);

  // A page first asked for by a signed-in person leaves nothing behind for residents.
  await page.goto("/districts/E07000110");
  await expect(page.getByText("Signed in as")).toBeVisible();
  const resident = await browser.newContext();
  try {
    const residentPage = await resident.newPage();
    const response = await residentPage.goto("/districts/E07000110");
    expect(response!.headers()["x-cache"]).toBe("miss");
    await expect(residentPage.getByRole("heading", { level: 1 })).toContainText("Maidstone");
    await expect(residentPage.getByText("Signed in as")).toHaveCount(0);
    await expect(residentPage.getByText(ACCOUNTS.partner.name)).toHaveCount(0);
  } finally {
    await resident.close();
  }
});

test("pages answer conditional requests, and say how long a CDN may hold them", async ({ request }) => {
  const first = await request.get("/contact");
  const etag = first.headers()["etag"];
  expect(etag).toMatch(/^"[\w-]+"$/);
  expect(first.headers()["cache-control"]).toMatch(/^public, max-age=0, s-maxage=\d+, stale-while-revalidate=\d+$/);
  expect(first.headers()["vary"]).toMatch(/Accept-Encoding/);
  expect(first.headers()["vary"]).toMatch(/Cookie/);
  const notModified = await request.get("/contact", { headers: { "If-None-Match": etag! } });
  expect(notModified.status()).toBe(304);
  expect(notModified.headers()["content-security-policy"]).toBe(first.headers()["content-security-policy"]);
});

test("a forged Host header never reaches the lookup's answers", async ({ request, baseURL }) => {
  const forged = await request.get("/api/lookup?postcode=ME15%209BZ", { headers: { Host: "evil.example", "X-Forwarded-Host": "evil.example" } });
  const text = await forged.text();
  expect(text).not.toContain("evil.example");
  expect(JSON.parse(text).url).toBe(`${baseURL}/wards/E05015608`);
  const page = await request.get("/wards/E05015608", { headers: { Host: "evil.example" } });
  expect(await page.text()).not.toContain("evil.example");
});

test("cached pages run their own scripts under a CSP without 'unsafe-inline', with no violations", async ({ page, request }) => {
  const violations: string[] = [];
  page.on("console", (message: ConsoleMessage) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => console.error(`Refused to run: CSP violation of ${e.violatedDirective} by ${e.blockedURI}`));
  });
  for (const path of ["/wards/E05015608", "/"]) await warm(request, path);

  const ward = await page.goto("/wards/E05015608");
  expect(ward!.headers()["x-cache"]).toBe("hit");
  const policy = ward!.headers()["content-security-policy"]!;
  expect(policy).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+;/);
  expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
  // The map is drawn by leaflet, fetched by the hydrated page: scripts ran.
  await expect(page.locator(".leaflet-container")).toBeVisible();

  // A client-side navigation to another cached page, then a full load of it.
  await page.getByRole("link", { name: "Home" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Find your neighbourhood policing team");
  const home = await page.reload();
  expect(home!.headers()["x-cache"]).toBe("hit");
  await expect(page.getByRole("button", { name: /use my location/i })).toBeVisible();

  // Pages rendered for a signed-in person (never cached) carry their own hashes too: one policy, not two.
  await signIn(page, ACCOUNTS.partner);
  const signedIn = await page.goto("/wards/E05015608");
  expect(signedIn!.headers()["x-cache"]).toBeUndefined();
  const policies = (await signedIn!.headersArray()).filter((h) => h.name.toLowerCase() === "content-security-policy");
  expect(policies).toHaveLength(1);
  expect(policies[0]!.value).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+;/);
  await expect(page.locator(".leaflet-container")).toBeVisible();
  expect(violations).toEqual([]);
});

test("a page answered from memory ahead of Express carries exactly the headers of the render that filled it; HEAD, 304, forged Host and unknown methods", async ({ request }) => {
  const path = "/districts/E07000113";
  const headers = { "Accept-Encoding": "gzip" };
  const comparable = (all: { name: string; value: string }[]) =>
    all
      .map(({ name, value }) => [name.toLowerCase(), value] as const)
      .filter(([name]) => !["date", "x-request-id", "x-cache", "connection", "keep-alive", "transfer-encoding"].includes(name))
      .sort(([a], [b]) => a.localeCompare(b));
  let filled = await request.get(path, { headers });
  // Another spec's write may land between the two: fill again until the second is a hit.
  let hit = await request.get(path, { headers });
  for (let tries = 0; hit.headers()["x-cache"] !== "hit" && tries < 5; tries++) {
    filled = hit;
    hit = await request.get(path, { headers });
  }
  expect(filled.headers()["x-cache"]).toBe("miss");
  expect(hit.headers()["x-cache"]).toBe("hit");
  expect(comparable(hit.headersArray())).toEqual(comparable(filled.headersArray()));
  for (const name of ["content-security-policy", "strict-transport-security", "x-content-type-options", "x-frame-options", "referrer-policy", "permissions-policy"]) {
    expect(hit.headers()[name], name).toBeTruthy();
  }
  expect(hit.headers()["content-security-policy"]).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+;/);
  expect(hit.headers()["x-request-id"]).not.toBe(filled.headers()["x-request-id"]);

  const head = await request.head(path, { headers });
  expect(head.headers()["x-cache"]).toBe("hit");
  expect(head.headers()["etag"]).toBe(hit.headers()["etag"]);
  expect(await head.body()).toHaveLength(0);
  const notModified = await request.get(path, { headers: { ...headers, "If-None-Match": hit.headers()["etag"]! } });
  expect(notModified.status()).toBe(304);
  expect(notModified.headers()["strict-transport-security"]).toBe(hit.headers()["strict-transport-security"]);

  const forged = await request.get(path, { headers: { ...headers, Host: "evil.example" } });
  expect(forged.headers()["x-cache"]).toBe("hit");
  expect(await forged.text()).toBe(await hit.text());
  expect(await forged.text()).not.toContain("evil.example");

  for (const method of ["PUT", "DELETE", "PATCH"]) {
    const refused = await request.fetch(path, { method, headers });
    expect(refused.status(), method).toBe(405);
    expect(refused.headers()["x-cache"], method).toBeUndefined();
    expect(refused.headers()["x-content-type-options"], method).toBe("nosniff");
  }
});
