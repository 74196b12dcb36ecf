import { randomUUID } from "node:crypto";
import ExcelJS from "exceljs";
import { createDb } from "../lib/db/client";
import type { PrismaClient } from "../lib/db/generated/client";
import { expect, signedInContext, test } from "./fixtures";

let db: PrismaClient;
let origin: string;
let region: { id: string; code: string };
let operationCode: string;
/** A registered person of the supervisor's region with an IIN, planted again in the file as a possible duplicate. */
let registered: { iin: string; birthDate: string; sex: "MALE" | "FEMALE"; caseNumber: string };

test.beforeAll(async ({ baseURL }) => {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error("E2E_DATABASE_URL is not set: run the browser tests through `npm test`");
  db = createDb(url);
  origin = new URL(baseURL ?? "").origin;
  const supervisor = await db.user.findUniqueOrThrow({
    where: { email: "supervisor@example.org" },
    select: { regions: { select: { region: { select: { id: true, code: true } } } } },
  });
  region = supervisor.regions[0]?.region ?? { id: "", code: "" };
  operationCode = (await db.returnOperation.findFirstOrThrow({ select: { code: true } })).code;
  const person = await db.person.findFirstOrThrow({
    where: { regionId: region.id, iin: { not: null }, sex: { in: ["MALE", "FEMALE"] } },
    select: { iin: true, birthDate: true, sex: true, caseNumber: true },
  });
  registered = {
    iin: person.iin ?? "",
    birthDate: person.birthDate.toISOString().slice(0, 10),
    sex: person.sex,
    caseNumber: person.caseNumber,
  };
});

test.afterAll(async () => {
  await db?.$disconnect();
});

const HEADERS = [
  "№",
  "Ф.И.О.",
  "Пол",
  "Дата рожд.",
  "ИИН",
  "Область",
  "Статус дела",
  "Дата возвращения",
  "Операция",
  "Откуда вернулся",
  "Примечание",
];
const uniqueName = () =>
  `Офис${Array.from(randomUUID().replace(/-/g, "").slice(0, 8), (c) => "бвгдклмнпрстфхш"[parseInt(c, 16) % 15]).join("")}`;

