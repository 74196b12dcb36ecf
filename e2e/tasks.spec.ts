import { randomInt } from "node:crypto";
import { createDb } from "../lib/db/client";
import { isoDayOf } from "../lib/calendar/calendar-day";
import { recomputeTasks } from "../lib/task-store/recompute-tasks";
import { addDays } from "../lib/tasks/due-tasks";
import { expect, signInThroughForm, test } from "./fixtures";

/**
 * The clock is moved by dating the data back, not by reaching into the server: a high-risk case of
 * the demo caseworker's whose last review was 31 days ago, made for this spec alone, and its tasks
 * recomputed as the nightly job would, straight on the test database. Unless `waiting`, the person
 * serves a sentence, so is out of the review queue and the review is the case's one task; waiting,
 * they have had no program since a return in 2008, before any demo person's, so their queue-target
 * task is the first of the supervisor's list.
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

async function reviewedMonthAgo({ waiting = false } = {}) {
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
        birthDate: new Date(waiting ? "1985-02-03" : "1990-02-03"),
        regionId: region.id,
        returnDate: new Date(waiting ? "2008-01-10" : "2019-05-07"),
        returnOperationCode: operation.code,
        returnedFrom: "SY",
        ageCategory: "ADULT_WOMAN",
        riskLevel: "HIGH",
        prosecutionStatus: waiting ? "NO_PROCEEDINGS" : "SERVING_SENTENCE",
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

test("a person past the review queue's target is the supervisors' task, and a closed case's tasks disappear from every list", async ({
  signedInAs,
}) => {
  const { caseId, caseNumber } = await reviewedMonthAgo({ waiting: true });
  const page = await signedInAs("SUPERVISOR");
  await page.goto(`/cases/${caseId}`);
  await expect(page.getByTestId("tasks-panel").getByRole("listitem").first()).toHaveText(
    /^Past the review queue's target with no program, due .* · for the region's supervisors · overdue$/,
  );
  await page.goto("/tasks?due=overdue&rule=queueTarget");
  const queueRow = page.getByTestId("task-row").filter({ hasText: caseNumber });
  await expect(queueRow).toContainText("Past the review queue's target");
  await expect(queueRow).toContainText("Supervisors of the region");
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

test("the administrator edits a task rule, sees it saved, and a stale save from the same form is refused with the conflict message", async ({
  signedInAs,
}) => {
  const page = await signedInAs("ADMINISTRATOR");
  await page.goto("/admin");
  await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Task rules" }).click();
  await expect(page.getByRole("heading", { name: "Task rules" })).toBeVisible();
  const form = page.getByTestId("task-rules");
  const low = form.getByLabel("Days between reviews, Low risk");
  await expect(low).toHaveValue("180");

  // A value out of bounds is refused next to its field.
  await form.getByLabel("Days between reviews, High risk").fill("0");
  await form.getByLabel("Reason").fill("Приказ министерства");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByText("Enter a whole number of days from 1 to 3650.")).toBeVisible();

  await form.getByLabel("Days between reviews, High risk").fill("30");
  await low.fill("181");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("task-rules").getByLabel("Days between reviews, Low risk")).toHaveValue("181");

  // Another administrator saves meanwhile; this form still carries the version it was opened at.
  await withDb((db) => db.setting.update({ where: { key: "tasks.rules" }, data: { version: { increment: 1 } } }));
  const again = page.getByTestId("task-rules");
  await again.getByLabel("Days between reviews, Low risk").fill("182");
  await again.getByLabel("Reason").fill("Уточнение");
  await again.getByRole("button", { name: "Save" }).click();
  await expect(again.getByRole("alert").filter({ hasText: "Someone else changed these settings meanwhile." })).toBeVisible();
  await expect(again.getByLabel("Days between reviews, Low risk")).toHaveValue("182");
  expect(await withDb((db) => db.setting.findUniqueOrThrow({ where: { key: "tasks.rules" } }))).toMatchObject({
    value: { caseReview: { LOW: 181 } },
  });

  // The defaults back for the other specs.
  await withDb((db) => db.setting.deleteMany({ where: { key: "tasks.rules" } }));
});
