import { randomBytes } from "node:crypto";
import { expect, test } from "./fixtures";

test("a caseworker registers a new case, and a second registration of the same person first shows the possible duplicate", async ({ signedInAs }) => {
  const page = await signedInAs("CASEWORKER");
  // A name of this run only, random throughout: a shared stem would make two runs' names similar
  // enough for the duplicate check, and the first registration must meet no duplicate.
  const syllable = (byte: number) => "бгдзклмнпрстфхшж"[byte >> 4]! + "аеіоұүыә"[byte & 7]!;
  const familyName = Array.from(randomBytes(5), syllable).join("").replace(/^./, (c) => c.toUpperCase()) + "ова";
  const fill = async () => {
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
  };

  await fill();
  await page.getByRole("button", { name: "Register case" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(familyName);
  await expect(page.locator("header p.font-mono")).toHaveText(/^KZ-2019-\d{6}$/);

  await fill();
  await page.getByRole("button", { name: "Register case" }).click();
  const panel = page.getByTestId("possible-duplicates");
  await expect(panel).toContainText(familyName);
  await expect(page).toHaveURL(/\/cases\/new$/);
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
