import { randomInt } from "node:crypto";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "../auth/session-store";
import {
  checkNewCaseForDuplicates,
  DUPLICATE_CHECK_REFUSED,
  DUPLICATE_CHECKS_PER_HOUR,
  DUPLICATES_CHECKED,
  IMPORT_ROWS_PER_HOUR,
} from "../cases/possible-duplicates";
import { auditActorOf, recordAuditEvent } from "../audit/record-event";
import { getDb } from "../db/client";
import { ensureOperation, makePerson, makeTeam, makeUser, type Team } from "../testing/factories";
import { outcome } from "../testing/outcome";
import { makeIin } from "../validation/iin";
import { PERSON_IMPORT_FIELDS, templateFields } from "./import-fields";
import { PREVIEWED, previewPersonsImport, type PersonsPreview, type PreviewRow } from "./preview-persons";
import { loadImportReference as loadReferenceFor } from "./import-reference";
import { buildTemplate, sheetTitle } from "./template";
import { uniqueGivenName, uniqueName } from "../testing/unique-name";

let team: Team;
beforeAll(async () => {
  await ensureOperation();
  team = await makeTeam();
});

/** An IIN no one has, for a man born on the day. */
async function unusedIin(birthDate: string): Promise<string> {
  for (;;) {
    const iin = makeIin(birthDate, "MALE", randomInt(1, 9999));
    if (iin && (await getDb().person.count({ where: { iin } })) === 0) return iin;
  }
}

type PersonRow = Partial<Record<(typeof PERSON_IMPORT_FIELDS)[number]["key"], string | number | Date>>;

