// Signing in and out in Debian Chromium against the production build: the cookie
// the browser actually keeps, server-side sign-out, cross-site posts, headers and throttling.
import { test, expect, screenshot } from "./fixtures";
import { ACCOUNTS, E2E_PASSWORD, signIn } from "./accounts";

test("the footer offers staff sign-in only to people who are not signed in", async ({ page }) => {
  const footerSignIn = page.locator("footer").getByRole("link", { name: "Staff sign in" });
  await page.goto("/districts");
  await expect(footerSignIn).toBeVisible();
  await signIn(page, ACCOUNTS.partner);
  for (const path of ["/districts", "/staff", "/wards/E05015608"]) {
    await page.goto(path);
    await expect(page.getByTestId("signed-in")).toBeVisible();
    await expect(footerSignIn).toHaveCount(0);
  }
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByText("Signed in as")).toHaveCount(0);
  await expect(footerSignIn).toBeVisible();
});

test("the footer offers staff sign-in; signing in gives a __Host- cookie Chromium keeps as Secure, HttpOnly and SameSite=Lax", async ({ page, context }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Staff sign in" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await screenshot(page, "staff-login");
  await signIn(page, ACCOUNTS.editorA);
  await expect(page).toHaveURL(/\/staff$/);
  await expect(page.getByTestId("signed-in")).toContainText("Signed in as Erin Editor");
  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name === "__Host-kent_session");
  // Chromium treats http://localhost as a secure context, so it accepts and sends the Secure, __Host- cookie.
  expect(session).toMatchObject({ name: "__Host-kent_session", secure: true, httpOnly: true, sameSite: "Lax", path: "/", domain: "localhost" });
  expect(cookies.filter((c) => c.name.includes("session"))).toHaveLength(1);
  // The device cookie that lets this browser past a lock on the account is as well guarded.
  expect(cookies.find((c) => c.name === "__Host-kent_device")).toMatchObject({ secure: true, httpOnly: true, sameSite: "Lax", path: "/" });
});

test("a wrong password gets one message that does not say whether the account exists, and keeps the email typed", async ({ page }) => {
  for (const email of [ACCOUNTS.partner.email, "nobody@kent.police.uk"]) {
    await page.goto("/login");
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password").fill("not the password at all");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("error-summary")).toContainText("Enter a correct email address and password");
    await expect(page.getByLabel("Email address")).toHaveValue(email);
    await expect(page.getByLabel("Password")).toHaveValue("");
    await expect(page).toHaveTitle(/^Error: /);
  }
  await screenshot(page, "staff-login-error");
});

test("signing out ends the session on the server: a copied cookie no longer works", async ({ page, browser }) => {
  await signIn(page, ACCOUNTS.partner);
  const copied = (await page.context().cookies()).find((c) => c.name === "__Host-kent_session")!;
  await page.getByRole("button", { name: "Sign out" }).click();
  // The footer links to sign-in on every page, so wait for the header to stop naming anyone.
  await expect(page.getByText("Signed in as")).toHaveCount(0);
  expect((await page.context().cookies()).find((c) => c.name === "__Host-kent_session")).toBeUndefined();
  const thief = await browser.newContext();
  await thief.addCookies([copied]);
  const stolen = await thief.newPage();
  await stolen.goto("/staff");
  await expect(stolen).toHaveURL(/\/login\?redirectTo=%2Fstaff/);
  await thief.close();
});

test("signing out is a POST: following a GET link to /logout changes nothing", async ({ page }) => {
  await signIn(page, ACCOUNTS.partner);
  await page.goto("/logout");
  await page.goto("/staff");
  await expect(page.getByRole("heading", { name: "Staff dashboard" })).toBeVisible();
});

test("a form posted from another site is refused, even with a valid session", async ({ page }) => {
  await signIn(page, ACCOUNTS.admin);
  const response = await page.request.post("/admin/users/new", {
    headers: { Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded" },
    data: "name=Mallory&email=mallory%40evil.example&role=admin&teamId=&organisation=",
  });
  expect(response.status()).toBe(403);
  await page.goto("/admin/users");
  await expect(page.getByTestId("accounts")).not.toContainText("Mallory");
});

test("every kind of response carries the security headers: page, redirect, resource route, static file, error", async ({ request }) => {
  // A static file: a script module the page loads (the stylesheets are written into the page).
  // Taken from the page as sent: once hydrated, Remix drops its preload links from the document.
  const html = await (await request.get("/")).text();
  const asset = html.match(/<link rel="modulepreload" href="(\/build\/[^"]+\.js)"/)?.[1];
  expect(asset, "the home page preloads its script modules").toBeTruthy();
  const paths = ["/", "/staff", "/api/lookup?postcode=ME15%209BZ", "/api/lookup", asset!, "/no-such-page", "/wards/e05015608", "/logout"];
  for (const path of paths) {
    const response = await request.get(path, { maxRedirects: 0 });
    const headers = response.headers();
    expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    expect(headers["strict-transport-security"], path).toMatch(/max-age=\d+/);
  }
  const refused = await request.post("/logout", { headers: { Origin: "https://evil.example" }, maxRedirects: 0 });
  expect(refused.status()).toBe(403);
  expect(refused.headers()["content-security-policy"]).toContain("default-src 'self'");
});

test("five wrong passwords from one browser lock the account there for a minute, but the owner's own browser still gets in", async ({ page, browser }) => {
  // The owner has signed in on this browser before, so it holds the account's device cookie.
  const owner = await browser.newContext();
  const ownerPage = await owner.newPage();
  await signIn(ownerPage, ACCOUNTS.throttled);
  await ownerPage.getByRole("button", { name: "Sign out" }).click();
  await expect(ownerPage.getByText("Signed in as")).toHaveCount(0);

  for (let i = 0; i < 5; i++) {
    await page.goto("/login");
    await page.getByLabel("Email address").fill(ACCOUNTS.throttled.email);
    await page.getByLabel("Password").fill(`wrong password ${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("error-summary")).toContainText("Enter a correct email address and password");
  }
  await page.getByLabel("Password").fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("error-summary")).toContainText("You have tried to sign in too many times. Wait 1 minute, then try again, or sign in on a device you have signed in on before");
  await expect(page).toHaveURL(/\/login/);

  await signIn(ownerPage, ACCOUNTS.throttled);
  await expect(ownerPage.getByTestId("signed-in")).toContainText("Signed in as Tess Throttle");
  await owner.close();
});
