import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// Debian's Chromium by default; CHROMIUM_PATH for another build, or unset on a machine with a
// Playwright-managed browser (then Playwright's own lookup applies).
const DEBIAN_CHROMIUM = "/usr/bin/chromium";
const executablePath = process.env.CHROMIUM_PATH || (existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined);

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: [["list"]],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath,
      // Without the networking flags Chromium keeps reaching for hosts this closed network refuses.
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
      ],
    },
  },
  // The entry-point matrix runs alone first: it compares whole tables before and after each call,
  // which other specs writing at the same time would disturb.
  projects: [
    { name: "entry-points", testMatch: /entry-points\.spec\.ts/ },
    { name: "chromium", use: { ...devices["Desktop Chrome"] }, testIgnore: /entry-points\.spec\.ts/, dependencies: ["entry-points"] },
  ],
  // scripts/test.ts prepares a fresh, seeded database and the production build before this runs.
  webServer: {
    command: `node node_modules/next/dist/bin/next start --port ${port} --hostname 127.0.0.1`,
    url: `${baseURL}/login`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? "",
      NEXTAUTH_SECRET: process.env.E2E_NEXTAUTH_SECRET ?? "",
      NEXTAUTH_URL: baseURL,
    },
  },
});
