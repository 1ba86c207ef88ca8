import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./fixtures";
import { ACCOUNTS, signIn, WARD_A2 } from "./accounts";

// WCAG 2.2 AA as checked by axe, on the staff pages and their error states.
const axe = async (page: import("@playwright/test").Page) => {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
};

test("sign-in, with and without errors, has no axe violations", async ({ page }) => {
  await page.goto("/login");
  expect(await axe(page)).toEqual([]);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("error-summary")).toBeVisible();
  expect(await axe(page)).toEqual([]);
});

test("the staff pages an administrator sees have no axe violations", async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, ACCOUNTS.admin);
  const paths = ["/staff", `/staff/wards/${WARD_A2.code}`, `/staff/wards/${WARD_A2.code}/pact`, "/admin/users", "/admin/users/new", "/admin/teams", "/admin/audit", "/admin/mail"];
  for (const path of paths) {
    await page.goto(path);
    expect(await axe(page), path).toEqual([]);
  }
  // Forms in their error state, and the update, close and team pages reached from them.
  await page.goto(`/staff/wards/${WARD_A2.code}/pact`);
  await page.getByRole("button", { name: "Save and publish" }).click();
  await expect(page.getByTestId("error-summary")).toBeVisible();
  expect(await axe(page), "PACT form with errors").toEqual([]);
  await page.goto(`/staff/wards/${WARD_A2.code}`);
  await page.getByTestId("staff-priority").first().getByRole("link", { name: /Close with an outcome/ }).click();
  expect(await axe(page), "close form").toEqual([]);
  await page.goto(`/staff/wards/${WARD_A2.code}`);
  await page.getByTestId("staff-priority").first().getByRole("link", { name: /Correct the wording/ }).click();
  expect(await axe(page), "edit priority").toEqual([]);
  await page.goto("/admin/teams");
  await page.getByRole("link", { name: /Maidstone Central/ }).click();
  expect(await axe(page), "team admin").toEqual([]);
  await page.getByRole("link", { name: "Team's staff page" }).click();
  expect(await axe(page), "team staff page").toEqual([]);
  await page.getByRole("link", { name: "Add a surgery or meeting" }).click();
  expect(await axe(page), "event form").toEqual([]);
});
