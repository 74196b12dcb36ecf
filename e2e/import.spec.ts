import { randomUUID } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import ExcelJS from "exceljs";
import { createDb } from "../lib/db/client";
import type { PrismaClient } from "../lib/db/generated/client";
import { MAX_FILE_BYTES } from "../lib/import/limits";
import { templateFields } from "../lib/import/import-fields";
import { expect, signedInContext, test } from "./fixtures";

let db: PrismaClient;
let origin: string;
let regionName: string;
let operationCode: string;

test.beforeAll(async ({ baseURL }) => {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error("E2E_DATABASE_URL is not set: run the browser tests through `npm test`");
  db = createDb(url);
  origin = new URL(baseURL ?? "").origin;
  const supervisor = await db.user.findUniqueOrThrow({
    where: { email: "supervisor@example.org" },
    select: { regions: { select: { region: { select: { nameRu: true } } } } },
  });
  regionName = supervisor.regions[0]?.region.nameRu ?? "";
  operationCode = (await db.returnOperation.findFirstOrThrow({ select: { code: true } })).code;
});

test.afterAll(async () => {
  await db?.$disconnect();
});

/** A name no demo person has, so the preview meets no duplicate it did not plant. */
const uniqueName = () =>
  `Импорт${Array.from(randomUUID().replace(/-/g, "").slice(0, 8), (c) => "бвгдклмнпрстфхш"[parseInt(c, 16) % 15]).join("")}`;

/** A persons sheet on the Russian template: one row that is ready, one whose IIN has a wrong check digit. */
async function officeFile(): Promise<{ bytes: Buffer; names: string[] }> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Лица");
  const fields = templateFields("persons");
  sheet.addRow(fields.map((field) => field.headers.ru[0]));
  const names = [uniqueName(), uniqueName()];
  const row = (familyName: string, iin: string): Record<string, string> => ({
    familyName,
    givenName: "Ерлан",
    sex: "Мужской",
    // Far from the demo persons' and other specs' birth dates, so the registry holds no look-alike.
    birthDate: "13.07.1953",
    iin,
    region: regionName,
    returnDate: "07.05.2019",
    returnOperation: operationCode,
    returnedFrom: "SY",
  });
  for (const values of [row(names[0] ?? "", ""), row(names[1] ?? "", "900315300001")])
    sheet.addRow(fields.map((field) => values[field.key] ?? null));
  return { bytes: Buffer.from(await workbook.xlsx.writeBuffer()), names };
}

test("a supervisor downloads the template in each language and previews a file, its problems shown beside their cells, writing no case", async ({
  signedInAs,
}) => {
  const page = await signedInAs("SUPERVISOR");
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Import" }).click();
  await expect(page.getByRole("heading", { name: "Import a spreadsheet" })).toBeVisible();

  for (const [label, locale] of [
    ["Template in English", "en"],
    ["Template in Русский", "ru"],
    ["Template in Қазақша", "kk"],
  ] as const) {
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: label }).click()]);
    expect(download.suggestedFilename()).toBe(`zhusan-import-template-${locale}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    // The how-to-fill sheet first, then persons.
    const persons = workbook.worksheets[1];
    expect(persons?.getRow(1).getCell(2).text).toBe(templateFields("persons")[1]?.headers[locale][0]);
  }

  const file = await officeFile();
  await page.getByLabel(/Excel workbook/).setInputFiles({ name: "office.xlsx", mimeType: "application/octet-stream", buffer: file.bytes });
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("import-count-rows")).toContainText("2");
  await expect(page.getByTestId("import-count-ready")).toContainText("1");
  await expect(page.getByTestId("import-count-withProblems")).toContainText("1");
  const iinColumn = templateFields("persons").findIndex((f) => f.key === "iin") + 1;
  await expect(page.getByTestId("import-row-3")).toContainText(`ИИН (column ${iinColumn}): The IIN's check digit is wrong`);
  await expect(page.getByTestId("import-row-2")).toHaveCount(0);
  expect(await db.person.count({ where: { familyName: { in: file.names } } })).toBe(0);

  await page.getByLabel(/Excel workbook/).setInputFiles({
    name: "huge.csv",
    mimeType: "text/csv",
    buffer: Buffer.alloc(MAX_FILE_BYTES + 1, "a"),
  });
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("import-message").getByRole("alert")).toContainText("The file is larger than 10 MB");
});

