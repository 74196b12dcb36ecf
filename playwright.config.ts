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
  // The fuzz layer runs last: the valid inputs among its generated ones write records no other
  // spec should meet.
  projects: [
    { name: "entry-points", testMatch: /entry-points\.spec\.ts/ },
    {
      name: "chromium",
      use: { ...devices["Desktop Chrome"] },
      testIgnore: /(entry-points|fuzz)\.spec\.ts/,
      dependencies: ["entry-points"],
    },
    { name: "fuzz", testMatch: /fuzz\.spec\.ts/, dependencies: ["chromium"], fullyParallel: false },
  ],
  // scripts/test.ts prepares a fresh, seeded database and the production build before this runs.
  // Two app servers from that one build on that one database, as behind a load balancer: every spec
  // talks to the first; e2e/two-servers.spec.ts also sends requests to the second, on the next port,
  // with the first's address as their one public origin (NEXTAUTH_URL), as a load balancer forwards them.
  webServer: [port, port + 1].map((serverPort) => ({
    command: `node --import tsx scripts/serve.ts --port ${serverPort} --hostname 127.0.0.1`,
    url: `http://127.0.0.1:${serverPort}/login`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore" as const,
    stderr: "pipe" as const,
    env: {
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? "",
      NEXTAUTH_SECRET: process.env.E2E_NEXTAUTH_SECRET ?? "",
      // E2E_NEXTAUTH_URL=unset serves as `npm start` does with none: at any address that reaches it.
      ...(process.env.E2E_NEXTAUTH_URL === "unset" ? {} : { NEXTAUTH_URL: baseURL }),
    },
  })),
});
