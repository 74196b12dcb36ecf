import { randomInt } from "node:crypto";
import { createDb } from "../lib/db/client";
import { isoDayOf } from "../lib/calendar/calendar-day";
import { recomputeTasks } from "../lib/task-store/recompute-tasks";
import { addDays } from "../lib/tasks/due-tasks";
import { expect, signInThroughForm, test } from "./fixtures";

/**
 * The clock is moved by dating the data back, not by reaching into the server: a high-risk case of
 * the demo caseworker's whose last review was 31 days ago, made for this spec alone, and its tasks
 * recomputed as the nightly job would, straight on the test database.
 */
async function withDb<T>(work: (db: ReturnType<typeof createDb>) => Promise<T>): Promise<T> {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error("E2E_DATABASE_URL is not set: run the browser tests through `npm test`");
  const db = createDb(url);
  try {
    return await work(db);
  } finally {
    await db.$disconnect();
  }
}

async function reviewedMonthAgo() {
  return withDb(async (db) => {
    const [caseworker, region, operation] = await Promise.all([
      db.user.findUniqueOrThrow({ where: { email: "caseworker@example.org" }, select: { id: true } }),
      db.region.findUniqueOrThrow({ where: { code: "ALMATY_CITY" }, select: { id: true } }),
      db.returnOperation.findFirstOrThrow({ select: { code: true } }),
    ]);
    const caseNumber = `KZ-2097-${String(randomInt(0, 1_000_000)).padStart(6, "0")}`;
    const person = await db.person.create({
      data: {
        caseNumber,
        familyName: "Заданова",
        givenName: "Алия",
        familyNameLatin: "Zadanova",
        givenNameLatin: "Aliya",
        searchName: "zadanova aliya",
        sex: "FEMALE",
        birthDate: new Date("1990-02-03"),
        regionId: region.id,
        returnDate: new Date("2019-05-07"),
        returnOperationCode: operation.code,
        returnedFrom: "SY",
        ageCategory: "ADULT_WOMAN",
        riskLevel: "HIGH",
        caseworkerId: caseworker.id,
        createdAt: new Date(Date.now() - 90 * 86_400_000),
      },
      select: { id: true },
    });
    const reviewedOn = addDays(isoDayOf(new Date()), -31);
    await db.caseReview.create({
      data: {
        personId: person.id,
        reviewedOn: new Date(`${reviewedOn}T00:00:00Z`),
        riskLevel: "HIGH",
        note: "…",
        reviewedById: caseworker.id,
      },
    });
    await recomputeTasks(db, { now: new Date(), caseIds: [person.id] });
    return { caseId: person.id, caseNumber };
  });
}

test("an overdue review reaches its caseworker only, and recording the review clears it at once", async ({ signedInAs, otherPage }) => {
  const { caseId, caseNumber } = await reviewedMonthAgo();
  const page = await signedInAs("CASEWORKER");

  await expect(page.getByTestId("tasks-overdue")).toBeVisible();
  await page.getByTestId("tasks-overdue").getByRole("link").click();
  await expect(page).toHaveURL(/\/tasks\?due=overdue$/);
  // Soonest first: due yesterday, this case's task is on the last page (a page past the end shows the last).
  await page.goto("/tasks?due=overdue&page=10000");
  const row = page.getByTestId("task-row").filter({ hasText: caseNumber });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Case review");
  await expect(row).toContainText("overdue");
  await expect(row).toContainText("Kamila Caseworker");
  await page.screenshot({ path: "test-results/tasks-caseworker.png", fullPage: true });

  // Marked in the registry too.
  await page.goto(`/cases?q=${caseNumber}`);
  await expect(page.getByTestId("overdue-task").first()).toBeVisible();

  // A colleague of the same region sees none of it; the region's supervisor does.
  const colleague = await otherPage();
  await signInThroughForm(colleague, "caseworker2@example.org");
  await expect(colleague.getByTestId("signed-in-as")).toBeVisible();
  await colleague.goto("/tasks");
  await expect(colleague.getByRole("heading", { name: "Tasks" })).toBeVisible();
  await expect(colleague.getByText(caseNumber)).toHaveCount(0);
  const supervisor = await otherPage();
  await signInThroughForm(supervisor, "supervisor@example.org");
  await expect(supervisor.getByTestId("signed-in-as")).toBeVisible();
  await supervisor.goto("/tasks?due=overdue&rule=caseReview&page=10000");
  await expect(supervisor.getByTestId("task-row").filter({ hasText: caseNumber })).toHaveCount(1);
  await supervisor.screenshot({ path: "test-results/tasks-supervisor.png", fullPage: true });

  await page.goto(`/cases/${caseId}`);
  const tasks = page.getByTestId("tasks-panel");
  await expect(tasks.getByRole("listitem")).toHaveText([/^Case review due .* · overdue$/]);
  const today = isoDayOf(new Date());
  await tasks.getByText("Record a case review").click();
  await tasks.getByLabel("Date of the review").fill(today);
  await tasks.getByLabel("What the review found").fill("Риск подтверждён");
  await tasks.getByRole("button", { name: "Record review" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Case review recorded." })).toBeVisible();
  await expect(tasks.getByRole("listitem")).toHaveText([/^Case review due [^·]*$/]);

  await page.goto("/tasks?due=overdue&page=10000");
  await expect(page.getByRole("heading", { name: "Tasks" })).toBeVisible();
  await expect(page.getByText(caseNumber)).toHaveCount(0);
});

test("a closed case's tasks disappear from every list", async ({ signedInAs }) => {
  const { caseId, caseNumber } = await reviewedMonthAgo();
  const page = await signedInAs("SUPERVISOR");
  await page.goto("/tasks?due=overdue&page=10000");
  await expect(page.getByTestId("task-row").filter({ hasText: caseNumber })).toHaveCount(1);

  // Closing is a confirmed change (four eyes); what matters here is what the recomputation makes of it.
  await withDb(async (db) => {
    await db.person.update({ where: { id: caseId }, data: { caseStatus: "CLOSED" } });
    await recomputeTasks(db, { now: new Date(), caseIds: [caseId] });
  });
  await page.reload();
  await expect(page.getByRole("heading", { name: "Tasks" })).toBeVisible();
  await expect(page.getByText(caseNumber)).toHaveCount(0);
  await page.goto(`/cases/${caseId}`);
  await expect(page.getByTestId("tasks-panel")).toContainText("No open tasks");
});
