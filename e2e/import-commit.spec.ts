import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { createDb } from "../lib/db/client";
import type { PrismaClient } from "../lib/db/generated/client";
import { templateFields, type ImportSheetName } from "../lib/import/import-fields";
import { expect, signedInContext, test } from "./fixtures";

/** The Russian template's sheet names, from the catalog: Playwright's loader takes no import of a JSON file. */
const SHEET_TITLES = (
  JSON.parse(readFileSync("messages/ru.json", "utf8")) as { import: { template: { sheets: Record<ImportSheetName, string> } } }
).import.template.sheets;

let db: PrismaClient;
let regionName: string;
let operationCode: string;
let program: { name: string; programTypeCode: string };

test.beforeAll(async () => {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error("E2E_DATABASE_URL is not set: run the browser tests through `npm test`");
  db = createDb(url);
  const supervisor = await db.user.findUniqueOrThrow({
    where: { email: "supervisor@example.org" },
    select: { regions: { select: { regionId: true, region: { select: { nameRu: true } } } } },
  });
  regionName = supervisor.regions[0]?.region.nameRu ?? "";
  program = await db.program.findFirstOrThrow({
    where: { regionId: supervisor.regions[0]?.regionId, active: true },
    select: { name: true, programTypeCode: true },
  });
  operationCode = (await db.returnOperation.findFirstOrThrow({ select: { code: true } })).code;
});

test.afterAll(async () => {
  await db?.$disconnect();
});

const uniqueName = () =>
  `Перенос${Array.from(randomUUID().replace(/-/g, "").slice(0, 8), (c) => "бвгдклмнпрстфхш"[parseInt(c, 16) % 15]).join("")}`;

/**
 * The Russian template with all four sheets: one person with aliases, and another written twice; the
 * two spouses, the first one's prosecution history with one move the table forbids, and a referral.
 */
async function officeFile(): Promise<{ bytes: Buffer; names: string[] }> {
  const workbook = new ExcelJS.Workbook();
  const addSheet = (kind: ImportSheetName, rows: Record<string, string | number>[]) => {
    const sheet = workbook.addWorksheet(SHEET_TITLES[kind]);
    const fields = templateFields(kind);
    sheet.addRow(fields.map((field) => field.headers.ru[0]));
    for (const values of rows) sheet.addRow(fields.map((field) => values[field.key] ?? null));
  };
  const names = [uniqueName(), uniqueName()];
  const row = (key: string, familyName: string, aliases: string): Record<string, string> => ({
    key,
    familyName,
    givenName: "Нурлан",
    sex: "Мужской",
    // Far from the demo persons' and other specs' birth dates, so the registry holds no look-alike.
    birthDate: "04.11.1952",
    aliases,
    region: regionName,
    returnDate: "07.05.2019",
    returnOperation: operationCode,
    returnedFrom: "SY",
  });
  addSheet("persons", [row("1", names[0]!, "Abu Nurlan; Нурик"), row("2", names[1]!, ""), row("3", names[1]!, "")]);
  addSheet("household", [{ person: "1", personRole: "SPOUSE", relative: "2", relativeRole: "SPOUSE" }]);
  addSheet("prosecution", [
    { person: "1", status: "CHARGED", effectiveDate: "01.03.2020", reason: "Предъявлено обвинение" },
    { person: "1", status: "UNDER_INVESTIGATION", effectiveDate: "15.01.2020", reason: "Задержан" },
    { person: "1", status: "RELEASED_AFTER_SENTENCE", effectiveDate: "01.06.2020", reason: "Ошибка" },
  ]);
  addSheet("enrollments", [{ person: "1", program: program.name, programType: program.programTypeCode, referredOn: "01.02.2021" }]);
  return { bytes: Buffer.from(await workbook.xlsx.writeBuffer()), names };
}

