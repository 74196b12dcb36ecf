import type { Page } from "@playwright/test";
import { createDb } from "../lib/db/client";
import { expect, signInThroughForm, test } from "./fixtures";

/** Own cases with no proceedings, one per test, so parallel tests never edit the same case. */
async function ownCaseWithNoProceedings(index: number) {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error("E2E_DATABASE_URL is not set: run the browser tests through `npm test`");
  const db = createDb(url);
  const cases = await db.person.findMany({
    where: { caseworker: { email: "caseworker@example.org" }, prosecutionStatus: "NO_PROCEEDINGS", caseStatus: "OPEN" },
    orderBy: { caseNumber: "asc" },
    select: { id: true },
  });
  await db.$disconnect();
  const found = cases[index];
  if (!found) throw new Error("the demo data have too few such cases");
  return found.id;
}

async function fillStatusChange(page: Page, reason: string) {
  await page.getByText("Change prosecution status").click();
  await page.getByLabel("New status").selectOption("PRELIMINARY_CHECK");
  await page.getByTestId("status-change").getByLabel("Effective date").fill("2026-01-15");
  await page.getByLabel("Reason", { exact: true }).fill(reason);
}

test("a caseworker changes the prosecution status, refers and enrols the person, and sees each change at the top of the history", async ({
  signedInAs,
}) => {
  const caseId = await ownCaseWithNoProceedings(0);
  const page = await signedInAs("CASEWORKER");
  await page.goto(`/cases/${caseId}`);

  await fillStatusChange(page, "Поступила новая информация");
  await page.getByRole("button", { name: "Save status" }).click();
  await expect(page.getByRole("status")).toHaveText("Prosecution status saved.");

  const latest = page.getByTestId("history-entry").first();
  await expect(latest).toContainText("Prosecution status changed");
  await expect(latest).toContainText("Поступила новая информация");
  // A date in the history reads as every other date of the page, not as the stored ISO day.
  await expect(latest).toContainText("Effective date: Jan 15, 2026");
  await expect(page.getByTestId("prosecution-panel").locator("li").first()).toContainText("Preliminary check");

  await page.getByText("Refer to a program").click();
  const program = page
    .locator("#programId option")
    .filter({ hasText: /place(s)? free/ })
    .first();
  const programName = ((await program.textContent()) ?? "").split(": ")[1]?.split(" (")[0] ?? "";
  await page.locator("#programId").selectOption({ label: (await program.textContent()) ?? "" });
  await page.locator("#referDate").fill("2026-01-20");
  await page.locator("#referNote").fill("Направлен после беседы");
  await page.getByRole("button", { name: "Save referral" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Referral saved." })).toBeVisible();
  await expect(page.getByTestId("history-entry").first()).toContainText("Referred to a program");

  const stepForm = page
    .locator("details")
    .filter({ hasText: `Next step: ${programName}` })
    .first();
  await stepForm.locator("summary").click();
  await stepForm.getByLabel("Step").selectOption("enrol");
  await stepForm.getByLabel("Date").fill("2026-01-25");
  await stepForm.getByRole("button", { name: "Save step" }).click();
  const history = page.getByTestId("history-entry");
  await expect(history.first()).toContainText("Enrolled");
  await expect(history.nth(1)).toContainText("Referred to a program");
  await expect(history.nth(1)).toContainText("Направлен после беседы");
});

test("an edit made from a stale page is refused with the conflict message and keeps what was typed", async ({ page, otherPage }) => {
  const caseId = await ownCaseWithNoProceedings(1);
  const signIn = async (p: Page) => {
    await signInThroughForm(p, "caseworker@example.org");
    await expect(p.getByTestId("signed-in-as")).toBeVisible();
    await p.goto(`/cases/${caseId}`);
  };
  const other = await otherPage();
  await Promise.all([signIn(page), signIn(other)]);

  await fillStatusChange(other, "Первое изменение");
  await other.getByRole("button", { name: "Save status" }).click();
  await expect(other.getByRole("status")).toHaveText("Prosecution status saved.");

  await fillStatusChange(page, "Второе изменение, устаревшее");
  await page.getByRole("button", { name: "Save status" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Someone changed this case" })).toBeVisible();
  await expect(page.getByLabel("Reason", { exact: true })).toHaveValue("Второе изменение, устаревшее");
  // The other person's change is now on the page, at the top of the history.
  await expect(page.getByTestId("history-entry").first()).toContainText("Первое изменение");
});

test("a caseworker edits the risk level and sees the change, before and after, in the history", async ({ signedInAs }) => {
  const caseId = await ownCaseWithNoProceedings(2);
  const page = await signedInAs("CASEWORKER");
  await page.goto(`/cases/${caseId}`);
  await page.getByText("Edit details").click();
  // The case review's form has a risk level of its own.
  const form = page.getByTestId("person-edit");
  await form.getByLabel("Risk level").selectOption("HIGH");
  await form.getByLabel("Reason for the change").fill("Новая оценка психолога");
  await form.getByRole("button", { name: "Save details" }).click();
  const latest = page.getByTestId("history-entry").first();
  await expect(latest).toContainText("Details changed");
  // In the reader's words, not the stored codes ("riskLevel: LOW → HIGH").
  await expect(latest).toContainText(/Risk level: \S.* → High/);
  await expect(latest).toContainText("Новая оценка психолога");
});

test("a caseworker links another of their cases as a family member, and both cases show the link", async ({ signedInAs }) => {
  const url = process.env.E2E_DATABASE_URL ?? "";
  const db = createDb(url);
  const [first, second] = await db.person.findMany({
    where: { caseworker: { email: "caseworker@example.org" }, households: { none: {} } },
    orderBy: { caseNumber: "desc" },
    take: 2,
    select: { id: true, caseNumber: true, familyName: true },
  });
  await db.$disconnect();
  if (!first || !second) throw new Error("the demo data have too few cases without a household");

  const page = await signedInAs("CASEWORKER");
  await page.goto(`/cases/${first.id}`);
  await page.getByText("Add a family member").click();
  await page.getByLabel("This person's role in the family").selectOption("SIBLING");
  await page.getByLabel("Family member's case number").fill(second.caseNumber.toLowerCase());
  await page.getByLabel("Family member's role").selectOption("SIBLING");
  await page.getByRole("button", { name: "Add to household" }).click();
  await expect(page.getByRole("link", { name: new RegExp(second.caseNumber) })).toBeVisible();
  await expect(page.getByTestId("history-entry").first()).toContainText("Family member added");

  await page.getByRole("link", { name: new RegExp(second.caseNumber) }).click();
  await expect(page.getByRole("link", { name: new RegExp(first.caseNumber) })).toBeVisible();
});
