import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, signInThroughForm, test } from "./fixtures";

async function openAccount(admin: Page, name: string | RegExp) {
  await admin.getByRole("link", { name: "Administration" }).click();
  await admin.getByTestId("users-table").getByRole("link", { name }).click();
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText(name);
}

/** Runs one account command; once done, its own box gives way to the opposite one (deactivate to reactivate). */
async function runCommand(admin: Page, command: string, reason: string) {
  const box = admin.getByTestId(`command-${command}`);
  await box.getByLabel("Reason").fill(reason);
  await box.getByRole("button").click();
  await expect(box).toHaveCount(0);
}

test("after an administrator deactivates a signed-in user, that user's next click lands on sign-in", async ({ signedInAs, otherPage }) => {
  const caseworker = await otherPage();
  await signInThroughForm(caseworker, "caseworker6@example.org");
  await expect(caseworker.getByTestId("signed-in-as")).toBeVisible();

  const admin = await signedInAs("ADMINISTRATOR");
  await openAccount(admin, "Madina Ergaliyeva");
  await runCommand(admin, "deactivate", "Left the service");
  await expect(admin.getByTestId("account-state")).toContainText("Deactivated");
  await expect(admin.getByTestId("account-state")).toContainText("no open sessions");

  await caseworker.getByRole("link", { name: "Cases" }).click();
  await expect(caseworker).toHaveURL(/\/login$/);

  // Put the demo account back for whoever uses it next.
  await runCommand(admin, "reactivate", "Test over");
});

test("an administrator creates an account; its owner must replace the temporary password, is locked after 5 failures, and is let back in after an unlock", async ({ signedInAs, otherPage }) => {
  // A dozen sign-ins, each hashing a password with Argon2: on a busy two-core machine this
  // journey has come within a second of the default minute.
  test.slow();
  const email = `new-${randomUUID().slice(0, 8)}@example.org`;
  const name = `Aliya Test ${email.slice(4, 10)}`;
  const admin = await signedInAs("ADMINISTRATOR");
  await admin.getByRole("link", { name: "Administration" }).click();
  await admin.getByRole("link", { name: "New user" }).click();
  const form = admin.getByTestId("user-form");
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("E-mail").fill(email);
  await form.getByLabel("Role").selectOption({ label: "Auditor" });
  await form.getByLabel("Temporary password").fill("password12345");
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(form.getByText("This password is too common")).toBeVisible();
  await form.getByLabel("Temporary password").fill("a temporary phrase for aliya");
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText(name);

  const user = await otherPage();
  await signInThroughForm(user, email, "a temporary phrase for aliya");
  await expect(user).toHaveURL(/\/account\/password$/);
  // A full navigation, awaited to its end: a click would leave the redirect in flight while the
  // URL already matches, and its late render would empty the fields filled next.
  await user.goto("/cases");
  await expect(user).toHaveURL(/\/account\/password$/);
  await user.getByLabel("Current password").fill("a temporary phrase for aliya");
  await user.getByLabel("New password", { exact: true }).fill("aliya's own long passphrase");
  await user.getByLabel("New password again").fill("aliya's own long passphrase");
  await user.getByRole("button", { name: "Change password" }).click();
  await expect(user).toHaveURL(/\/$/);
  await user.getByRole("button", { name: "Sign out" }).click();
  await expect(user).toHaveURL(/\/login$/);

  // The form's own message, not any alert: Next's route announcer is an alert too, and matching it
  // would move on before the attempt reached the server.
  const refused = user.getByRole("alert").filter({ hasText: "Sign-in failed" });
  for (let attempt = 1; attempt <= 5; attempt++) {
    await signInThroughForm(user, email, `not the password ${attempt}`);
    await expect(refused).toBeVisible();
  }
  await signInThroughForm(user, email, "aliya's own long passphrase");
  await expect(refused).toBeVisible();

  await admin.reload();
  await expect(admin.getByTestId("account-state")).toContainText("Locked");
  await runCommand(admin, "unlock", "Confirmed with Aliya by phone");
  await expect(admin.getByTestId("account-state")).not.toContainText("Locked");

  await signInThroughForm(user, email, "aliya's own long passphrase");
  await expect(user.getByTestId("signed-in-as")).toContainText(name);
});
