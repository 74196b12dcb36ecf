import { expect, test } from "./fixtures";

test("the auditor's dashboard shows the published figures, and a count clicked lists exactly that many cases", async ({ signedInAs }) => {
  const page = await signedInAs("AUDITOR");
  await page.getByRole("link", { name: "Dashboard" }).click();
  // Other specs add Zhusan cases of their own; the independent returns before 2019 they never touch.
  await expect(page.getByTestId("fig-independent")).toHaveText("125");
  await expect(page.getByTestId("fig-independent-convicted")).toHaveText("57");
  await expect(page.getByTestId("fig-zhusan-men")).not.toBeEmpty();

  await page.getByTestId("fig-independent-convicted").click();
  await expect(page).toHaveURL(/\/cases\?.*convicted=yes/);
  await expect(page.getByTestId("registry-total")).toHaveText("57 cases");
  await expect(page.getByTestId("registry-extra-filters")).toContainText("convicted");

  await page.goBack();
  const chart = page.getByTestId("chart-age");
  const minors = chart.getByRole("row").filter({ hasText: "Minor" }).getByRole("link");
  const shown = (await minors.textContent())!.trim();
  await minors.click();
  await expect(page.getByTestId("registry-total")).toHaveText(`${shown} cases`);
});

test("a supervisor's dashboard counts only their two regions", async ({ signedInAs }) => {
  const page = await signedInAs("SUPERVISOR");
  await page.getByRole("link", { name: "Dashboard" }).click();
  const rows = page.getByTestId("chart-region").locator("tbody th");
  await expect(rows).toHaveCount(2);
  const regions = await rows.allTextContents();
  expect(regions.sort()).toEqual(["Almaty", "Almaty Region"]);
  await page.getByTestId("fig-overdue").click();
  await expect(page).toHaveURL(/\/review\?overdue=1/);
});
