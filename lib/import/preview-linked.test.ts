import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import { TRANSITIONS } from "../prosecution/transitions";
import { ensureOperation, makePerson, makeProgram, makeTeam, type Team } from "../testing/factories";
import { templateFields, type ImportSheetName } from "./import-fields";
import { previewPersonsImport, type PersonsPreview } from "./preview-persons";
import { sheetTitle } from "./template";
import { uniqueGivenName, uniqueName } from "../testing/unique-name";

let team: Team;
let program: { id: string; name: string };
beforeAll(async () => {
  await ensureOperation();
  await getDb().prosecutionTransition.createMany({
    data: TRANSITIONS.map((t) => ({ fromStatus: t.from, toStatus: t.to, isCorrection: t.isCorrection })),
    skipDuplicates: true,
  });
  team = await makeTeam();
  program = await makeProgram(team.region.id, 1);
});

type Values = Record<string, string | number | Date | null>;

/** A workbook on the English template, with the sheets given. */
async function workbook(sheets: Partial<Record<ImportSheetName, Values[]>>): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  for (const [kind, rows] of Object.entries(sheets) as [ImportSheetName, Values[]][]) {
    const sheet = book.addWorksheet(sheetTitle("en", kind));
    const fields = templateFields(kind);
    sheet.addRow(fields.map((field) => field.headers.en[0]));
    for (const row of rows) sheet.addRow(fields.map((field) => row[field.key] ?? null));
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}

const person = (key: string, overrides: Values = {}): Values => ({
  key,
  familyName: uniqueName(),
  givenName: uniqueGivenName(),
  sex: "MALE",
  birthDate: "13.07.1953",
  region: team.region.code,
  returnDate: "07.05.2019",
  returnOperation: "TEST_OP",
  returnedFrom: "SY",
  ...overrides,
});

const previewed = (preview: PersonsPreview) => {
  if (preview.status !== "previewed") throw new Error(JSON.stringify(preview));
  return preview;
};

describe("the preview of the other sheets", () => {
  it("judges household links, a prosecution history in date order and enrollments against the persons sheet and the registry, writing none of them", async () => {
    const registered = await makePerson(team.region.id, null);
    const elsewhere = await makePerson(team.otherRegion.id, null);
    const bytes = await workbook({
      persons: [
        person("1"),
        person("2", { birthDate: "01.02.2010", sex: "FEMALE", familyName: uniqueName() }),
        person("3", { birthDate: "01.01.2099" }),
      ],
      household: [
        { person: "1", personRole: "FATHER", relative: "2", relativeRole: "CHILD" },
        { person: registered.caseNumber, personRole: "SPOUSE", relative: "1", relativeRole: "SPOUSE" },
        { person: elsewhere.caseNumber, personRole: "SPOUSE", relative: "1", relativeRole: "SPOUSE" },
        { person: "3", personRole: "SIBLING", relative: "1", relativeRole: "SIBLING" },
      ],
      prosecution: [
        { person: "1", status: "CHARGED", effectiveDate: "01.03.2020", reason: "Charged" },
        { person: "1", status: "UNDER_INVESTIGATION", effectiveDate: new Date(Date.UTC(2020, 0, 15)), reason: "Detained" },
        { person: "1", status: "RELEASED_AFTER_SENTENCE", effectiveDate: "01.06.2020", reason: "Wrong" },
        { person: "9", status: "CHARGED", effectiveDate: "01.03.2020", reason: "Nobody" },
      ],
      enrollments: [
        { person: "1", program: program.name, programType: "TEST_TYPE", referredOn: "01.02.2020", enrolledOn: "01.03.2020" },
        { person: "2", program: program.name, programType: "TEST_TYPE", referredOn: "01.02.2020", enrolledOn: "01.03.2020" },
        { person: "2", program: "No such program", programType: "TEST_TYPE", referredOn: "01.02.2020" },
      ],
    });
    const before = await Promise.all([getDb().householdMember.count(), getDb().prosecutionEntry.count(), getDb().enrollment.count()]);

    const preview = previewed(await previewPersonsImport(team.supervisor, { name: "linked.xlsx", bytes }));

    const sheet = (kind: string) => preview.linked.find((s) => s.kind === kind);
    const codes = (kind: string) => sheet(kind)?.rows.map((r) => r.problems.map((p) => `${p.field}:${p.code}`));
    expect(codes("household")).toEqual([[], [], ["person:unknownKey"], ["person:personNotReady"]]);
    expect(sheet("household")?.rows[1]?.data).toEqual({
      person: { caseId: registered.id, caseNumber: registered.caseNumber },
      personRole: "SPOUSE",
      relative: { row: 2 },
      relativeRole: "SPOUSE",
    });
    expect(codes("prosecution")).toEqual([[], [], ["status:forbiddenTransition"], ["person:unknownKey"]]);
    expect(sheet("prosecution")?.rows[2]?.problems[0]?.values).toEqual({ from: "CHARGED", to: "RELEASED_AFTER_SENTENCE" });
    expect(sheet("prosecution")?.rows[1]?.data).toMatchObject({
      person: { row: 2 },
      from: "NO_PROCEEDINGS",
      status: "UNDER_INVESTIGATION",
    });
    expect(codes("enrollments")).toEqual([[], ["enrolledOn:programFull"], ["program:unknownProgram"]]);
    expect(sheet("enrollments")?.counts).toEqual({ rows: 3, ready: 1, withProblems: 2 });

    const after = await Promise.all([getDb().householdMember.count(), getDb().prosecutionEntry.count(), getDb().enrollment.count()]);
    expect(after).toEqual(before);
  });

  it("reads no other sheet from a file that has none", async () => {
    const preview = previewed(
      await previewPersonsImport(team.supervisor, { name: "persons.xlsx", bytes: await workbook({ persons: [person("1")] }) }),
    );
    expect(preview.linked).toEqual([]);
  });
});
