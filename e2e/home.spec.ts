import { expect, test } from "./fixtures";

test("a caseworker starts the day from a worklist of their own cases, most urgent first, one click from each case", async ({
  signedInAs,
}) => {
  const page = await signedInAs("CASEWORKER");
  const worklist = page.getByTestId("worklist");
  await expect(worklist.getByRole("heading", { name: "Needs your action" })).toBeVisible();
  const items = worklist.getByTestId("work-item");
  await expect(items.first()).toBeVisible();
  // The figures follow the list.
  const list = await worklist.boundingBox();
  const figures = await page.locator("[data-testid^=figure-]").first().boundingBox();
  expect(list!.y).toBeLessThan(figures!.y);

  const kinds = await items.evaluateAll((nodes) => nodes.map((node) => node.getAttribute("data-kind")));
  const rank = { programOverdue: 0, referralWaiting: 1, programMissing: 2 } as Record<string, number>;
  expect(kinds.map((kind) => rank[kind ?? ""])).toEqual([...kinds.map((kind) => rank[kind ?? ""])].sort((a, b) => (a ?? 0) - (b ?? 0)));

  const first = items.first().getByRole("link");
  const name = (await first.textContent()) ?? "";
  await first.click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name.split(" ")[0] ?? "");
});

test("the supervisor's home page has no caseworker worklist", async ({ signedInAs }) => {
  const page = await signedInAs("SUPERVISOR");
  await expect(page.getByTestId("figure-openCases")).toBeVisible();
  await expect(page.getByTestId("worklist")).toHaveCount(0);
});
