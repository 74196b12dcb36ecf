import { demoAccount, expect, signedInContext, test } from "./fixtures";

test("the language switch turns the signed-in UI into Russian and then Kazakh", async ({ signedInAs }) => {
  const page = await signedInAs("CASEWORKER");
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();

  await page.getByRole("button", { name: "Русский" }).click();
  await expect(page.getByRole("button", { name: "Выйти" })).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toContainText("Куратор дел");
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");

  await page.getByRole("button", { name: "Қазақша" }).click();
  await expect(page.getByRole("button", { name: "Шығу" })).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toContainText("Іс кураторы");
  await expect(page.locator("html")).toHaveAttribute("lang", "kk");

  // The choice holds across a reload.
  await page.reload();
  await expect(page.getByRole("link", { name: "Басты бет" }).first()).toBeVisible();

  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
});

test("the sign-in page can be read in Kazakh before signing in", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "Қазақша" }).click();
  await expect(page.getByRole("heading", { name: "Кіру" })).toBeVisible();
  await expect(page.getByLabel("Құпиясөз")).toBeVisible();
});

test("a form sent before the page's script has run still works: the language switch with scripts off", async ({ browser, baseURL }) => {
  // A slow connection can leave a button clicked before the page's script has loaded; the browser
  // then sends the form itself, which the server must accept as coming from its own pages.
  const api = await signedInContext(baseURL ?? "", demoAccount("CASEWORKER").email);
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false, storageState: await api.storageState() });
  try {
    const page = await context.newPage();
    await page.goto("/");
    await page.getByRole("button", { name: "Русский" }).click();
    await expect(page.getByRole("button", { name: "Выйти" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "ru");
  } finally {
    await context.close();
    await api.dispose();
  }
});
