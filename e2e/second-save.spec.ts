import type { Locator, Page } from "@playwright/test";
import { createDb } from "../lib/db/client";
import type { PrismaClient } from "../lib/db/generated/client";
import { expect, test } from "./fixtures";

/*
 * A fast person saves, corrects something else in the same open form, and saves again. The
 * second save must keep the first change: each form shows the record as saved, not as it was
 * when the page loaded. Focus stays with the form's answer, so the keyboard goes on from there.
 */

let db: PrismaClient;

test.beforeAll(() => {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error("E2E_DATABASE_URL is not set: run the browser tests through `npm test`");
  db = createDb(url);
});

test.afterAll(async () => {
  await db?.$disconnect();
});

/** The demo caseworker's open cases with no proceedings, from the end of the list, so no other spec edits them. */
async function ownCase(index: number) {
  const cases = await db.person.findMany({
    where: { caseworker: { email: "caseworker@example.org" }, prosecutionStatus: "NO_PROCEEDINGS", caseStatus: "OPEN" },
    orderBy: { caseNumber: "desc" },
    select: { id: true },
    take: 8,
  });
  const found = cases[index];
  if (!found) throw new Error("the demo data have too few such cases");
  return found.id;
}

async function expectAnswerFocused(page: Page, within: Locator, text: string) {
  const answer = within.getByRole("status").filter({ hasText: text });
  await expect(answer).toBeVisible();
  await expect(answer).toBeFocused();
}

test("two saves in a row from the open edit form keep both changes, selects included", async ({ signedInAs }) => {
  const caseId = await ownCase(0);
  await db.person.update({ where: { id: caseId }, data: { riskLevel: "HIGH", version: { increment: 1 } } });
  const page = await signedInAs("CASEWORKER");
  await page.goto(`/cases/${caseId}`);
  const form = page.getByTestId("person-edit");
  await page.getByText("Edit details").click();

  await form.getByLabel("Risk level").selectOption("LOW");
  // A closure waits for a second person: the risk level saves at once, the case stays open meanwhile.
  await form.getByLabel("Case status").selectOption("CLOSED");
  await form.getByLabel("Reason for the change").fill("Программа завершена");
  await form.getByRole("button", { name: "Save details" }).click();
  await expectAnswerFocused(page, form, "The new case status is a request");
  await expect(form.getByLabel("Risk level")).toHaveValue("LOW");
  await expect(form.getByLabel("Case status")).toHaveValue("OPEN");

  const address = `ул. Абая, ${Date.now() % 1000}`;
  await form.getByLabel("Address").fill(address);
  await form.getByRole("button", { name: "Save details" }).click();
  await expectAnswerFocused(page, form, "Details saved.");

  const saved = await db.person.findUniqueOrThrow({ where: { id: caseId }, select: { riskLevel: true, caseStatus: true, address: true } });
  expect(saved).toEqual({ riskLevel: "LOW", caseStatus: "OPEN", address });
  expect(await db.changeRequest.count({ where: { personId: caseId, kind: "CASE_STATUS" } })).toBe(1);
  await page.reload();
  await expect(page.getByTestId("person-edit").getByLabel("Risk level")).toHaveValue("LOW");
});

test("a refused save puts focus on the first field in error and keeps what was typed", async ({ signedInAs }) => {
  const caseId = await ownCase(1);
  const page = await signedInAs("CASEWORKER");
  await page.goto(`/cases/${caseId}`);
  const form = page.getByTestId("person-edit");
  await page.getByText("Edit details").click();
  await form.getByLabel("Risk level").selectOption("MEDIUM");
  await form.getByLabel("IIN").fill("12345");
  await form.getByRole("button", { name: "Save details" }).click();
  await expect(form.getByLabel("IIN")).toBeFocused();
  await expect(form.getByLabel("IIN")).toHaveValue("12345");
  await expect(form.getByLabel("Risk level")).toHaveValue("MEDIUM");
});

