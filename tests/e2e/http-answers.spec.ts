// Requests that used to get a 500 get the answer a person (or a client) can act on.
import Database from "better-sqlite3";
import { test, expect } from "./fixtures";
import { ACCOUNTS, WARD_A, signIn } from "./accounts";

const PORT = Number(process.env.E2E_PORT ?? 3210);

function ids() {
  const db = new Database(`db/e2e-${PORT}.sqlite`, { readonly: true });
  try {
    const team = db.prepare("SELECT id FROM teams WHERE slug = 'maidstone-central'").get() as { id: number };
    const user = db.prepare("SELECT id FROM users WHERE email = ?").get(ACCOUNTS.partner.email) as { id: string };
    const officer = db.prepare("SELECT id FROM officers WHERE team_id = ? ORDER BY id LIMIT 1").get(team.id) as { id: number };
    const missingTeam = (db.prepare("SELECT max(id) + 1000 AS id FROM teams").get() as { id: number }).id;
    return { team: team.id, user: user.id, officer: officer.id, missingTeam };
  } finally {
    db.close();
  }
}

test("?done= with an inherited name (__proto__, constructor) shows the page without a banner, on all four pages that take it", async ({ page }) => {
  await signIn(page, ACCOUNTS.admin);
  const { team, user } = ids();
  for (const path of [`/staff/wards/${WARD_A.code}`, `/staff/teams/${team}`, `/admin/teams/${team}`, `/admin/users/${user}`]) {
    for (const done of ["__proto__", "constructor", "toString"]) {
      const response = await page.goto(`${path}?done=${done}`);
      expect(response?.status(), `${path}?done=${done}`).toBe(200);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expect(page.getByTestId("notification")).toHaveCount(0);
    }
  }
});

test("PUT, PATCH and DELETE on form addresses get 405 with the methods allowed; moving an officer to a team that does not exist is a form error", async ({ page }) => {
  await signIn(page, ACCOUNTS.admin);
  const { officer, missingTeam } = ids();
  for (const path of ["/login", "/logout", "/admin/users/new", `/staff/wards/${WARD_A.code}/pact`, `/staff/officers/${officer}/edit`]) {
    for (const method of ["PUT", "PATCH", "DELETE"]) {
      const response = await page.request.fetch(path, { method, headers: { Origin: `http://localhost:${PORT}` }, maxRedirects: 0 });
      expect(response.status(), `${method} ${path}`).toBe(405);
      expect(response.headers()["allow"]).toBe("GET, HEAD, POST");
    }
  }
  const move = await page.request.post(`/staff/officers/${officer}/edit`, {
    headers: { Origin: `http://localhost:${PORT}` },
    form: { _intent: "move", teamId: String(missingTeam) },
    maxRedirects: 0,
  });
  expect(move.status()).toBe(400);
  expect(await move.text()).toContain("Choose a team from the list");
});

test("/healthz says the process is alive and /readyz that the database is readable and migrated", async ({ request }) => {
  const health = await request.get("/healthz");
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ status: "ok" });
  const ready = await request.get("/readyz");
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toEqual({ status: "ok" });
  expect(ready.headers()["cache-control"]).toBe("no-store");
});
