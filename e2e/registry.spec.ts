import { createDb } from "../lib/db/client";
import { expect, test } from "./fixtures";

// The spec reads the seeded database only to pick ids; everything it asserts comes through the browser.
function database() {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error("E2E_DATABASE_URL is not set: run the browser tests through `npm test`");
  return createDb(url);
}

test("a caseworker finds a person by a Latin spelling of a Cyrillic name and opens the case", async ({ signedInAs }) => {
  const db = database();
  const own = await db.person.findFirstOrThrow({
    where: { caseworker: { email: "caseworker@example.org" } },
    orderBy: { caseNumber: "asc" },
    select: { id: true, caseNumber: true, familyNameLatin: true, familyName: true },
  });
  await db.$disconnect();

  const page = await signedInAs("CASEWORKER");
  await page.getByRole("link", { name: "Cases" }).click();
  const total = page.getByTestId("registry-total");
  const unfiltered = (await total.textContent()) ?? "";
  // The search comes first and has the focus: typing starts the search.
  await expect(page.getByLabel(/Search by case number/)).toBeFocused();
  await page.keyboard.type(own.familyNameLatin);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  // The unfiltered first page may list the same case: wait for the search's own answer.
  await expect(total).not.toHaveText(unfiltered);
  const link = page.getByRole("link", { name: own.caseNumber });
  await expect(link).toBeVisible();
  // The search text never reaches the address bar.
  expect(page.url()).not.toContain(own.familyNameLatin);

  await link.click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(own.familyName);
  await expect(page.getByTestId("case-history")).toContainText("Case created");

  // Back from the case: the same search and its results, still not in the address.
  await page.goBack();
  await expect(page.getByLabel(/Search by case number/)).toHaveValue(own.familyNameLatin);
  await expect(page.getByRole("link", { name: own.caseNumber })).toBeVisible();
  await expect(total).not.toHaveText(unfiltered);
  expect(page.url()).not.toContain(own.familyNameLatin);
});

test("a caseworker opening another caseworker's case URL gets the not-found page", async ({ signedInAs }) => {
  const db = database();
  const colleagues = await db.person.findFirstOrThrow({
    where: { caseworker: { email: "caseworker2@example.org" } },
    select: { id: true },
  });
  await db.$disconnect();

  const page = await signedInAs("CASEWORKER");
  const response = await page.goto(`/cases/${colleagues.id}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});

test("the administrator has no registry", async ({ signedInAs }) => {
  const page = await signedInAs("ADMINISTRATOR");
  await expect(page.getByRole("link", { name: "Cases" })).toHaveCount(0);
  const response = await page.goto("/cases");
  expect(response?.status()).toBe(404);
});