test("two status changes in a row from the open panel, by keyboard, each hold and keep focus in the panel", async ({ signedInAs }) => {
  const caseId = await ownCase(2);
  const page = await signedInAs("CASEWORKER");
  await page.goto(`/cases/${caseId}`);
  const form = page.getByTestId("status-change");
  await page.getByText("Change prosecution status").focus();
  await page.keyboard.press("Enter");

  for (const [status, date] of [
    ["PRELIMINARY_CHECK", "2026-02-01"],
    ["UNDER_INVESTIGATION", "2026-02-10"],
  ] as const) {
    await form.getByLabel("New status").selectOption(status);
    await form.getByLabel("Effective date").fill(date);
    await form.getByLabel("Reason", { exact: true }).fill(`second-save spec: ${status}`);
    await form.getByLabel("Reason", { exact: true }).focus();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await expectAnswerFocused(page, form, "Prosecution status saved.");
    await expect(form.getByLabel("New status")).toHaveValue("");
  }
  const entries = await db.prosecutionEntry.findMany({
    where: { personId: caseId },
    orderBy: { createdAt: "asc" },
    select: { status: true },
  });
  expect(entries.map((e) => e.status).slice(-2)).toEqual(["PRELIMINARY_CHECK", "UNDER_INVESTIGATION"]);
  expect((await db.person.findUniqueOrThrow({ where: { id: caseId }, select: { prosecutionStatus: true } })).prosecutionStatus).toBe(
    "UNDER_INVESTIGATION",
  );
});

test("two steps in a row from the open enrollment form: enrol, then complete", async ({ signedInAs }) => {
  const caseId = await ownCase(3);
  const page = await signedInAs("CASEWORKER");
  await page.goto(`/cases/${caseId}`);
  await page.getByText("Refer to a program").click();
  const option = page
    .locator("#programId option")
    .filter({ hasText: /place(s)? free/ })
    .first();
  await page.locator("#programId").selectOption({ label: (await option.textContent()) ?? "" });
  await page.locator("#referDate").fill("2026-03-01");
  await page.getByRole("button", { name: "Save referral" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Referral saved." })).toBeVisible();

  const enrollment = await db.enrollment.findFirstOrThrow({
    where: { personId: caseId, status: "REFERRED" },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
  const form = page.getByTestId(`enrollment-step-${enrollment.id}`);
  await page.locator("details").filter({ has: form }).locator("summary").click();
  await form.getByLabel("Step").selectOption("enrol");
  await form.getByLabel("Date").fill("2026-03-05");
  await form.getByRole("button", { name: "Save step" }).click();
  await expectAnswerFocused(page, form, "Enrollment updated.");
  await expect(form.getByLabel("Step")).toHaveValue("");

  await form.getByLabel("Step").selectOption("complete");
  await form.getByLabel("Date").fill("2026-04-05");
  await form.getByRole("button", { name: "Save step" }).click();
  await expectAnswerFocused(page, form, "Enrollment updated.");
  const saved = await db.enrollment.findUniqueOrThrow({ where: { id: enrollment.id }, select: { status: true, enrolledOn: true } });
  expect(saved.status).toBe("COMPLETED");
  expect(saved.enrolledOn?.toISOString().slice(0, 10)).toBe("2026-03-05");
});

test("two bulk actions in a row from the open review queue keep the first", async ({ signedInAs }) => {
  const regionId = (await db.region.findUniqueOrThrow({ where: { code: "ALMATY_REGION" }, select: { id: true } })).id;
  const template = await db.user.findUniqueOrThrow({ where: { email: "caseworker3@example.org" }, select: { passwordHash: true } });
  const caseworker = await db.user.upsert({
    where: { email: "second-save-caseworker@example.org" },
    update: {},
    create: {
      email: "second-save-caseworker@example.org",
      name: "Aigerim Second",
      role: "CASEWORKER",
      passwordHash: template.passwordHash,
      regions: { create: [{ regionId }] },
    },
    select: { id: true },
  });
  const page = await signedInAs("SUPERVISOR");
  await page.goto(`/review?region=${regionId}`);
  const rows = page.getByTestId("review-row");
  // From the end of the queue: the review spec works from its start.
  const count = await rows.count();
  const [first, second] = await Promise.all([rows.nth(count - 1), rows.nth(count - 2)].map((r) => r.getAttribute("data-case")));

  for (const caseId of [first, second]) {
    await page.locator(`[data-case="${caseId}"]`).getByRole("checkbox").check();
    await page.getByLabel("Action").selectOption("assign");
    await page.getByLabel("Caseworker", { exact: true }).selectOption(caseworker.id);
    await page.getByRole("button", { name: "Apply to each" }).click();
    await expect(page.getByTestId("bulk-summary")).toContainText("1 done, 0 not done");
    await expect(page.getByTestId("bulk-summary")).toBeFocused();
    await expect(page.locator(`[data-case="${caseId}"]`).getByRole("checkbox")).not.toBeChecked();
  }
  const assigned = await db.person.findMany({ where: { id: { in: [first!, second!] } }, select: { caseworkerId: true } });
  expect(assigned.map((p) => p.caseworkerId)).toEqual([caseworker.id, caseworker.id]);
});
