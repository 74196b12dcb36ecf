import {
  expect,
  request as playwrightRequest,
  test as base,
  type APIRequestContext,
  type BrowserContext,
  type Page,
} from "@playwright/test";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../prisma/seed/demo-accounts";

export type DemoRole = (typeof DEMO_ACCOUNTS)[number]["role"];

export function demoAccount(role: DemoRole) {
  const account = DEMO_ACCOUNTS.find((a) => a.role === role);
  if (!account) throw new Error(`no demo account for ${role}`);
  return account;
}

/** Signs in through the real form, as a person would. */
export async function signInThroughForm(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  // The form signs in through script; wait until it is live rather than race it.
  await page.locator("form[data-ready=true]").waitFor();
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** An HTTP client signed in through next-auth's own endpoints, for calling the app as a script would. */
export async function signedInContext(baseURL: string, email: string, password = DEMO_PASSWORD): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({ baseURL });
  const { csrfToken } = (await (await context.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await context.post("/api/auth/callback/credentials", { form: { csrfToken, email, password, json: "true" } });
  expect(response.ok(), `sign-in of ${email}`).toBe(true);
  expect(
    (await context.storageState()).cookies.some((c) => c.name === "zhusan.session"),
    `session cookie of ${email}`,
  ).toBe(true);
  return context;
}

type Fixtures = {
  /** A page already signed in as the role's demo account (through the same form, once per test). */
  signedInAs: (role: DemoRole) => Promise<Page>;
  /** A page in a browser context of its own: a second person, with their own cookies. Closed after the test. */
  otherPage: () => Promise<Page>;
};

export const test = base.extend<Fixtures>({
  signedInAs: async ({ page }, use) => {
    await use(async (role) => {
      await signInThroughForm(page, demoAccount(role).email);
      await expect(page.getByTestId("signed-in-as")).toBeVisible();
      return page;
    });
  },
  otherPage: async ({ browser, baseURL }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async () => {
      const context = await browser.newContext({ baseURL });
      contexts.push(context);
      return context.newPage();
    });
    await Promise.all(contexts.map((context) => context.close()));
  },
});

export { expect };