/** A workbook on the Russian template: its persons sheet, with the template's Russian headers. */
async function templateFile(rows: PersonRow[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetTitle("ru", "persons"));
  const fields = templateFields("persons");
  sheet.addRow(fields.map((field) => field.headers.ru[0]));
  for (const row of rows) sheet.addRow(fields.map((field) => row[field.key as keyof PersonRow] ?? null));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

function person(regionName: string, overrides: PersonRow = {}): PersonRow {
  return {
    familyName: uniqueName(),
    givenName: uniqueGivenName(),
    sex: "Мужской",
    // Far from the birth dates other tests give their persons, so the registry holds no look-alike.
    birthDate: "13.07.1953",
    region: regionName,
    returnDate: new Date(Date.UTC(2019, 4, 7)),
    returnOperation: "TEST_OP",
    returnedFrom: "SY",
    ...overrides,
  };
}

function previewed(preview: PersonsPreview) {
  if (preview.status !== "previewed") throw new Error(`not previewed: ${JSON.stringify(preview)}`);
  return preview;
}

const rowAt = (preview: ReturnType<typeof previewed>, number: number): PreviewRow | undefined =>
  preview.rows.find((row) => row.row === number);

const eventsSince = (user: CurrentUser, since: Date) =>
  getDb().auditEvent.findMany({ where: { actorId: user.id, occurredAt: { gte: since } }, orderBy: { occurredAt: "asc" } });

describe("previewPersonsImport", () => {
  it("reads each row by the New case form's rules, lists every problem at its cell, and writes no person", async () => {
    const region = team.region.nameRu;
    const ready = person(region, { key: "1", iin: await unusedIin("1953-07-13") });
    const wrongCheckDigit = person(region, { key: "2", iin: "900315300001" });
    const futureBirth = person(region, { key: "3", birthDate: "01.01.2099" });
    const otherRegion = person(team.otherRegion.nameRu, { key: "4" });
    const noSex = person(region, { key: "5", sex: "" });
    const unknownOperation = person(region, { key: "6", returnOperation: "Нет такой" });
    const returnBeforeBirth = person(region, { key: "7", returnDate: "01.01.1950" });
    const rows = [ready, wrongCheckDigit, futureBirth, otherRegion, noSex, unknownOperation, returnBeforeBirth];
    const since = new Date();

    const preview = previewed(await previewPersonsImport(team.supervisor, { name: "office.xlsx", bytes: await templateFile(rows) }));

    expect(preview.counts).toEqual({ rows: 7, ready: 1, withProblems: 6, possibleDuplicates: 0, importedBefore: 0 });
    const column = (key: string) => templateFields("persons").findIndex((f) => f.key === key) + 1;
    expect(rowAt(preview, 2)).toBeUndefined();
    expect(rowAt(preview, 3)?.problems).toEqual([{ field: "iin", column: column("iin"), code: "iin_checkDigit" }]);
    expect(rowAt(preview, 4)?.problems).toEqual([{ field: "birthDate", column: column("birthDate"), code: "future" }]);
    expect(rowAt(preview, 5)?.problems).toEqual([{ field: "region", column: column("region"), code: "unknownChoice" }]);
    expect(rowAt(preview, 6)?.problems).toEqual([{ field: "sex", column: column("sex"), code: "required" }]);
    expect(rowAt(preview, 7)?.problems).toEqual([{ field: "returnOperation", column: column("returnOperation"), code: "unknownChoice" }]);
    expect(rowAt(preview, 8)?.problems).toEqual([{ field: "returnDate", column: column("returnDate"), code: "beforeBirth" }]);
    expect(rowAt(preview, 3)?.name).toBe(`${String(wrongCheckDigit.familyName)} ${String(wrongCheckDigit.givenName)}`);

    const familyNames = rows.map((row) => String(row.familyName));
    expect(await getDb().person.count({ where: { familyName: { in: familyNames } } })).toBe(0);
    const events = await eventsSince(team.supervisor, since);
    expect(events.map((e) => e.action)).toEqual([DUPLICATES_CHECKED, PREVIEWED]);
    expect(events[1]?.context).toMatchObject({ fileName: "office.xlsx", rows: 7, ready: 1, withProblems: 6, possibleDuplicates: 0 });
    expect(events[0]?.context).toMatchObject({ purpose: "import", fileName: "office.xlsx", rows: 1, matches: 0 });
  });

  it("finds the same person twice in the file, by IIN and by name and birth date", async () => {
    const region = team.region.nameKk;
    const iin = await unusedIin("1953-07-13");
    const first = person(region, { iin });
    const sameIin = person(region, { iin });
    const sameName = person(region, {
      familyName: first.familyName,
      givenName: String(first.givenName).toLowerCase(),
      birthDate: new Date(Date.UTC(1953, 6, 13)),
    });
    const preview = previewed(
      await previewPersonsImport(team.supervisor, { name: "twice.xlsx", bytes: await templateFile([first, sameIin, sameName]) }),
    );

    expect(preview.counts).toEqual({ rows: 3, ready: 0, withProblems: 0, possibleDuplicates: 3, importedBefore: 0 });
    expect(rowAt(preview, 2)?.sameInFile).toEqual([
      { row: 3, why: "iin" },
      { row: 4, why: "name" },
    ]);
    expect(rowAt(preview, 3)?.sameInFile).toEqual([{ row: 2, why: "iin" }]);
    expect(rowAt(preview, 4)?.sameInFile).toEqual([{ row: 2, why: "name" }]);
  });

  it("shows a registered match in reach in full, and one out of reach only as its region, auditing every row's search", async () => {
    const mine = await makePerson(team.region.id, null, uniqueName());
    const theirs = await makePerson(team.otherRegion.id, null, uniqueName());
    const theirIin = await unusedIin("1990-01-01");
    await getDb().person.update({ where: { id: theirs.id }, data: { iin: theirIin } });
    const region = team.region.nameEn;
    const rows = [
      person(region, { familyName: mine.familyName, givenName: "Иван", birthDate: "01.01.1990" }),
      person(region, { familyName: uniqueName(), givenName: "Иван", birthDate: "01.01.1990", iin: theirIin }),
    ];
    const since = new Date();
    const preview = previewed(await previewPersonsImport(team.supervisor, { name: "match.xlsx", bytes: await templateFile(rows) }));

    expect(preview.counts).toMatchObject({ ready: 0, possibleDuplicates: 2 });
    expect(rowAt(preview, 2)?.registry?.inReach.map((d) => d.caseNumber)).toEqual([mine.caseNumber]);
    const elsewhere = rowAt(preview, 3)?.registry;
    expect(elsewhere).toEqual({
      inReach: [],
      elsewhere: [{ region: { en: team.otherRegion.nameEn, ru: team.otherRegion.nameRu, kk: team.otherRegion.nameKk }, why: "iin" }],
    });
    const answer = JSON.stringify(preview);
    for (const secret of [theirs.id, theirs.caseNumber, theirs.familyName]) expect(answer).not.toContain(secret);

    const [check] = (await eventsSince(team.supervisor, since)).filter((e) => e.action === DUPLICATES_CHECKED);
    expect(check?.context).toMatchObject({
      purpose: "import",
      rows: 2,
      searches: [
        { row: 2, searched: { familyName: mine.familyName, birthDate: "1990-01-01" }, inReachCases: [mine.id], outOfReachCases: [] },
        { row: 3, searched: { iin: theirIin }, inReachCases: [], outOfReachCases: [theirs.id] },
      ],
    });
  });

  it("finds the persons sheet of a template whose sheets were renamed by its headers, not the how-to-fill sheet before it", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await buildTemplate("kk", await loadReferenceFor(team.supervisor))).buffer);
    const persons = workbook.worksheets[1];
    if (!persons) throw new Error("no persons sheet");
    persons.name = "Лист2";
    const row = person(team.region.code);
    persons.addRow(templateFields("persons").map((field) => row[field.key as keyof PersonRow] ?? null));
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect(previewed(await previewPersonsImport(team.supervisor, { name: "renamed.xlsx", bytes }))).toMatchObject({
      sheet: "Лист2",
      counts: { rows: 1, ready: 1 },
    });
  });

  it("refuses a file that is not a spreadsheet with its file-level problem, and a sheet with no header row", async () => {
    const pdf = new TextEncoder().encode("%PDF-1.7\n%âãÏÓ\n1 0 obj\n");
    expect(await previewPersonsImport(team.supervisor, { name: "a.xlsx", bytes: pdf })).toEqual({
      status: "refused",
      problem: { kind: "file", code: "notASpreadsheet" },
    });
    const noHeader = new TextEncoder().encode(`${await unusedIin("1990-03-15")};15.03.1990\n`);
    expect(await previewPersonsImport(team.supervisor, { name: "b.csv", bytes: noHeader })).toMatchObject({
      status: "refused",
      problem: { code: "noHeaderRow" },
    });
  });

  it("at the hourly limit of duplicate checks, looks nothing up and records the refusal", async () => {
    const supervisor = await makeUser("SUPERVISOR", [team.region.id]);
    for (let i = 0; i < DUPLICATE_CHECKS_PER_HOUR; i++)
      await checkNewCaseForDuplicates(supervisor, { familyName: uniqueName(), givenName: "", birthDate: "1990-01-01", iin: "" });
    const since = new Date();
    const bytes = await templateFile([person(team.region.nameEn)]);
    expect(await previewPersonsImport(supervisor, { name: "late.xlsx", bytes })).toEqual({
      status: "limited",
      rowsPerHour: IMPORT_ROWS_PER_HOUR,
    });
    expect((await eventsSince(supervisor, since)).map((e) => e.action)).toEqual([DUPLICATE_CHECK_REFUSED]);
  });

  it("counts the rows of the last hour's previews, and refuses a file with more than are left", async () => {
    const supervisor = await makeUser("SUPERVISOR", [team.region.id]);
    // As if earlier previews had looked up all but one of the hour's rows.
    await getDb().$transaction((tx) =>
      recordAuditEvent(tx, {
        actor: auditActorOf(supervisor),
        action: DUPLICATES_CHECKED,
        entityType: "registry",
        context: { purpose: "import", rows: IMPORT_ROWS_PER_HOUR - 1 },
      }),
    );
    const two = await templateFile([person(team.region.nameEn), person(team.region.nameEn)]);
    expect(await previewPersonsImport(supervisor, { name: "two.xlsx", bytes: two })).toMatchObject({ status: "limited" });
    const one = await templateFile([person(team.region.nameEn)]);
    expect(previewed(await previewPersonsImport(supervisor, { name: "one.xlsx", bytes: one })).counts.rows).toBe(1);
    expect(await previewPersonsImport(supervisor, { name: "one.xlsx", bytes: one })).toMatchObject({ status: "limited" });
  });

  for (const role of ["owner", "auditor", "administrator"] as const) {
    it(`is refused to the ${role === "owner" ? "caseworker" : role} as not found, recording the denial and nothing else`, async () => {
      const user = team[role];
      const since = new Date();
      const refused = await outcome(
        previewPersonsImport(user, { name: "x.xlsx", bytes: await templateFile([person(team.region.nameEn)]) }),
      );
      expect(refused).toBe("notFound");
      expect((await eventsSince(user, since)).map((e) => e.action)).toEqual(["access.denied"]);
    });
  }
});
