import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, signInThroughForm, test } from "./fixtures";

async function openAccount(admin: Page, name: string | RegExp) {
  await admin.getByRole("link", { name: "Administration" }).click();
  await admin.getByTestId("users-table").getByRole("link", { name }).click();
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText(name);
}

/**
 * Runs one account command; once done, its own box gives way to the opposite one (deactivate to
 * reactivate). A command that takes something away is first sent unconfirmed, and must be refused.
 */
async function runCommand(admin: Page, command: string, reason: string) {
  const box = admin.getByTestId(`command-${command}`);
  await box.getByLabel("Reason").fill(reason);
  const confirm = box.getByRole("checkbox");
  if ((await confirm.count()) > 0) {
    await box.getByRole("button").click();
    await expect(box.getByText("Tick the box to confirm.")).toBeVisible();
    await expect(box).toHaveCount(1);
    await box.getByLabel("Reason").fill(reason);
    await confirm.check();
  }
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

test("an administrator creates an account; its owner must replace the temporary password, is locked for a while after 5 failures, is let back in at once by an unlock, and is told of the failures", async ({
  signedInAs,
  otherPage,
}) => {
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
  await expect(admin.getByTestId("account-state")).toContainText("Locked until");
  await runCommand(admin, "unlock", "Confirmed with Aliya by phone");
  await expect(admin.getByTestId("account-state")).not.toContainText("Locked");

  await signInThroughForm(user, email, "aliya's own long passphrase");
  await expect(user.getByTestId("signed-in-as")).toContainText(name);
  // Five wrong passwords and the right one refused during the lock: six, told once.
  await expect(user.getByTestId("failures-since-last-sign-in")).toContainText("6 failed attempts");
  await user.reload();
  await expect(user.getByTestId("signed-in-as")).toBeVisible();
  await expect(user.getByTestId("failures-since-last-sign-in")).toHaveCount(0);
});

test("an administrator's lock by hand ends the user's session and holds until an unlock", async ({ signedInAs, otherPage }) => {
  const caseworker = await otherPage();
  await signInThroughForm(caseworker, "caseworker4@example.org");
  await expect(caseworker.getByTestId("signed-in-as")).toBeVisible();

  const admin = await signedInAs("ADMINISTRATOR");
  await openAccount(admin, "Gulmira Omarova");
  await runCommand(admin, "lock", "Phone reported stolen");
  await expect(admin.getByTestId("account-state")).toContainText("Locked by an administrator");
  await expect(admin.getByTestId("account-state")).toContainText("no open sessions");

  await caseworker.getByRole("link", { name: "Cases" }).click();
  await expect(caseworker).toHaveURL(/\/login$/);
  await signInThroughForm(caseworker, "caseworker4@example.org");
  await expect(caseworker.getByRole("alert").filter({ hasText: "Sign-in failed" })).toBeVisible();

  await runCommand(admin, "unlock", "New phone issued");
  await signInThroughForm(caseworker, "caseworker4@example.org");
  await expect(caseworker.getByTestId("signed-in-as")).toBeVisible();
});

test("the administrator narrows the program list to one region and type, sorted by name", async ({ signedInAs }) => {
  const page = await signedInAs("ADMINISTRATOR");
  await page.goto("/admin/programs");
  const count = page.getByTestId("programs-count");
  const all = (await count.textContent()) ?? "";
  // The new-program form below has a Region field too: the filter is the one in the filter form.
  const filters = page.getByTestId("program-filters");
  await filters.getByLabel("Region", { exact: true }).selectOption({ label: "Almaty" });
  await filters.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/region=/);
  await expect(count).not.toHaveText(all);
  const rows = await page.getByTestId("programs").locator("summary").allTextContents();
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) expect(row).toContain(" · Almaty · ");
  const types = rows.map((row) => row.split(" · ")[1] ?? "");
  expect(types).toEqual([...types].sort((a, b) => a.localeCompare(b, "en")));
});
