import AxeBuilder from "@axe-core/playwright";
import { createDb } from "../lib/db/client";
import { isoDayOf } from "../lib/calendar/calendar-day";
import { recomputeTasks } from "../lib/task-store/recompute-tasks";
import { addDays, addMonths } from "../lib/tasks/due-tasks";
import { expect, signInThroughForm, test } from "./fixtures";

/**
 * The clock is moved back, not into the server: a minor of the demo data, assigned to the demo
 * caseworker in the supervisor's region, who turned 18 some time ago, has their tasks recomputed as
 * the nightly job would have ten days before that birthday. The coming-of-age task stored then is
 * still open today, overdue, since nobody reviewed the person's required programs.
 */
async function demoMinorWhoCameOfAge(): Promise<{ caseId: string; caseNumber: string }> {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error("E2E_DATABASE_URL is not set: run the browser tests through `npm test`");
  const db = createDb(url);
  try {
    const [person] = await db.$queryRaw<{ id: string; caseNumber: string; birthDate: string }[]>`
      SELECT p.id::text, p.case_number AS "caseNumber", p.birth_date::text AS "birthDate"
      FROM person p
      JOIN app_user cw ON cw.id = p.caseworker_id AND cw.email = 'caseworker@example.org'
      JOIN user_region ur ON ur.region_id = p.region_id
      JOIN app_user s ON s.id = ur.user_id AND s.email = 'supervisor@example.org'
      WHERE p.age_category = 'MINOR' AND p.case_status = 'OPEN' AND p.birth_date + interval '18 years' < current_date - 40
        AND NOT EXISTS (SELECT 1 FROM task t WHERE t.person_id = p.id AND t.rule = 'comingOfAge')
      ORDER BY p.case_number LIMIT 1`;
    if (!person) throw new Error("the demo data has no minor of the demo caseworker who has come of age");
    const adultOn = addMonths(person.birthDate, 18 * 12);
    await recomputeTasks(db, { now: new Date(`${addDays(adultOn, -10)}T06:00:00Z`), caseIds: [person.id] });
    return { caseId: person.id, caseNumber: person.caseNumber };
  } finally {
    await db.$disconnect();
  }
}

test("a supervisor sees a demo minor's coming-of-age task, not the caseworker, and reviewing the required programs clears it", async ({
  signedInAs,
  otherPage,
}) => {
  const { caseId, caseNumber } = await demoMinorWhoCameOfAge();
  const page = await signedInAs("SUPERVISOR");
  await page.goto("/tasks?rule=comingOfAge&due=overdue");
  const row = page.getByTestId("task-row").filter({ hasText: caseNumber });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Review before the 18th birthday");
  await expect(row).toContainText("overdue");
  await expect(row).toContainText("Supervisors of the region");

  // The case's own caseworker has no such task, and no review to record.
  const caseworker = await otherPage();
  await signInThroughForm(caseworker, "caseworker@example.org");
  await expect(caseworker.getByTestId("signed-in-as")).toBeVisible();
  await caseworker.goto("/tasks?rule=comingOfAge");
  await expect(caseworker.getByRole("heading", { name: "Tasks" })).toBeVisible();
  await expect(caseworker.getByText(caseNumber)).toHaveCount(0);
  await caseworker.goto(`/cases/${caseId}`);
  await expect(caseworker.getByTestId("tasks-panel")).toBeVisible();
  await expect(caseworker.getByTestId("coming-of-age-panel")).toHaveCount(0);

  await row.getByRole("link", { name: caseNumber }).click();
  await expect(page).toHaveURL(new RegExp(`/cases/${caseId}$`));
  const tasks = page.getByTestId("tasks-panel");
  await expect(tasks.getByRole("listitem").filter({ hasText: "18th birthday" })).toContainText("overdue");
  const panel = page.getByTestId("coming-of-age-panel");
  // Schooling is a minor's requirement; vocational training an adult's.
  await expect(panel.getByRole("row", { name: /^Schooling/ })).toContainText("yes");
  await expect(panel.getByRole("row", { name: /^Vocational training/ })).toContainText("yes");
  await expect(panel.getByTestId("last-requirements-review")).toHaveText("Not reviewed yet.");
  await page.screenshot({ path: "test-results/coming-of-age-supervisor.png", fullPage: true });
  const { violations } = await new AxeBuilder({ page })
    .include('[data-testid="coming-of-age-panel"]')
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);

  await panel.getByText("Record the review of required programs").click();
  await panel.getByLabel("Date of the review").fill(isoDayOf(new Date()));
  await panel.getByLabel("What the review found").fill("Профессиональное обучение нужно, направить в колледж");
  await panel.getByRole("button", { name: "Record review" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Review of required programs recorded." })).toBeVisible();
  await expect(tasks.getByRole("listitem").filter({ hasText: "18th birthday" })).toHaveCount(0);
  await expect(panel.getByTestId("last-requirements-review")).toContainText("Профессиональное обучение нужно, направить в колледж");
  await expect(page.getByTestId("history-entry").first()).toContainText("Required programs reviewed");

  await page.goto("/tasks?rule=comingOfAge&due=overdue");
  await expect(page.getByRole("heading", { name: "Tasks" })).toBeVisible();
  await expect(page.getByText(caseNumber)).toHaveCount(0);
});
