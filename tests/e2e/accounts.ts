// The staff accounts the e2e server is started with (playwright.config.ts creates
// them with scripts/create-user.ts), and signing in as one of them.
import type { Page } from "@playwright/test";

export const E2E_PASSWORD = "marmalade lighthouse oboe kettle";

export const ACCOUNTS = {
  admin: { email: "e2e.admin@kent.police.uk", name: "Alex Admin", role: "admin" },
  // Team A covers High Street and Tovil (Maidstone); team B covers Wincheap (Canterbury).
  editorA: { email: "e2e.editor.a@kent.police.uk", name: "Erin Editor", role: "editor", team: "maidstone-central" },
  editorB: { email: "e2e.editor.b@kent.police.uk", name: "Bo Other", role: "editor", team: "canterbury-south-west" },
  // Maidstone's council: its area is the Maidstone district (team A's wards, not Wincheap).
  partner: { email: "e2e.partner@maidstone.gov.uk", name: "Pat Partner", role: "partner", organisation: "Maidstone Borough Council", districts: "E07000110" },
  // Two editors of a ten-ward team, for the month page and shared drafts.
  monthA: { email: "e2e.month.a@kent.police.uk", name: "Morgan Month", role: "editor", team: "medway-central" },
  monthB: { email: "e2e.month.b@kent.police.uk", name: "Nico Next", role: "editor", team: "medway-central" },
  // Used only by the throttling test, which locks it (for browsers it has not signed in on) for a minute.
  throttled: { email: "e2e.throttle@kent.police.uk", name: "Tess Throttle", role: "editor", team: "maidstone-central" },
} as const;

// Not Park Wood & Mangravet: the resident tests expect its sample priorities unchanged.
export const WARD_A = { code: "E05015603", name: "High Street" };
export const WARD_A2 = { code: "E05015614", name: "Tovil" };
export const WARD_B = { code: "E05010411", name: "Wincheap" };

export async function signIn(page: Page, account: { email: string }, password = E2E_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email address").fill(account.email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname !== "/login");
}
