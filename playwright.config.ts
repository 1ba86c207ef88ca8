import { defineConfig, devices } from "@playwright/test";
import { ACCOUNTS, E2E_PASSWORD } from "./tests/e2e/accounts";

const PORT = Number(process.env.E2E_PORT ?? 3210);
const DB = `db/e2e-${PORT}.sqlite`;
// The server sends mail to an SMTP server the alerts spec runs in its own process.
const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? PORT + 1000);

// There are no default accounts: the test accounts are made the way a force makes its first administrator.
const createAccounts = Object.values(ACCOUNTS)
  .map((a) => {
    const extra = ("team" in a ? ` --team ${a.team}` : "") + ("organisation" in a ? ` --organisation '${a.organisation}'` : "") + ("districts" in a ? ` --districts ${a.districts}` : "");
    return `DATABASE_PATH=${DB} NEW_USER_PASSWORD='${E2E_PASSWORD}' npx tsx scripts/create-user.ts --email ${a.email} --name '${a.name}' --role ${a.role}${extra}`;
  })
  .join(" && ");

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  // CI is a busy two-core machine: a lazily loaded map can take more than expect's default
  // 5 s to draw there. Assertions wait for the state they check, up to these limits.
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    // A fresh database every run, from the real geography and the sample data, against the production build and server.
    command: `sh -c "rm -f ${DB} ${DB}-* && DATABASE_PATH=${DB} npx tsx scripts/setup.ts && ${createAccounts.replace(/"/g, '\\"')} && DATABASE_PATH=${DB} NODE_ENV=production PORT=${PORT} APP_ORIGIN=http://localhost:${PORT} SMTP_URL=smtp://127.0.0.1:${SMTP_PORT} node server.js"`,
    url: `http://localhost:${PORT}/`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
