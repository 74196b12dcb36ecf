import { expect, test } from "./fixtures";

test("an auditor filters the audit log by case, opens an event to its full change, and verifies the whole log", async ({ signedInAs }) => {
  const page = await signedInAs("AUDITOR");
  await page.getByRole("link", { name: "Cases" }).click();
  // The home page has table links of its own: wait for the registry before reading its first row.
  await expect(page).toHaveURL(/\/cases$/);
  const firstCase = page.getByTestId("registry-table").locator("tbody a").first();
  const caseNumber = (await firstCase.textContent())!.trim();
  await firstCase.click();
  await expect(page.getByTestId("case-history")).toBeVisible();

  await page.getByRole("link", { name: "Audit log" }).click();
  await page.getByLabel("Case number").fill(caseNumber);
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(new RegExp(`caseNumber=${caseNumber}`));
  const events = page.getByTestId("audit-event");
  await expect(events.first()).toContainText("Case opened");
  await expect(events.first()).toContainText(caseNumber);
  await events.last().locator("summary").click();
  await expect(events.last()).toContainText("Chain");
  await expect(events.last().getByRole("link", { name: `Open case ${caseNumber}` })).toBeVisible();

  // Actions are offered by their names, not their codes.
  await page.getByLabel("Action").selectOption({ label: "Case opened" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/action=case\.viewed/);
  expect(await events.locator("code").allTextContents()).toEqual(expect.arrayContaining(["case.viewed"]));
  expect(new Set(await events.locator("code").allTextContents())).toEqual(new Set(["case.viewed"]));

  // A filter that cannot be read shows nothing, not everything.
  await page.getByLabel("Case number").fill("not a number");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.locator("#audit-caseNumber-error")).not.toBeEmpty();
  await expect(page.getByTestId("audit-filters-invalid")).toBeVisible();
  await expect(events).toHaveCount(0);

  await page.getByRole("button", { name: "Verify now" }).click();
  await expect(page.getByTestId("verification")).toContainText("intact", { timeout: 60_000 });
});

test("an administrator's audit log holds sign-in and account events, and no case history", async ({ signedInAs }) => {
  const page = await signedInAs("ADMINISTRATOR");
  await page.getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByText("Case histories are not shown to administrators.")).toBeVisible();
  const actions = await page.getByTestId("audit-event").locator("code").allTextContents();
  expect(actions.length).toBeGreaterThan(0);
  expect(actions.every((action) => /^(auth|account|settings|access|region|program|program_type|reason)\./.test(action))).toBe(true);
  await expect(page.getByRole("button", { name: "Verify now" })).toHaveCount(0);
});
