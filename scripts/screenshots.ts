/**
 * `npm run screenshots`: refreshes the README's pictures from a running app
 * (`npm start` in another terminal, or SCREENSHOT_BASE_URL for another address).
 */
import { mkdirSync } from "node:fs";
import { chromium, type Page } from "@playwright/test";
import config from "../playwright.config";
import { DEMO_PASSWORD } from "../prisma/seed/demo-accounts";

const baseURL = process.env.SCREENSHOT_BASE_URL ?? "http://localhost:3000";
const OUT = "docs/screenshots";

type Shot = { file: string; email: string | null; visit: (page: Page) => Promise<void> };

const SHOTS: Shot[] = [
  { file: "sign-in.png", email: null, visit: async (page) => void (await page.goto("/login")) },
  { file: "home-caseworker.png", email: "caseworker@example.org", visit: async (page) => void (await page.goto("/")) },
  { file: "home-supervisor.png", email: "supervisor@example.org", visit: async (page) => void (await page.goto("/")) },
  { file: "registry-auditor.png", email: "auditor@example.org", visit: async (page) => void (await page.goto("/cases")) },
  {
    file: "case-caseworker.png",
    email: "caseworker@example.org",
    visit: async (page) => {
      await page.goto("/cases");
      await page.locator("tbody a").first().click();
      await page.getByTestId("case-history").waitFor();
    },
  },
  { file: "review-supervisor.png", email: "supervisor@example.org", visit: async (page) => void (await page.goto("/review")) },
  { file: "tasks-caseworker.png", email: "caseworker@example.org", visit: async (page) => void (await page.goto("/tasks")) },
  { file: "import-supervisor.png", email: "supervisor@example.org", visit: async (page) => void (await page.goto("/import")) },
  { file: "dashboard-auditor.png", email: "auditor@example.org", visit: async (page) => void (await page.goto("/dashboard")) },
  {
    file: "audit-auditor.png",
    email: "auditor@example.org",
    visit: async (page) => {
      await page.goto("/audit");
      await page.getByTestId("audit-event").first().locator("summary").click();
    },
  },
  {
    file: "export-auditor.png",
    email: "auditor@example.org",
    visit: async (page) => {
      await page.goto("/cases");
      await page.locator("tbody a").first().click();
      // Opened once the page has settled: a toggle before hydration is undone by it.
      await page.waitForLoadState("networkidle");
      const dialog = page.getByTestId("export-dialog");
      await dialog.locator("summary").click();
      await dialog.getByRole("button", { name: "Export" }).scrollIntoViewIfNeeded();
    },
  },
  { file: "admin-users.png", email: "admin@example.org", visit: async (page) => void (await page.goto("/admin")) },
  { file: "admin-task-rules.png", email: "admin@example.org", visit: async (page) => void (await page.goto("/admin/tasks")) },
  {
    file: "admin-account.png",
    email: "admin@example.org",
    visit: async (page) => {
      await page.goto("/admin");
      await page.getByTestId("users-table").getByRole("link", { name: "Dana Seitkali" }).click();
      await page.getByTestId("account-state").waitFor();
    },
  },
];

async function main() {
  mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch(config.use?.launchOptions);
  try {
    for (const shot of SHOTS) {
      const page = await browser.newPage({ baseURL, viewport: { width: 1280, height: 800 } });
      if (shot.email) {
        await page.goto("/login");
        await page.locator("form[data-ready=true]").waitFor();
        await page.getByLabel("E-mail").fill(shot.email);
        await page.getByLabel("Password").fill(DEMO_PASSWORD);
        await page.getByRole("button", { name: "Sign in" }).click();
        await page.getByTestId("signed-in-as").waitFor();
      }
      await shot.visit(page);
      await page.screenshot({
        path: `${OUT}/${shot.file}`,
        fullPage: !["case-caseworker.png", "export-auditor.png", "review-supervisor.png"].includes(shot.file),
      });
      console.log(`wrote ${OUT}/${shot.file}`);
      await page.close();
    }
  } finally {
    await browser.close();
  }
}

await main();
