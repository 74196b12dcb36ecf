import { randomInt } from "node:crypto";
import { createDb } from "../lib/db/client";
import type { PrismaClient } from "../lib/db/generated/client";
import { demoAccount, expect, signInThroughForm, test } from "./fixtures";

/*
 * A mother and her two children move from Almaty to Turkistan: their caseworker asks for the
 * transfer, a supervisor of Turkistan sees only the preview, accepts it naming a caseworker
 * there; the old caseworker's next click finds nothing, and the new supervisor finds the three
 * cases in the registry and the review queue.
 */

const RECEIVER = "transfers-supervisor@example.org";
const TAKER = "transfers-caseworker@example.org";
let db: PrismaClient;
let takerId: string;

test.beforeAll(async () => {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error("E2E_DATABASE_URL is not set: run the browser tests through `npm test`");
  db = createDb(url);
  const [supervisor, turkistan] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { email: demoAccount("SUPERVISOR").email }, select: { passwordHash: true } }),
    db.region.findUniqueOrThrow({ where: { code: "TURKISTAN" }, select: { id: true } }),
  ]);
  const account = (email: string, name: string, role: "SUPERVISOR" | "CASEWORKER") =>
    db.user.upsert({
      where: { email },
      update: {},
      create: { email, name, role, passwordHash: supervisor.passwordHash, regions: { create: [{ regionId: turkistan.id }] } },
      select: { id: true },
    });
  await account(RECEIVER, "Supervisor of Turkistan", "SUPERVISOR");
  // A caseworker of this spec alone, so the queue filtered by them lists exactly the family.
  takerId = (await account(TAKER, "Aigerim Receiving", "CASEWORKER")).id;
});

test.afterAll(async () => {
  await db?.$disconnect();
});

/** A mother and two children of the demo caseworker in Almaty, one household, the mother referred to a program there. */
async function family(surname: string) {
  const [caseworker, city, operation] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { email: demoAccount("CASEWORKER").email }, select: { id: true } }),
    db.region.findUniqueOrThrow({ where: { code: "ALMATY_CITY" }, select: { id: true } }),
    db.returnOperation.findFirstOrThrow({ select: { code: true } }),
  ]);
  const person = async (givenName: string, birthDate: string, ageCategory: "ADULT_WOMAN" | "MINOR") =>
    db.person.create({
      data: {
        caseNumber: `KZ-2019-7${String(randomInt(0, 99999)).padStart(5, "0")}`,
        familyName: surname,
        givenName,
        familyNameLatin: "Pereezdova",
        givenNameLatin: givenName,
        searchName: `pereezdova ${givenName.toLowerCase()}`,
        sex: "FEMALE",
        birthDate: new Date(birthDate),
        regionId: city.id,
        returnDate: new Date("2019-05-07"),
        returnOperationCode: operation.code,
        returnedFrom: "SY",
        ageCategory,
        caseworkerId: caseworker.id,
      },
      select: { id: true, caseNumber: true },
    });
  const mother = await person("Айгуль", "1990-02-03", "ADULT_WOMAN");
  const children = [await person("Амина", "2014-06-01", "MINOR"), await person("Сара", "2016-09-12", "MINOR")];
  await db.household.create({
    data: {
      label: surname,
      members: {
        create: [
          { personId: mother.id, relationship: "MOTHER" },
          ...children.map((child) => ({ personId: child.id, relationship: "CHILD" as const })),
        ],
      },
    },
  });
  const program = await db.program.findFirstOrThrow({ where: { regionId: city.id, active: true }, select: { id: true } });
  await db.enrollment.create({
    data: { personId: mother.id, programId: program.id, status: "REFERRED", referredOn: new Date("2024-01-10") },
  });
  return { mother, children, all: [mother, ...children] };
}

test("a mother and two children move to another region: the old caseworker loses them, the new region finds all three", async ({
  signedInAs,
  otherPage,
}) => {
  const surname = `Переездова${randomInt(100, 999)}`;
  const { mother, children, all } = await family(surname);

  // The caseworker asks for the transfer of the mother, the children ticked to move with her.
  const page = await signedInAs("CASEWORKER");
  await page.goto(`/cases/${mother.id}`);
  await page.getByText("Transfer to another region").click();
  const dialog = page.getByTestId("transfer-dialog");
  await dialog.getByLabel("Receiving region").selectOption({ label: "Turkistan Region" });
  await dialog.getByLabel("Legal basis").selectOption("RELOCATION");
  await dialog.getByLabel("Details of the basis").fill("Семья переехала к родственникам");
  for (const child of children) await dialog.getByLabel(new RegExp(child.caseNumber)).check();
  await dialog.getByRole("button", { name: "Request the transfer" }).click();
  // Requested, the dialog gives way to the pending transfer, shown above the record.
  const pending = page.getByTestId("transfer");
  await expect(pending).toContainText("Awaiting acceptance: transfer to Turkistan Region, requested by Kamila Caseworker");
  await expect(pending).toContainText(children[0]!.caseNumber);
  await page.screenshot({ path: "test-results/transfer-pending-case.png", fullPage: true });

  // The receiving supervisor sees the limited preview only: names, no case numbers, no way into the cases yet.
  const receiver = await otherPage();
  await signInThroughForm(receiver, RECEIVER);
  await expect(receiver.getByTestId("signed-in-as")).toBeVisible();
  await receiver.goto(`/cases/${mother.id}`);
  await expect(receiver.getByRole("heading", { name: "Not found" })).toBeVisible();
  await receiver.goto("/");
  await expect(receiver.getByTestId("home-to-confirm")).toContainText("awaits your confirmation");
  await receiver.goto("/review?tab=confirm");
  const item = receiver.getByTestId("transfer-to-receive").filter({ hasText: surname });
  await expect(item.getByTestId("transfer-members").locator("> li")).toHaveCount(3);
  await expect(item).toContainText("From Almaty to Turkistan Region");
  for (const person of all) await expect(item).not.toContainText(person.caseNumber);
  await receiver.screenshot({ path: "test-results/transfer-to-receive.png", fullPage: true });
  await item.getByLabel("Caseworker who takes the cases").selectOption({ label: "Aigerim Receiving" });
  await item.getByRole("button", { name: "Accept the transfer" }).click();
  // Decided, it leaves the list of what waits for this supervisor.
  await expect(item).toHaveCount(0);

  // The old caseworker's next click finds nothing: access follows the stored region.
  await page.getByRole("link", { name: "← All cases" }).click();
  await page.goto(`/cases/${children[1]!.id}`);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();

  // The new region's supervisor finds the three in the registry and the review queue, and opens them.
  await receiver.goto(`/cases?caseworker=${takerId}`);
  for (const person of all) await expect(receiver.getByTestId("registry-table")).toContainText(person.caseNumber);
  await receiver.goto(`/review?caseworker=${takerId}`);
  for (const person of all) await expect(receiver.getByTestId("review-table")).toContainText(person.caseNumber);
  await receiver.goto(`/cases/${mother.id}`);
  await expect(receiver.getByTestId("history-entry").filter({ hasText: "Transfer accepted" })).toHaveCount(1);
  await expect(receiver.getByTestId("history-entry").filter({ hasText: "Referral ended by transfer" })).toHaveCount(1);
});