test("a supervisor decides on a duplicate, commits a file into cases with their history, and the same file again creates nothing", async ({
  signedInAs,
}) => {
  const page = await signedInAs("SUPERVISOR");
  const file = await officeFile();
  await page.goto("/import");
  await page.getByLabel(/Excel workbook/).setInputFiles({ name: "office.xlsx", mimeType: "application/octet-stream", buffer: file.bytes });
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("import-count-possibleDuplicates")).toContainText("2");
  await page.getByTestId("import-open-batch").click();

  await expect(page.getByTestId("import-batch-state")).toHaveText("Previewed, not committed");
  await page.getByLabel(/^Row 3:/).selectOption("create");
  await page.getByLabel(/^Row 4:/).selectOption("skip");
  await page.getByLabel("Reason for the import").fill("Картотека области");
  await page.screenshot({ path: "test-results/import-batch-page.png", fullPage: true });
  await page.getByRole("button", { name: "Commit the file" }).click();
  await expect(page.getByTestId("import-batch-state")).toHaveText("Committed");
  await expect(page.getByTestId("import-result-created")).toContainText("2");
  await expect(page.getByTestId("import-result-skipped")).toContainText("1");
  await expect(page.getByTestId("import-result-row-4")).toContainText("Skipped");
  await page.screenshot({ path: "test-results/import-batch-result.png", fullPage: true });

  const first = await db.person.findFirstOrThrow({
    where: { familyName: file.names[0] },
    include: { aliases: true, households: true, enrollments: true },
  });
  expect(first.aliases.map((a) => a.value).sort()).toEqual(["Abu Nurlan", "Нурик"]);
  // The other sheets, after the persons: the history in date order up to the move the table refuses.
  expect(first.prosecutionStatus).toBe("CHARGED");
  expect(first.households).toHaveLength(1);
  expect(first.enrollments.map((e) => e.status)).toEqual(["REFERRED"]);
  const prosecutionSheet = SHEET_TITLES.prosecution;
  await expect(page.getByTestId(`import-result-row-${prosecutionSheet}-3`)).toContainText("Written to the case");
  await expect(page.getByTestId(`import-result-row-${prosecutionSheet}-4`)).toContainText("cannot go from");
  expect(await db.person.count({ where: { familyName: file.names[1] } })).toBe(1);
  await expect(page.getByTestId("import-result-row-2")).toContainText(first.caseNumber);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("import-result-download").click()]);
  const result = new ExcelJS.Workbook();
  await result.xlsx.readFile(await download.path());
  const lines = result.worksheets[0]!.getSheetValues().flat().map(String);
  expect(lines).toContain(first.caseNumber);

  await page.getByTestId("import-result-row-2").getByRole("link", { name: first.caseNumber }).click();
  await expect(page.getByText("Case created").first()).toBeVisible();

  // The same file again: every row is recognised, nothing is created.
  const before = await db.person.count();
  await page.goto("/import");
  await page.getByLabel(/Excel workbook/).setInputFiles({ name: "office.xlsx", mimeType: "application/octet-stream", buffer: file.bytes });
  await page.getByRole("button", { name: "Preview" }).click();
  // Rows 2 and 3 became cases: counted as imported before, not offered as duplicates of themselves.
  // Row 4, skipped before, is asked about again and skipped again.
  await expect(page.getByTestId("import-imported-before")).toContainText("2 rows of this file were imported before");
  await page.getByTestId("import-open-batch").click();
  await expect(page.getByLabel(/^Row 4:/)).toBeVisible();
  await expect(page.getByLabel(/^Row 2:/)).toHaveCount(0);
  await page.getByLabel(/^Row 4:/).selectOption("skip");
  await page.getByLabel("Reason for the import").fill("Повторная загрузка");
  await page.getByRole("button", { name: "Commit the file" }).click();
  await expect(page.getByTestId("import-batch-state")).toHaveText("Committed");
  await expect(page.getByTestId("import-result-created")).toContainText("0");
  await expect(page.getByTestId("import-result-alreadyImported")).toContainText("2");
  expect(await db.person.count()).toBe(before);

  await page.goto("/import");
  await expect(page.getByTestId("import-batches")).toContainText("office.xlsx");
});

test("a caseworker reaches neither a batch's page nor its result; an auditor reads both", async ({ baseURL, signedInAs }) => {
  const supervisor = await db.user.findUniqueOrThrow({ where: { email: "supervisor@example.org" }, select: { id: true, regions: true } });
  const batch = await db.importBatch.create({
    data: {
      createdById: supervisor.id,
      fileName: "scope.xlsx",
      fileSha256: "0".repeat(64),
      fileSize: 1,
      fileBytes: new Uint8Array([0]),
      sheet: "Лица",
      columns: {},
      regionIds: supervisor.regions.map((r) => r.regionId),
      preview: { counts: { rows: 0, ready: 0, withProblems: 0, possibleDuplicates: 0 }, columns: [], rows: [] },
      rows: 0,
    },
  });
  const page = await signedInAs("CASEWORKER");
  expect((await page.goto(`/import/batches/${batch.id}`))?.status()).toBe(404);
  const [caseworker, auditor] = await Promise.all([
    signedInContext(baseURL ?? "", "caseworker@example.org"),
    signedInContext(baseURL ?? "", "auditor@example.org"),
  ]);
  const refused = await caseworker.get(`/api/import/batches/${batch.id}/result?lang=en`);
  expect(refused.status()).toBe(404);
  expect(await refused.json()).toEqual({ error: "notFound" });
  const served = await auditor.get(`/api/import/batches/${batch.id}/result?lang=ru`);
  expect(served.status()).toBe(200);
  expect(served.headers()["cache-control"]).toContain("no-store");
  expect((await auditor.get(`/api/import/batches/not-a-batch/result?lang=ru`)).status()).toBe(400);
  await Promise.all([caseworker.dispose(), auditor.dispose()]);
});
