import { randomUUID } from "node:crypto";
import { createDb } from "../lib/db/client";
import { expect, test } from "./fixtures";

function database() {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error("E2E_DATABASE_URL is not set: run the browser tests through `npm test`");
  return createDb(url);
}

/** The caseworker's case no other spec edits: in proceedings and in a household, the last by number. */
async function caseWithMoreNotesThanAPage(run: string) {
  const db = database();
  const target = await db.person.findFirstOrThrow({
    where: { caseworker: { email: "caseworker@example.org" }, prosecutionStatus: { not: "NO_PROCEEDINGS" }, households: { some: {} } },
    orderBy: { caseNumber: "desc" },
    select: { id: true },
  });
  const author = await db.user.findUniqueOrThrow({ where: { email: "caseworker@example.org" }, select: { id: true } });
  // Written in the database, as the demo data write theirs: 25 saves through the form would take a minute.
  const start = Date.now() - 60_000;
  await db.note.createMany({
    data: Array.from({ length: 25 }, (_, i) => ({
      personId: target.id,
      body: `Страница ${run} №${i + 1}`,
      authorId: author.id,
      createdAt: new Date(start + i * 1000),
    })),
  });
  const total = await db.note.count({ where: { personId: target.id } });
  await db.$disconnect();
  return { caseId: target.id, total };
}

test("a case with more notes than a page shows the newest 20, the next ones through Show more, and a new note at the top", async ({
  signedInAs,
}) => {
  const run = randomUUID().slice(0, 8);
  const { caseId, total } = await caseWithMoreNotesThanAPage(run);
  const note = (n: number) => `Страница ${run} №${n}`;
  const page = await signedInAs("CASEWORKER");
  await page.goto(`/cases/${caseId}`);

  const notes = page.getByTestId("note-entry");
  await expect(notes).toHaveCount(20);
  await expect(notes.first()).toContainText(note(25));
  await expect(page.getByText(note(6), { exact: true })).toBeVisible();
  await expect(page.getByText(note(5), { exact: true })).toHaveCount(0);
  await expect(page.getByTestId("notes-count")).toHaveText(`Showing 20 of ${total.toLocaleString("en")} notes`);

  await page.getByTestId("notes-pages").getByRole("link", { name: "Show more" }).click();
  await expect(page).toHaveURL(/[?&]notes=[0-9a-f-]{36}/);
  await expect(notes.first()).toContainText(note(5));
  await expect(page.getByText(note(6), { exact: true })).toHaveCount(0);
  await expect(page.getByTestId("notes-count")).toHaveText(`Showing 21–${Math.min(40, total)} of ${total.toLocaleString("en")} notes`);

  await page.getByTestId("notes-pages").getByRole("link", { name: "Back to the newest" }).click();
  await expect(notes.first()).toContainText(note(25));
  const viewsBefore = await viewsOf(caseId);
  // The save's answer, read on its way to the page (the browser does not keep a streamed body).
  let answer = "";
  await page.route(`**/cases/${caseId}**`, async (route) => {
    if (route.request().method() !== "POST") return route.fallback();
    const response = await route.fetch();
    const body = await response.body();
    answer = body.toString("utf8");
    await route.fulfill({ response, body });
  });
  await page.getByLabel("New note").fill(`Новая ${run}`);
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Note added." })).toBeVisible();
  await expect(notes.first()).toContainText(`Новая ${run}`);
  await expect(page.getByTestId("notes-count")).toHaveText(`Showing 20 of ${(total + 1).toLocaleString("en")} notes`);
  await expect(page.getByTestId("history-entry").first()).toContainText("Note added");
  // The save answers with the notes and the history it changed, not the whole page again
  // (docs/decisions/032); the page the save sent back is the same visit: no second view.
  expect(answer).toContain("note-entry");
  expect(answer).not.toContain("prosecution-panel");
  await page.unrouteAll();
  expect(await viewsOf(caseId)).toBe(viewsBefore);

  // A second note from the same open form, at once, goes on top of the first.
  await page.getByLabel("New note").fill(`Вторая ${run}`);
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(notes.first()).toContainText(`Вторая ${run}`);
  await expect(notes.nth(1)).toContainText(`Новая ${run}`);
  await expect(page.getByTestId("notes-count")).toHaveText(`Showing 20 of ${(total + 2).toLocaleString("en")} notes`);

  // Leaving and coming Back shows the page as it is now, both notes included, not as the browser
  // kept it before the saves.
  await page.getByRole("link", { name: "← All cases" }).click();
  await expect(page).toHaveURL(/\/cases$/);
  await page.goBack();
  await expect(notes.first()).toContainText(`Вторая ${run}`);
  await expect(notes.nth(1)).toContainText(`Новая ${run}`);

  // The page (and so a save's answer, rendered from the same layout) carries its content, not the
  // message catalog again: the browser keeps that in a script of the build.
  const html = await (await page.request.get(`/cases/${caseId}`)).text();
  expect(html).toContain("notes-panel");
  expect(html).not.toContain("Names several values: choose one");
});

async function viewsOf(caseId: string): Promise<number> {
  const db = database();
  try {
    return await db.auditEvent.count({ where: { chain: caseId, action: "case.viewed" } });
  } finally {
    await db.$disconnect();
  }
}

test("the history filtered by kind shows only that kind, and a malformed cursor or kind opens the first page", async ({ signedInAs }) => {
  const db = database();
  const target = await db.person.findFirstOrThrow({
    where: { caseworker: { email: "caseworker@example.org" } },
    orderBy: { caseNumber: "asc" },
    select: { id: true },
  });
  await db.$disconnect();
  const page = await signedInAs("CASEWORKER");
  await page.goto(`/cases/${target.id}?history=nonsense&notes=%27%20OR%201%3D1&kind=auth`);
  await expect(page.getByTestId("history-entry").first()).toBeVisible();
  await expect(page.getByTestId("history-count")).toContainText(/^Showing \d+ of/);

  await page.getByTestId("history-kinds").getByRole("link", { name: "Case", exact: true }).click();
  await expect(page).toHaveURL(/[?&]kind=case/);
  await expect(page.getByTestId("history-kinds").getByRole("link", { name: "Case", exact: true })).toHaveAttribute("aria-current", "page");
  const entries = page.getByTestId("history-entry");
  await expect(entries.last()).toContainText("Case created");
  for (const text of await entries.allTextContents()) expect(text).toMatch(/^(Case created|Caseworker assigned)/);
});