test("a caseworker has no Import in the navigation and the page is not found", async ({ signedInAs }) => {
  const page = await signedInAs("CASEWORKER");
  await expect(page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Import" })).toHaveCount(0);
  const response = await page.goto("/import");
  expect(response?.status()).toBe(404);
});

test("an auditor finds Import in the navigation and reads the imported files, with nothing to upload", async ({ signedInAs }) => {
  const page = await signedInAs("AUDITOR");
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Import" }).click();
  await expect(page.getByRole("heading", { name: "Import a spreadsheet" })).toBeVisible();
  await expect(page.getByTestId("import-batch-list")).toBeVisible();
  await expect(page.getByRole("button", { name: "Preview" })).toHaveCount(0);
});

const upload = (context: APIRequestContext, bytes: Buffer, headers: Record<string, string> = { Origin: origin }) =>
  context.post("/api/import/preview", {
    multipart: { file: { name: "f.xlsx", mimeType: "application/octet-stream", buffer: bytes } },
    headers,
  });

test("the import endpoints refuse no session, roles that may not import, a foreign origin, bad input and a file over the limit, never with a 5xx", async ({
  baseURL,
  playwright,
}) => {
  const [supervisor, caseworker, auditor, administrator, anonymous] = await Promise.all([
    signedInContext(baseURL ?? "", "supervisor@example.org"),
    signedInContext(baseURL ?? "", "caseworker@example.org"),
    signedInContext(baseURL ?? "", "auditor@example.org"),
    signedInContext(baseURL ?? "", "admin@example.org"),
    playwright.request.newContext({ baseURL }),
  ]);
  const { bytes } = await officeFile();

  const template = await supervisor.get("/api/import/template?lang=kk");
  expect(template.status()).toBe(200);
  expect(template.headers()["content-disposition"]).toBe('attachment; filename="zhusan-import-template-kk.xlsx"');
  expect(template.headers()["cache-control"]).toContain("no-store");
  const preview = await upload(supervisor, bytes);
  expect(preview.status()).toBe(200);
  expect(await preview.json()).toMatchObject({ status: "previewed", counts: { rows: 2, ready: 1, withProblems: 1 } });

  const refusals: [string, Promise<{ status: () => number; json: () => Promise<unknown> }>, number, unknown][] = [
    ["template, no session", anonymous.get("/api/import/template?lang=en"), 401, { error: "signIn" }],
    ["template, caseworker", caseworker.get("/api/import/template?lang=en"), 404, { error: "notFound" }],
    ["template, auditor", auditor.get("/api/import/template?lang=en"), 404, { error: "notFound" }],
    ["template, administrator", administrator.get("/api/import/template?lang=en"), 404, { error: "notFound" }],
    ["template, unknown language", supervisor.get("/api/import/template?lang=de"), 400, { error: "invalid", fields: { lang: "required" } }],
    ["template, no language", supervisor.get("/api/import/template"), 400, { error: "invalid", fields: { lang: "required" } }],
    ["preview, no session", upload(anonymous, bytes), 401, { error: "signIn" }],
    ["preview, caseworker", upload(caseworker, bytes), 404, { error: "notFound" }],
    ["preview, auditor", upload(auditor, bytes), 404, { error: "notFound" }],
    ["preview, administrator", upload(administrator, bytes), 404, { error: "notFound" }],
    ["preview, foreign origin", upload(supervisor, bytes, { Origin: "https://elsewhere.example" }), 403, { error: "origin" }],
    ["preview, no origin", upload(supervisor, bytes, {}), 403, { error: "origin" }],
    [
      "preview, not multipart",
      supervisor.post("/api/import/preview", { data: "file=x", headers: { Origin: origin, "Content-Type": "text/plain" } }),
      400,
      { error: "invalid", fields: { file: "invalid" } },
    ],
    [
      "preview, no file",
      supervisor.post("/api/import/preview", { multipart: { other: "x" }, headers: { Origin: origin } }),
      400,
      { error: "invalid", fields: { file: "required" } },
    ],
    [
      "preview, over the limit",
      upload(supervisor, Buffer.alloc(MAX_FILE_BYTES + 1, "a")),
      413,
      { error: "tooLarge", limit: MAX_FILE_BYTES },
    ],
    [
      "preview, a PDF",
      upload(supervisor, Buffer.from("%PDF-1.7\n%âãÏÓ\n1 0 obj\n")),
      200,
      { status: "refused", problem: { kind: "file", code: "notASpreadsheet" } },
    ],
  ];
  for (const [label, pending, status, body] of refusals) {
    const response = await pending;
    expect(response.status(), label).toBe(status);
    expect(await response.json(), label).toEqual(body);
  }
  await Promise.all([supervisor, caseworker, auditor, administrator, anonymous].map((c) => c.dispose()));
});
