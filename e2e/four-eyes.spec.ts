import { randomInt } from "node:crypto";
import type { Page } from "@playwright/test";
import { createDb } from "../lib/db/client";
import type { PrismaClient } from "../lib/db/generated/client";
import { demoAccount, expect, signInThroughForm, test } from "./fixtures";

/*
 * Four eyes on the changes that decide a person's fate: the caseworker's conviction waits as a
 * request, the case unchanged; the caseworker cannot confirm it, a supervisor of another region
 * cannot even see it; the region's supervisor confirms it and the history names both of them.
 */

const ELSEWHERE = "four-eyes-supervisor@example.org";
let db: PrismaClient;

test.beforeAll(async () => {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error("E2E_DATABASE_URL is not set: run the browser tests through `npm test`");
  db = createDb(url);
  const [supervisor, shymkent] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { email: demoAccount("SUPERVISOR").email }, select: { passwordHash: true } }),
    db.region.findUniqueOrThrow({ where: { code: "SHYMKENT" }, select: { id: true } }),
  ]);
  await db.user.upsert({
    where: { email: ELSEWHERE },
    update: {},
    create: {
      email: ELSEWHERE,
      name: "Supervisor of Shymkent",
      role: "SUPERVISOR",
      passwordHash: supervisor.passwordHash,
      regions: { create: [{ regionId: shymkent.id }] },
    },
  });
});

test.afterAll(async () => {
  await db?.$disconnect();
});

/** A case of this spec alone: the demo caseworker's, in Almaty, on trial since last summer. */
async function caseOnTrial(): Promise<{ caseId: string; caseNumber: string }> {
  const [caseworker, city, operation] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { email: demoAccount("CASEWORKER").email }, select: { id: true } }),
    db.region.findUniqueOrThrow({ where: { code: "ALMATY_CITY" }, select: { id: true } }),
    db.returnOperation.findFirstOrThrow({ select: { code: true } }),
  ]);
  const caseNumber = `KZ-2019-9${String(randomInt(0, 99999)).padStart(5, "0")}`;
  const person = await db.person.create({
    data: {
      caseNumber,
      familyName: "Четырёхглазов",
      givenName: "Тест",
      familyNameLatin: "Chetyrekhglazov",
      givenNameLatin: "Test",
      searchName: "chetyrekhglazov test",
      sex: "MALE",
      birthDate: new Date("1988-04-02"),
      regionId: city.id,
      returnDate: new Date("2019-05-07"),
      returnOperationCode: operation.code,
      returnedFrom: "SY",
      ageCategory: "ADULT_MAN",
      caseworkerId: caseworker.id,
      prosecutionStatus: "ON_TRIAL",
      prosecution: {
        create: { status: "ON_TRIAL", effectiveDate: new Date("2025-06-01"), articles: ["255"], reason: "Дело передано в суд" },
      },
    },
    select: { id: true },
  });
  return { caseId: person.id, caseNumber };
}

