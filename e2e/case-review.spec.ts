import { randomInt } from "node:crypto";
import { createDb } from "../lib/db/client";
import { formatDay } from "../lib/i18n/format";
import { isoDayOf } from "../lib/calendar/calendar-day";
import { addDays } from "../lib/tasks/due-tasks";
import { recomputeTasks } from "../lib/task-store/recompute-tasks";
import { expect, test } from "./fixtures";

/**
 * A high-risk case of the demo caseworker's, registered 31 days ago and never reviewed, made for
 * this spec alone so no other spec's case changes under it.
 */
async function overdueHighRiskCase() {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error("E2E_DATABASE_URL is not set: run the browser tests through `npm test`");
  const db = createDb(url);
  try {
    const [caseworker, region, operation] = await Promise.all([
      db.user.findUniqueOrThrow({ where: { email: "caseworker@example.org" }, select: { id: true } }),
      db.region.findUniqueOrThrow({ where: { code: "ALMATY_CITY" }, select: { id: true } }),
      db.returnOperation.findFirstOrThrow({ select: { code: true } }),
    ]);
    const registered = new Date(Date.now() - 31 * 86_400_000);
    const person = await db.person.create({
      data: {
        caseNumber: `KZ-2097-${String(randomInt(0, 1_000_000)).padStart(6, "0")}`,
        familyName: "Обзорова",
        givenName: "Айгерим",
        familyNameLatin: "Obzorova",
        givenNameLatin: "Aigerim",
        searchName: "obzorova aigerim",
        sex: "FEMALE",
        birthDate: new Date("1992-04-11"),
        regionId: region.id,
        returnDate: new Date("2019-05-07"),
        returnOperationCode: operation.code,
        returnedFrom: "SY",
        ageCategory: "ADULT_WOMAN",
        riskLevel: "HIGH",
        // Serving a sentence: out of the review queue, so the review is the case's one task.
        prosecutionStatus: "SERVING_SENTENCE",
        caseworkerId: caseworker.id,
        createdAt: registered,
      },
      select: { id: true },
    });
    // Its tasks stored now, as the nightly recomputation would.
    await recomputeTasks(db, { now: new Date(), caseIds: [person.id] });
    return { caseId: person.id, registeredOn: isoDayOf(registered) };
  } finally {
    await db.$disconnect();
  }
}

test("a caseworker sees the overdue case review at the top of the case, records the review, and the task moves to its next date", async ({
  signedInAs,
}) => {
  const { caseId, registeredOn } = await overdueHighRiskCase();
  const page = await signedInAs("CASEWORKER");
  await page.goto(`/cases/${caseId}`);

  const tasks = page.getByTestId("tasks-panel");
  await expect(tasks.getByRole("heading", { name: "Open tasks" })).toBeVisible();
  await expect(tasks.getByRole("listitem")).toHaveText([`Case review due ${formatDay("en", addDays(registeredOn, 30))} · overdue`]);

  const today = isoDayOf(new Date());
  await tasks.getByText("Record a case review").click();
  await tasks.getByLabel("Date of the review").fill(today);
  await expect(tasks.getByLabel("Risk level")).toHaveValue("HIGH");
  await tasks.getByLabel("What the review found").fill("Встреча с семьёй, риск подтверждён");
  await tasks.getByRole("button", { name: "Record review" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Case review recorded." })).toBeVisible();

  await expect(tasks.getByRole("listitem")).toHaveText([`Case review due ${formatDay("en", addDays(today, 30))}`]);
  const latest = page.getByTestId("history-entry").first();
  await expect(latest).toContainText("Case reviewed");
  await expect(latest).toContainText("Встреча с семьёй, риск подтверждён");
});
