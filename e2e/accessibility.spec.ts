import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test, type DemoRole } from "./fixtures";

/** WCAG 2.2 A and AA, which include target size and nested interactive controls. */
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

async function expectNoSeriousViolations(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator("main, form").first()).toBeVisible();
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    serious.map(
      (v) =>
        `${path}: ${v.id} (${v.impact}) at ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(" "))
          .join(", ")}`,
    ),
  ).toEqual([]);
}

/** A case page the role may open: the first one its registry lists. */
async function firstCasePath(page: Page): Promise<string> {
  await page.goto("/cases");
  return (await page.getByTestId("registry-table").getByRole("link").first().getAttribute("href")) ?? "/cases";
}

const PAGES: Record<DemoRole, string[]> = {
  CASEWORKER: ["/", "/cases", "/cases/new", "/review", "/dashboard", "/audit", "/account/password", "/account/security"],
  SUPERVISOR: ["/", "/cases", "/review", "/dashboard", "/import", "/audit"],
  AUDITOR: ["/", "/cases", "/review", "/dashboard", "/audit"],
  ADMINISTRATOR: [
    "/",
    "/admin",
    "/admin/regions",
    "/admin/programs",
    "/admin/reference",
    "/admin/review",
    "/admin/tasks",
    "/admin/security",
    "/audit",
  ],
};

test("the sign-in page has no serious or critical accessibility violation", async ({ page }) => {
  await expectNoSeriousViolations(page, "/login");
});

for (const role of Object.keys(PAGES) as DemoRole[]) {
  test(`every page of the ${role.toLowerCase()} has no serious or critical accessibility violation`, async ({ signedInAs }) => {
    test.slow();
    const page = await signedInAs(role);
    const paths = [...(PAGES[role] ?? [])];
    if (role === "ADMINISTRATOR") {
      await page.goto("/admin");
      paths.push((await page.getByTestId("users-table").getByRole("link").first().getAttribute("href")) ?? "/admin");
    } else {
      paths.push(await firstCasePath(page));
    }
    for (const path of paths) await expectNoSeriousViolations(page, path);
  });
}
