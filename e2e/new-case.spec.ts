import { expect, test } from "./fixtures";

test("a caseworker registers a new case, and a second registration of the same person first shows the possible duplicate", async ({ signedInAs }) => {
  const page = await signedInAs("CASEWORKER");
  // A name of this run only, so the first registration meets no duplicate.
  const familyName = `Жаңабаева-${Array.from(Date.now().toString(16).slice(-6), (c) => "бвгдклмнпрстфхшз"[parseInt(c, 16)]).join("")}`;
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
