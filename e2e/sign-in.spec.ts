import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../prisma/seed/demo-accounts";
import { expect, signInThroughForm, test } from "./fixtures";

const ROLE_NAMES = { CASEWORKER: "Caseworker", SUPERVISOR: "Supervisor", AUDITOR: "Auditor", ADMINISTRATOR: "Administrator" } as const;

for (const account of DEMO_ACCOUNTS.filter((a) => a.email.match(/^(admin|supervisor|caseworker|auditor)@/))) {
  test(`${account.role.toLowerCase()} signs in through the form and lands on a home page with real numbers`, async ({ page }) => {
    await signInThroughForm(page, account.email);
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByTestId("signed-in-as")).toContainText(ROLE_NAMES[account.role]);
    const firstFigure = page.locator("[data-testid^=figure-] dd").first();
    await expect(firstFigure).toHaveText(/^[\d\s,.\u00a0]+$/);
    if (account.role !== "ADMINISTRATOR") {
      // The demo data give every case-reading role open cases to look after.
      await expect(page.getByTestId("figure-openCases").locator("dd")).not.toHaveText("0");
    }
  });
}

test("a wrong password shows the generic sign-in error and stays on the sign-in page", async ({ page }) => {
  await signInThroughForm(page, "caseworker@example.org", "not-the-password-at-all");
  await expect(page.getByRole("alert").filter({ hasText: "Sign-in failed" })).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});

for (const [label, callback] of [
  ["hides another host behind a tab", "/%09/evil.example/signed-in"],
  ["hides another host behind a line feed", "/%0A/evil.example/signed-in"],
  ["names another origin", "https://evil.example/signed-in"],
]) {
  test(`a sign-in callback that ${label} leaves the user on this site`, async ({ page, baseURL }) => {
    await page.goto(`/login?callbackUrl=${callback}`);
    await page.locator("form[data-ready=true]").waitFor();
    await page.getByLabel("E-mail").fill("auditor@example.org");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("signed-in-as")).toBeVisible();
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
    expect(new URL(page.url()).pathname).toBe("/");
  });
}

test("a sign-in callback that is not a URL at all shows the sign-in page, not an error", async ({ page }) => {
  const response = await page.goto("/login?callbackUrl=http://[::1");
  expect(response?.status()).toBe(200);
  await expect(page.locator("form[data-ready=true]")).toBeVisible();
});

test("an unknown account gets the same message as a wrong password", async ({ page }) => {
  await signInThroughForm(page, "nobody-here@example.org", "whatever-password-123");
  await expect(page.getByRole("alert").filter({ hasText: "Sign-in failed" })).toBeVisible();
});

test("a signed-out session cookie replayed later lands on the sign-in page", async ({ page, otherPage }) => {
  await signInThroughForm(page, "auditor@example.org");
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
  const oldCookies = await page.context().cookies();
  expect(oldCookies.some((c) => c.name === "zhusan.session")).toBe(true);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);

  const replayPage = await otherPage();
  await replayPage.context().addCookies(oldCookies);
  await replayPage.goto("/");
  await expect(replayPage).toHaveURL(/\/login/);
  await expect(replayPage.getByRole("heading", { name: "Sign in" })).toBeVisible();
});

test("a page asked for without signing in redirects to the sign-in page", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
});

test("an empty sign-in form is answered in the page, never sent to the server", async ({ page }) => {
  const sent: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/api/auth/callback")) sent.push(request.url());
  });
  await page.goto("/login");
  await expect(page.locator("form[data-ready=true]")).toBeVisible();
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Enter your e-mail address and password." })).toBeVisible();
  await expect(page.getByLabel("E-mail")).toBeFocused();
  await page.getByLabel("E-mail").fill("caseworker@example.org");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByLabel("Password")).toBeFocused();
  expect(sent).toEqual([]);
});

test("the site icon is served, so no page asks for a missing file", async ({ request }) => {
  const response = await request.get("/favicon.ico");
  expect(response.status()).toBe(200);
});