async function requestConviction(page: Page, caseId: string, confirmer?: string) {
  await page.goto(`/cases/${caseId}`);
  await page.getByText("Change prosecution status").click();
  await page.getByLabel("New status").selectOption("CONVICTED");
  await page.getByTestId("status-change").getByLabel("Effective date").fill("2026-01-15");
  await page.getByLabel("Sentence in months").fill("60");
  await page.getByLabel("Reason", { exact: true }).fill("Приговор суда вступил в силу");
  if (confirmer) await page.getByTestId("status-change").getByLabel("Who should confirm").selectOption({ label: confirmer });
  await page.getByRole("button", { name: "Save status" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved as a request" })).toBeVisible();
}

test("a conviction waits for the region's supervisor, who alone may confirm it; the history then names both people", async ({
  signedInAs,
  otherPage,
}) => {
  const { caseId, caseNumber } = await caseOnTrial();
  const page = await signedInAs("CASEWORKER");
  await requestConviction(page, caseId, "Serik Supervisor");

  const requests = page.getByTestId("change-requests");
  await expect(requests).toContainText("Awaiting confirmation: On trial → Convicted, requested by Kamila Caseworker");
  await expect(requests).toContainText("Suggested confirmer: Serik Supervisor");
  const entries = page.getByTestId("prosecution-panel").locator("ol > li");
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toContainText("On trial");
  await expect(page.getByRole("button", { name: "Confirm", exact: true })).toHaveCount(0);

  // The requester has no list to confirm from: the page is absent to a caseworker.
  await page.goto("/review?tab=confirm");
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();

  // A supervisor of another region neither lists the request nor reaches the case.
  const elsewhere = await otherPage();
  await signInThroughForm(elsewhere, ELSEWHERE);
  await expect(elsewhere.getByTestId("signed-in-as")).toBeVisible();
  await elsewhere.goto("/review?tab=confirm");
  await expect(elsewhere.getByRole("heading", { name: "To confirm: changes held for a second person" })).toBeVisible();
  await expect(elsewhere.getByText(caseNumber)).toHaveCount(0);
  await elsewhere.goto(`/cases/${caseId}`);
  await expect(elsewhere.getByRole("heading", { name: "Not found" })).toBeVisible();

  // The region's supervisor sees it counted on the dashboard and waiting from the home page,
  // with the case beside the change, and confirms.
  const supervisor = await otherPage();
  await signInThroughForm(supervisor, demoAccount("SUPERVISOR").email);
  await expect(supervisor.getByTestId("home-to-confirm")).toBeVisible();
  await supervisor.goto("/dashboard");
  await expect(supervisor.getByTestId("fig-to-confirm")).toHaveAttribute("href", "/review?tab=confirm");
  expect(Number(await supervisor.getByTestId("fig-to-confirm").textContent())).toBeGreaterThan(0);
  await supervisor.goto("/");
  await supervisor.getByTestId("home-to-confirm").getByRole("link").click();
  const item = supervisor.getByTestId("request-to-confirm").filter({ hasText: caseNumber });
  await expect(item).toContainText("On trial → Convicted");
  await expect(item).toContainText("Приговор суда вступил в силу");
  await expect(item).toContainText("Suggested for you");
  await item.getByLabel("Comment").fill("Сверено с приговором");
  await item.getByRole("button", { name: "Confirm", exact: true }).click();
  // Decided, it leaves the list of what waits for this supervisor.
  await expect(item).toHaveCount(0);

  await page.goto(`/cases/${caseId}`);
  await expect(page.getByTestId("prosecution-panel").locator("li").first()).toContainText("Convicted");
  await expect(page.getByTestId("change-requests")).toHaveCount(0);
  const applied = page.getByTestId("history-entry").filter({ hasText: "Prosecution status changed" });
  await expect(applied.getByTestId("history-confirmation")).toContainText(
    /requested by Kamila Caseworker on .*, confirmed by Serik Supervisor on /,
  );
  await expect(page.getByTestId("history-entry").filter({ hasText: "Change request confirmed" })).toContainText("Сверено с приговором");
});

test("a request made against an older version of the case is superseded, and its requester is told on the case page", async ({
  signedInAs,
  otherPage,
}) => {
  const { caseId, caseNumber } = await caseOnTrial();
  const page = await signedInAs("CASEWORKER");
  await requestConviction(page, caseId);
  // A change that needs no second person moves the case on.
  await page.getByText("Edit details").click();
  await page.getByTestId("person-edit").getByLabel("Risk level").selectOption("HIGH");
  await page.getByTestId("person-edit").getByRole("button", { name: "Save details" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Details saved." })).toBeVisible();

  const supervisor = await otherPage();
  await signInThroughForm(supervisor, demoAccount("SUPERVISOR").email);
  await expect(supervisor.getByTestId("signed-in-as")).toBeVisible();
  await supervisor.goto("/review?tab=confirm");
  const item = supervisor.getByTestId("request-to-confirm").filter({ hasText: caseNumber });
  await expect(item).toContainText("The case has changed since this request was made");
  await item.getByRole("button", { name: "Confirm", exact: true }).click();
  await expect(supervisor.getByRole("alert").filter({ hasText: "cannot be confirmed" })).toBeVisible();

  await page.goto(`/cases/${caseId}`);
  await expect(page.getByTestId("change-request")).toContainText("Not applied: On trial → Convicted");
  await expect(page.getByTestId("prosecution-panel").locator("li").first()).toContainText("On trial");
});

/** A mother and her child, both the demo caseworker's, in one household of this spec alone. */
async function motherAndChild(): Promise<{ mother: { id: string; caseNumber: string }; child: { id: string; caseNumber: string } }> {
  const { caseId: motherId, caseNumber: motherNumber } = await caseOnTrial();
  const { caseId: childId, caseNumber: childNumber } = await caseOnTrial();
  await db.person.update({
    where: { id: childId },
    data: { familyName: "Детёнова", ageCategory: "MINOR", birthDate: new Date("2016-03-02"), sex: "FEMALE" },
  });
  await db.household.create({
    data: {
      label: "Четырёхглазовы",
      members: {
        create: [
          { personId: motherId, relationship: "MOTHER" },
          { personId: childId, relationship: "CHILD" },
        ],
      },
    },
  });
  return { mother: { id: motherId, caseNumber: motherNumber }, child: { id: childId, caseNumber: childNumber } };
}

test("a child's removal from a household waits on the child's case until the region's supervisor confirms it", async ({
  signedInAs,
  otherPage,
}) => {
  const { mother, child } = await motherAndChild();
  const page = await signedInAs("CASEWORKER");
  await page.goto(`/cases/${mother.id}`);
  const member = page.getByTestId("household-panel").locator("li").filter({ hasText: child.caseNumber });
  await member.getByText("Remove from household").click();
  await member.getByLabel("Reason for removing from the household").fill("Ребёнок передан опекуну");
  await member.getByLabel("Yes, remove this person from the household").check();
  await member.getByRole("button", { name: "Remove", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved as a request" })).toBeVisible();
  await expect(page.getByTestId("household-panel")).toContainText(child.caseNumber);

  await page.goto(`/cases/${child.id}`);
  await expect(page.getByTestId("change-requests")).toContainText(
    `Awaiting confirmation: Household with ${mother.caseNumber}: member of the household → removed from the household`,
  );

  const supervisor = await otherPage();
  await signInThroughForm(supervisor, demoAccount("SUPERVISOR").email);
  await expect(supervisor.getByTestId("signed-in-as")).toBeVisible();
  await supervisor.goto("/review?tab=confirm");
  const item = supervisor.getByTestId("request-to-confirm").filter({ hasText: child.caseNumber });
  await expect(item).toContainText("Household");
  await expect(item).toContainText("Ребёнок передан опекуну");
  await item.getByRole("button", { name: "Confirm", exact: true }).click();
  await expect(item).toHaveCount(0);

  await page.goto(`/cases/${mother.id}`);
  await expect(page.getByTestId("household-panel")).not.toContainText(child.caseNumber);
  const removed = page.getByTestId("history-entry").filter({ hasText: "Ребёнок передан опекуну" }).first();
  await expect(removed.getByTestId("history-confirmation")).toContainText(
    /requested by Kamila Caseworker on .*, confirmed by Serik Supervisor on /,
  );
});
