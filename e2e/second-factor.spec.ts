import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { createDb } from "../lib/db/client";
import { hashPassword } from "../lib/auth/password";
import { totpCode, totpStep } from "../lib/auth/totp";
import { expect, signInThroughForm, test } from "./fixtures";

const PASSWORD = "a passphrase for the second factor test";

/** An auditor of its own, so enrolling a second factor disturbs no demo account another spec signs in with. */
async function makeAccount(): Promise<string> {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error("E2E_DATABASE_URL is not set: run the browser tests through `npm test`");
  const db = createDb(url);
  try {
    const email = `totp-${randomUUID().slice(0, 8)}@example.org`;
    await db.user.create({ data: { email, name: "Gulnara Second-Factor", role: "AUDITOR", passwordHash: await hashPassword(PASSWORD) } });
    return email;
  } finally {
    await db.$disconnect();
  }
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
}

test("a user sets up an authenticator app, keeps the recovery codes, and then needs a code to sign in; each recovery code works once", async ({
  page,
}) => {
  // Several sign-ins, each hashing a password with Argon2: a long journey on a busy machine.
  test.slow();
  const email = await makeAccount();
  await signInThroughForm(page, email, PASSWORD);
  await page.getByRole("link", { name: "Security" }).click();
  await expect(page.getByTestId("second-factor-state")).toContainText("No second factor");
  await page.getByRole("button", { name: "Set up an authenticator app" }).click();
  await expect(page.getByTestId("totp-qr")).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();

  const confirm = page.getByTestId("confirm-enrolment");
  await confirm.getByLabel("Code").fill("12345");
  await confirm.getByRole("button", { name: "Turn on" }).click();
  await expect(confirm.getByText("Enter the six digits the app shows.")).toBeVisible();
  const enrolledAt = totpStep(new Date());
  await confirm.getByLabel("Code").fill(totpCode(secret, enrolledAt));
  await confirm.getByRole("button", { name: "Turn on" }).click();
  const codes = page.getByTestId("recovery-codes");
  await expect(codes).toContainText("The second factor is on.");
  const recoveryCodes = await codes.getByRole("listitem").allTextContents();
  expect(recoveryCodes).toHaveLength(10);
  await expect(page.getByTestId("second-factor-state")).toContainText("Recovery codes left: 10");

  // The password alone now leads only to the code page; no other page opens.
  await signOut(page);
  await signInThroughForm(page, email, PASSWORD);
  await expect(page).toHaveURL(/\/login\/code$/);
  await page.goto("/cases");
  await expect(page).toHaveURL(/\/login\/code$/);
  await page.getByLabel("Code").fill("000000");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByText("That code is not valid.")).toBeVisible();
  // The code of the step after enrolment: the one used to enrol cannot be used again.
  await page.getByLabel("Code").fill(totpCode(secret, enrolledAt + 1));
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByTestId("signed-in-as")).toContainText("Gulnara Second-Factor");

  await signOut(page);
  await signInThroughForm(page, email, PASSWORD);
  await page.getByLabel("Code").fill(recoveryCodes[0]!);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();

  await signOut(page);
  await signInThroughForm(page, email, PASSWORD);
  await page.getByLabel("Code").fill(recoveryCodes[0]!);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByText("That code is not valid.")).toBeVisible();
  await page.getByLabel("Code").fill(recoveryCodes[1]!);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("link", { name: "Security" }).click();
  await expect(page.getByTestId("second-factor-state")).toContainText("Recovery codes left: 8");
});
