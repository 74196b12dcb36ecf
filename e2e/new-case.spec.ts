import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, signInThroughForm, test } from "./fixtures";

// A name of this run only, random throughout: a shared stem would make two runs' names similar
// enough for the duplicate check, and a first registration must meet no duplicate.
const syllable = (byte: number) => "бгдзклмнпрстфхшж"[byte >> 4]! + "аеіоұүыә"[byte & 7]!;
const randomFamilyName = () =>
  Array.from(randomBytes(5), syllable)
    .join("")
    .replace(/^./, (c) => c.toUpperCase()) + "ова";

async function fill(page: Page, familyName: string) {
  await page.goto("/cases/new");
  await page.getByLabel("Family name").fill(familyName);
  await page.getByLabel("Given name").fill("Әйгерім");
  await page.getByLabel("Sex").selectOption("FEMALE");
  await page.getByLabel("Date of birth", { exact: true }).fill("1994-06-12");
  await page.getByLabel("Region of residence").selectOption({ index: 1 });
  await page.getByLabel("Date of return").fill("2019-05-28");
  await page.getByLabel("Operation or route of return").selectOption("ZHUSAN_3");
  await page.getByLabel("Returned from").fill("SY");
  await page.getByLabel("Other name 1").fill("أم يوسف");
  await page.getByLabel("Kind").first().selectOption("KUNYA");
}

/** Registers a person through the form, as the caseworker, and returns the new case number. */
async function register(page: Page, familyName: string): Promise<string> {
  await fill(page, familyName);
  await expect(page.getByTestId("possible-duplicates")).toContainText("No possible duplicate found so far.");
  await page.getByRole("button", { name: "Register case" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(familyName);
  const caseNumber = page.locator("header p.font-mono");
  await expect(caseNumber).toHaveText(/^KZ-2019-\d{6}$/);
  return (await caseNumber.textContent()) ?? "";
}

test("a caseworker registers a new case; registering the same person again shows the duplicate while typing, opens it in a new tab and keeps the form", async ({
  signedInAs,
}) => {
  const page = await signedInAs("CASEWORKER");
  const familyName = randomFamilyName();
  const caseNumber = await register(page, familyName);

  await fill(page, familyName);
  // Before any submit: the check ran as the fields were typed.
  const panel = page.getByTestId("possible-duplicates");
  await expect(panel).toContainText(familyName);
  const link = panel.getByRole("link", { name: new RegExp(caseNumber) });
  await expect(link).toHaveAttribute("target", "_blank");
  await expect(link).toHaveAttribute("rel", /\bnoopener\b/);

  const [opened] = await Promise.all([page.waitForEvent("popup"), link.click()]);
  await expect(opened.getByRole("heading", { level: 1 })).toContainText(familyName);
  await opened.close();
  await expect(page).toHaveURL(/\/cases\/new$/);
  await expect(page.getByLabel("Family name")).toHaveValue(familyName);
  await expect(page.getByLabel("Date of birth", { exact: true })).toHaveValue("1994-06-12");
  await expect(page.getByLabel("Returned from")).toHaveValue("SY");
  await expect(page.getByLabel("Other name 1")).toHaveValue("أم يوسف");

  // The registration checks again and still wants the confirmation.
  await page.getByRole("button", { name: "Register case" }).click();
  await expect(page.getByText("Possible duplicates found")).toBeVisible();
  await expect(page).toHaveURL(/\/cases\/new$/);
  await expect(page.getByLabel("Family name")).toHaveValue(familyName);
});

test("a colleague who may not open the matching case learns only that it exists and which region to ask", async ({
  signedInAs,
  otherPage,
}) => {
  const familyName = randomFamilyName();
  const caseNumber = await register(await signedInAs("CASEWORKER"), familyName);

  const colleague = await otherPage();
  await signInThroughForm(colleague, "caseworker2@example.org");
  await expect(colleague.getByTestId("signed-in-as")).toBeVisible();
  await fill(colleague, familyName);
  const panel = colleague.getByTestId("possible-duplicates");
  await expect(panel).toContainText("A possible duplicate (similar name, close birth date) is registered in");
  await expect(panel).toContainText("ask that region's supervisor");
  await expect(panel).not.toContainText(caseNumber);
  await expect(panel).not.toContainText(familyName);
  await expect(panel).not.toContainText("1994");
  await expect(panel.getByRole("link")).toHaveCount(0);
});

test("a wrong IIN is explained next to the field and nothing is saved", async ({ signedInAs }) => {
  const page = await signedInAs("CASEWORKER");
  await page.goto("/cases/new");
  await page.getByLabel("Family name").fill("Тестова");
  await page.getByLabel("Given name").fill("Алия");
  await page.getByLabel("Sex").selectOption("FEMALE");
  await page.getByLabel("Date of birth", { exact: true }).fill("1990-03-15");
  await page.getByLabel("IIN").fill("900315400000");
  await page.getByRole("button", { name: "Register case" }).click();
  await expect(page.locator("#iin-error")).toContainText(/IIN/);
  await expect(page.getByLabel("Family name")).toHaveValue("Тестова");
  await expect(page).toHaveURL(/\/cases\/new$/);
});