/** A sheet as a regional office keeps it: Russian headers of its own, its own words for sex, region and status. */
async function officeFile(rows: (string | number | Date)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Возвращенцы 2024");
  sheet.addRow(HEADERS);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const row = (n: number, name: string, birth: string | Date, iin: string, status = "В работе", sex = "м") => [
  n,
  name,
  sex,
  birth,
  iin,
  "Южная обл.",
  status,
  "07.05.2019",
  operationCode,
  "SY",
  "",
];

test("an office's own file is mapped column by column and value by value, previewed, saved, and its next file needs no questions", async ({
  signedInAs,
}) => {
  const twin = uniqueName();
  const first = await officeFile([
    row(1, `${twin} Ерлан Серікұлы`, "13.07.1953", ""),
    // An Excel date, and an IIN whose check digit is wrong.
    row(2, `${uniqueName()} Арман`, new Date(Date.UTC(1954, 2, 1)), "540301300019"),
    row(3, `${twin} Ерлан Серікұлы`, "13.07.1953", ""),
    // One word: no family name and given name can be told apart.
    row(4, "Петров", "13.07.1953", ""),
    row(
      5,
      `${uniqueName()} Нурлан`,
      registered.birthDate.split("-").reverse().join("."),
      registered.iin,
      "В работе",
      registered.sex === "MALE" ? "м" : "ж",
    ),
  ]);
  const page = await signedInAs("SUPERVISOR");
  await page.goto("/import");
  await page.getByLabel(/Excel workbook/).setInputFiles({ name: "office.xlsx", mimeType: "application/octet-stream", buffer: first });
  await page.getByRole("button", { name: "Preview", exact: true }).click();

  const mapping = page.getByTestId("import-mapping");
  await expect(mapping).toContainText("questions are left");
  const columns = page.getByTestId("import-columns");
  await expect(columns.getByLabel("Ф.И.О.")).toHaveValue("fullName");
  await expect(columns.getByLabel("Дата рожд.")).toHaveValue("birthDate");
  await expect(columns.getByLabel("ИИН")).toHaveValue("iin");
  await expect(columns.getByLabel("Область")).toHaveValue("region");
  await expect(columns.getByLabel("Статус дела")).toHaveValue("caseStatus");
  await expect(page.getByTestId("import-unsplit")).toContainText('Row 5: "Петров".');
  for (const header of ["№", "Примечание"]) await columns.getByLabel(header, { exact: true }).selectOption("-");

  await page.getByTestId("import-values-region").getByLabel("Южная обл.").selectOption(region.code);
  await page.getByTestId("import-values-caseStatus").getByLabel("В работе").selectOption("OPEN");
  const sex = page.getByTestId("import-values-sex");
  await sex.getByLabel("м", { exact: true }).selectOption("MALE");
  if (registered.sex === "FEMALE") await sex.getByLabel("ж", { exact: true }).selectOption("FEMALE");
  await expect(mapping).toContainText("Every column and value is understood");
  await page.screenshot({ path: test.info().outputPath("import-mapping.png"), fullPage: true });

  await page.getByRole("button", { name: "Check the rows with this mapping" }).click();
  await expect(page.getByTestId("import-count-rows")).toContainText("5");
  await expect(page.getByTestId("import-count-withProblems")).toContainText("2");
  await expect(page.getByTestId("import-count-possibleDuplicates")).toContainText("3");
  await expect(page.getByTestId("import-row-3")).toContainText("The IIN's check digit is wrong");
  await expect(page.getByTestId("import-row-5")).toContainText("The name is a single word");
  await expect(page.getByTestId("import-row-4")).toContainText("Same person as row 2");
  await expect(page.getByTestId("import-row-6")).toContainText(registered.caseNumber);
  await page.screenshot({ path: test.info().outputPath("import-mapping-preview.png"), fullPage: true });

  const name = `Южный офис ${randomUUID().slice(0, 8)}`;
  const save = page.getByTestId("import-save-mapping");
  await save.getByLabel("Name").fill(name);
  await save.getByRole("button", { name: "Save mapping" }).click();
  await expect(save.getByRole("status")).toHaveText("Mapping saved.");
  const stored = await db.importMapping.findFirstOrThrow({ where: { name }, select: { id: true, regionId: true } });
  expect(stored.regionId).toBe(region.id);
  expect(await db.auditEvent.count({ where: { entityId: stored.id, action: "import_mapping.created" } })).toBe(1);

  // The office's next file: other people, the same headers and words. No question: straight to the preview.
  const next = await officeFile([
    row(1, `${uniqueName()} Ерлан`, "13.07.1953", ""),
    row(2, `${uniqueName()} Данияр`, "02.02.1960", "", "в работе", "М"),
  ]);
  await page.reload();
  await page.getByLabel(/Excel workbook/).setInputFiles({ name: "office-2.xlsx", mimeType: "application/octet-stream", buffer: next });
  await page.getByRole("button", { name: "Preview", exact: true }).click();
  await expect(page.getByTestId("import-mapping-applied")).toContainText(`Saved mapping "${name}"`);
  await expect(page.getByTestId("import-count-rows")).toContainText("2");
  await expect(page.getByTestId("import-count-ready")).toContainText("2");
  await page.screenshot({ path: test.info().outputPath("import-mapping-applied.png"), fullPage: true });
});

test("the mapping step refuses roles that may not import, a foreign origin, a mapping that is not one and a saved mapping out of reach, never with a 5xx", async ({
  baseURL,
  playwright,
}) => {
  const [supervisor, caseworker, auditor, anonymous] = await Promise.all([
    signedInContext(baseURL ?? "", "supervisor@example.org"),
    signedInContext(baseURL ?? "", "caseworker@example.org"),
    signedInContext(baseURL ?? "", "auditor@example.org"),
    playwright.request.newContext({ baseURL }),
  ]);
  const bytes = await officeFile([row(1, `${uniqueName()} Ерлан`, "13.07.1953", "")]);
  const post = (
    context: typeof supervisor,
    path: string,
    extra: Record<string, string> = {},
    headers: Record<string, string> = { Origin: origin },
  ) =>
    context.post(path, { multipart: { file: { name: "f.xlsx", mimeType: "application/octet-stream", buffer: bytes }, ...extra }, headers });

  const proposed = await post(supervisor, "/api/import/columns");
  expect(proposed.status()).toBe(200);
  expect(await proposed.json()).toMatchObject({ status: "proposed", sheet: "Возвращенцы 2024" });

  const cases: [string, ReturnType<typeof post>, number, unknown][] = [
    ["no session", post(anonymous, "/api/import/columns"), 401, { error: "signIn" }],
    ["caseworker", post(caseworker, "/api/import/columns"), 404, { error: "notFound" }],
    ["auditor", post(auditor, "/api/import/columns"), 404, { error: "notFound" }],
    ["foreign origin", post(supervisor, "/api/import/columns", {}, { Origin: "https://elsewhere.example" }), 403, { error: "origin" }],
    ["not JSON", post(supervisor, "/api/import/columns", { mapping: "{" }), 400, { error: "invalid", fields: { mapping: "invalid" } }],
    [
      "an unknown field",
      post(supervisor, "/api/import/preview", {
        mapping: JSON.stringify({
          format: 1,
          sheets: { persons: { columns: [{ column: 1, header: "x", field: "passwordHash" }], values: {} } },
        }),
      }),
      400,
      { error: "invalid", fields: { mapping: "invalid" } },
    ],
    [
      "a mapping id that is none",
      post(supervisor, "/api/import/columns", { mappingId: "x" }),
      400,
      { error: "invalid", fields: { mappingId: "invalid" } },
    ],
    ["a saved mapping out of reach", post(supervisor, "/api/import/preview", { mappingId: randomUUID() }), 404, { error: "notFound" }],
  ];
  for (const [label, pending, status, body] of cases) {
    const response = await pending;
    expect(response.status(), label).toBe(status);
    expect(await response.json(), label).toEqual(body);
  }
  await Promise.all([supervisor, caseworker, auditor, anonymous].map((c) => c.dispose()));
});

test("an office's own prosecution sheet is mapped on the same page, and its rows are previewed with the answers", async ({
  signedInAs,
}) => {
  const workbook = new ExcelJS.Workbook();
  const persons = workbook.addWorksheet("Возвращенцы");
  persons.addRow(HEADERS);
  persons.addRow(row(1, `${uniqueName()} Ерлан`, "13.07.1953", ""));
  // The office's own sheet: the person by the persons sheet's "№", its own word for a status.
  const history = workbook.addWorksheet("Судимость");
  history.addRow(["№", "Стадия", "Дата", "Статьи", "Основание"]);
  history.addRow([1, "под следствием", "01.09.2019", "255-2", "Постановление следователя"]);
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());

  const page = await signedInAs("SUPERVISOR");
  await page.goto("/import");
  await page
    .getByLabel(/Excel workbook/)
    .setInputFiles({ name: "office-history.xlsx", mimeType: "application/octet-stream", buffer: bytes });
  await page.getByRole("button", { name: "Preview", exact: true }).click();

  const columns = page.getByTestId("import-columns");
  await columns.getByLabel("№", { exact: true }).selectOption("key");
  await columns.getByLabel("Примечание").selectOption("-");
  await page.getByTestId("import-values-region").getByLabel("Южная обл.").selectOption(region.code);
  await page.getByTestId("import-values-caseStatus").getByLabel("В работе").selectOption("OPEN");
  await page.getByTestId("import-values-sex").getByLabel("м", { exact: true }).selectOption("MALE");

  const sheet = page.getByTestId("import-mapping-prosecution");
  await expect(sheet).toContainText('Columns of the sheet "Судимость" (Prosecution history)');
  await expect(sheet.getByTestId("import-prosecution-mapping-missing")).toContainText("Prosecution status");
  await expect(sheet.getByLabel("Дата", { exact: true })).toHaveValue("effectiveDate");
  await sheet.getByLabel("№", { exact: true }).selectOption("person");
  await sheet.getByLabel("Стадия").selectOption("status");
  await sheet.getByTestId("import-prosecution-values-status").getByLabel("под следствием").selectOption("UNDER_INVESTIGATION");
  await expect(page.getByTestId("import-mapping")).toContainText("Every column and value is understood");
  await page.screenshot({ path: test.info().outputPath("import-mapping-linked.png"), fullPage: true });

  await page.getByRole("button", { name: "Check the rows with this mapping" }).click();
  await expect(page.getByTestId("import-count-rows")).toContainText("1");
  await expect(page.getByTestId("import-linked-prosecution")).toContainText("1 row: 1 ready, 0 with problems.");
});
