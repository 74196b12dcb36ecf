import { createDb } from "../lib/db/client";
import { Prisma, type PrismaClient } from "../lib/db/generated/client";
import { expect, test } from "./fixtures";

let db: PrismaClient;
let regionId: string;
let newCaseworker: { id: string; name: string };

test.beforeAll(async () => {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error("E2E_DATABASE_URL is not set: run the browser tests through `npm test`");
  db = createDb(url);
  regionId = (await db.region.findUniqueOrThrow({ where: { code: "ALMATY_REGION" }, select: { id: true } })).id;
  // A caseworker of this spec's own, so reassigning cases disturbs no demo account another spec relies on.
  const template = await db.user.findUniqueOrThrow({ where: { email: "caseworker3@example.org" }, select: { passwordHash: true } });
  const email = "review-spec-caseworker@example.org";
  // Each worker that runs this file's tests runs this too: when two upsert at once, the one that
  // loses the race fails on the unique email, and the row the other made is the one to use.
  newCaseworker = await db.user
    .upsert({
      where: { email },
      update: {},
      create: {
        email,
        name: "Nurlan Review",
        role: "CASEWORKER",
        passwordHash: template.passwordHash,
        regions: { create: [{ regionId }] },
      },
      select: { id: true, name: true },
    })
    .catch(async (error: unknown) => {
      if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
      return db.user.findUniqueOrThrow({ where: { email }, select: { id: true, name: true } });
    });
});

test.afterAll(async () => {
  await db?.$disconnect();
});

test("a supervisor bulk-assigns three people from the queue, refers one to a program, and that person leaves the queue", async ({
  signedInAs,
}) => {
  const page = await signedInAs("SUPERVISOR");
  await page.getByRole("link", { name: "Review" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Review");
  await page.goto(`/review?region=${regionId}`);
  const rows = page.getByTestId("review-row");
  await expect(rows.first()).toBeVisible();

  // Assign three.
  const chosen = await Promise.all([0, 1, 2].map((i) => rows.nth(i).getAttribute("data-case")));
  for (const i of [0, 1, 2]) await rows.nth(i).getByRole("checkbox").check();
  await page.getByLabel("Action").selectOption("assign");
  await page.getByLabel("Caseworker", { exact: true }).selectOption(newCaseworker.id);
  await page.getByRole("button", { name: "Apply to each" }).click();
  await expect(page.getByTestId("bulk-summary")).toContainText("3 done, 0 not done");
  const assigned = await db.person.findMany({ where: { id: { in: chosen as string[] } }, select: { caseworkerId: true } });
  expect(assigned.map((p) => p.caseworkerId)).toEqual([newCaseworker.id, newCaseworker.id, newCaseworker.id]);

  // Refer one whose only missing type a program of the region offers.
  await page.goto(`/review?region=${regionId}`);
  const single = page.locator('[data-testid="review-row"]:not([data-missing*=","])').first();
  const caseId = (await single.getAttribute("data-case"))!;
  const type = (await single.getAttribute("data-missing"))!;
  const program = await db.program.create({
    data: { name: "Review spec program", programTypeCode: type, provider: "Test", regionId, capacity: 20 },
    select: { id: true },
  });
  await page.reload();
  await page.locator(`[data-case="${caseId}"]`).getByRole("checkbox").check();
  await page.getByLabel("Action").selectOption("refer");
  await page.getByLabel("Program").selectOption(program.id);
  await page.getByRole("button", { name: "Apply to each" }).click();
  await expect(page.getByTestId("bulk-summary")).toContainText("1 done, 0 not done");
  await page.goto(`/review?region=${regionId}`);
  await expect(page.getByTestId("review-table")).toBeVisible();
  await expect(page.locator(`[data-case="${caseId}"]`)).toHaveCount(0);
});

test("an auditor reads the queue without the means to act on it", async ({ signedInAs }) => {
  const page = await signedInAs("AUDITOR");
  await page.getByRole("link", { name: "Review" }).click();
  await expect(page.getByTestId("review-row").first()).toBeVisible();
  await expect(page.getByRole("checkbox")).toHaveCount(1); // the "overdue only" filter
  await expect(page.getByRole("button", { name: "Apply to each" })).toHaveCount(0);
});

test("a supervisor selects everyone on the page at once, with the actions above the list and the highlight explained", async ({
  signedInAs,
}) => {
  const page = await signedInAs("SUPERVISOR");
  await page.goto(`/review?region=${regionId}`);
  const rows = page.getByTestId("review-row");
  await expect(rows.first()).toBeVisible();
  await expect(page.getByTestId("overdue-legend")).toContainText("more than 30 days since return without any enrollment");

  // The actions come before the first row, not thousands of pixels below it.
  const panel = await page.getByRole("group", { name: "Act on the ticked people" }).boundingBox();
  const firstRow = await rows.first().boundingBox();
  expect(panel!.y).toBeLessThan(firstRow!.y);

  await page.getByTestId("select-page").check();
  const count = await rows.count();
  await expect(page.getByTestId("selected-count")).toHaveText(`${count} people selected`);
  for (let i = 0; i < count; i += 1) await expect(rows.nth(i).getByRole("checkbox")).toBeChecked();
  await rows.first().getByRole("checkbox").uncheck();
  await expect(page.getByTestId("selected-count")).toHaveText(count - 1 === 1 ? "1 person selected" : `${count - 1} people selected`);
  await expect(page.getByTestId("select-page")).not.toBeChecked();
});
