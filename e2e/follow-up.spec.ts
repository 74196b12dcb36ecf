import { randomInt } from "node:crypto";
import { createDb } from "../lib/db/client";
import { formatDay } from "../lib/i18n/format";
import { isoDayOf } from "../lib/calendar/calendar-day";
import { addMonths } from "../lib/tasks/due-tasks";
import { recomputeTasks } from "../lib/task-store/recompute-tasks";
import { expect, test } from "./fixtures";

/**
 * A case of the demo caseworker's whose program was completed seven months ago, made for this
 * spec alone, with its tasks stored as the nightly recomputation would.
 */
async function caseWithCompletedProgram() {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error("E2E_DATABASE_URL is not set: run the browser tests through `npm test`");
  const db = createDb(url);
  try {
    const [caseworker, region, operation] = await Promise.all([
      db.user.findUniqueOrThrow({ where: { email: "caseworker@example.org" }, select: { id: true } }),
      db.region.findUniqueOrThrow({ where: { code: "ALMATY_CITY" }, select: { id: true } }),
      db.returnOperation.findFirstOrThrow({ select: { code: true } }),
    ]);
    const program = await db.program.findFirstOrThrow({ where: { regionId: region.id }, select: { id: true, name: true } });
    const person = await db.person.create({
      data: {
        caseNumber: `KZ-2096-${String(randomInt(0, 1_000_000)).padStart(6, "0")}`,
        familyName: "Проверкина",
        givenName: "Дана",
        familyNameLatin: "Proverkina",
        givenNameLatin: "Dana",
        searchName: "proverkina dana",
        sex: "FEMALE",
        birthDate: new Date("1990-02-03"),
        regionId: region.id,
        returnDate: new Date("2019-05-07"),
        returnOperationCode: operation.code,
        returnedFrom: "SY",
        ageCategory: "ADULT_WOMAN",
        riskLevel: "LOW",
        caseworkerId: caseworker.id,
      },
      select: { id: true },
    });
    const completedOn = addMonths(isoDayOf(new Date()), -7);
    await db.enrollment.create({
      data: {
        personId: person.id,
        programId: program.id,
        status: "COMPLETED",
        referredOn: new Date(`${addMonths(completedOn, -3)}T00:00:00Z`),
        enrolledOn: new Date(`${addMonths(completedOn, -2)}T00:00:00Z`),
        completedOn: new Date(`${completedOn}T00:00:00Z`),
      },
    });
    await recomputeTasks(db, { now: new Date(), caseIds: [person.id] });
    return { caseId: person.id, completedOn };
  } finally {
    await db.$disconnect();
  }
}

test("a caseworker records the six-month follow-up of a completed program with an outcome from the list, and its task closes", async ({
  signedInAs,
}) => {
  const { caseId, completedOn } = await caseWithCompletedProgram();
  const page = await signedInAs("CASEWORKER");
  await page.goto(`/cases/${caseId}`);

  const tasks = page.getByTestId("tasks-panel");
  const sixMonths = `Program follow-up due ${formatDay("en", addMonths(completedOn, 6))} · overdue`;
  const twelveMonths = `Program follow-up due ${formatDay("en", addMonths(completedOn, 12))}`;
  await expect(tasks.getByRole("listitem").filter({ hasText: "Program follow-up" })).toHaveText([sixMonths, twelveMonths]);

  await tasks.getByText("Record a program follow-up").click();
  await expect(tasks.getByLabel("Which follow-up")).toHaveValue("6");
  await tasks.getByLabel("What the follow-up found").fill("Работает, семья поддерживает");
  // No outcome chosen: refused next to the field, the note kept.
  await tasks.getByRole("button", { name: "Record follow-up" }).click();
  await expect(tasks.getByText("Required.")).toBeVisible();
  await expect(tasks.getByLabel("What the follow-up found")).toHaveValue("Работает, семья поддерживает");
  await page.screenshot({ path: "test-results/follow-up-form.png", fullPage: true });

  await tasks.getByLabel("Outcome").selectOption("STABLE");
  await tasks.getByRole("button", { name: "Record follow-up" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Follow-up recorded." })).toBeVisible();
  await expect(tasks.getByRole("listitem").filter({ hasText: "Program follow-up" })).toHaveText([twelveMonths]);
  const recorded = page.getByTestId("history-entry").filter({ hasText: "Follow-up recorded" });
  await expect(recorded).toContainText("Stable");
});
