import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "../auth/session-store";
import { getDb } from "../db/client";
import { TRANSITIONS } from "../prosecution/transitions";
import { ensureOperation, makePerson, makeProgram, makeReason, makeTeam, type Team } from "../testing/factories";
import { ImportCommitInput } from "../validation/import";
import { commitImportBatch } from "./commit-persons";
import { getImportBatch } from "./import-batches";
import { templateFields, type ImportSheetName } from "./import-fields";
import { previewPersonsImport } from "./preview-persons";
import { resultErrorText } from "./result-sheet";
import { sheetTitle } from "./template";
import { uniqueGivenName, uniqueName } from "../testing/unique-name";

/** Set to a prosecution row's number to make its write fail after the entry, as if the server stopped there. */
const stopAt = vi.hoisted(() => ({ row: null as number | null }));
vi.mock("../cases/change-prosecution-status", async (importActual) => {
  const actual = await importActual<typeof import("../cases/change-prosecution-status")>();
  return {
    ...actual,
    changeProsecutionStatusIn: async (...args: Parameters<typeof actual.changeProsecutionStatusIn>) => {
      await actual.changeProsecutionStatusIn(...args);
      if (stopAt.row !== null && args[4].context.row === stopAt.row) throw new Error("server stopped");
    },
  };
});

let team: Team;
let program: { id: string; name: string };
let declineReason: { id: string; code: string };
beforeAll(async () => {
  await ensureOperation();
  await getDb().prosecutionTransition.createMany({
    data: TRANSITIONS.map((t) => ({ fromStatus: t.from, toStatus: t.to, isCorrection: t.isCorrection })),
    skipDuplicates: true,
  });
  team = await makeTeam();
  program = await makeProgram(team.region.id, 1);
  declineReason = await makeReason("DECLINE");
});

type Values = Record<string, string | number | Date | null>;

async function workbook(sheets: Partial<Record<ImportSheetName, Values[]>>): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  for (const [kind, rows] of Object.entries(sheets) as [ImportSheetName, Values[]][]) {
    const sheet = book.addWorksheet(sheetTitle("ru", kind));
    const fields = templateFields(kind);
    sheet.addRow(fields.map((field) => field.headers.ru[0]));
    for (const row of rows) sheet.addRow(fields.map((field) => row[field.key] ?? null));
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}

const person = (key: string, overrides: Values = {}): Values => ({
  key,
  familyName: uniqueName(),
  givenName: uniqueGivenName(),
  sex: "MALE",
  // Far from the birth dates other tests give their persons, so the registry holds no look-alike.
  birthDate: "17.09.1949",
  region: team.region.code,
  returnDate: "07.05.2019",
  returnOperation: "TEST_OP",
  returnedFrom: "SY",
  ...overrides,
});

async function previewBatch(user: CurrentUser, bytes: Uint8Array) {
  const preview = await previewPersonsImport(user, { name: "family.xlsx", bytes });
  if (preview.status !== "previewed") throw new Error(JSON.stringify(preview));
  return preview;
}

const commitInput = (batchId: string, decisions: Record<string, string> = {}) =>
  ImportCommitInput.parse({ batchId, reason: "Картотека семей", aliasType: "TRANSLITERATION", ...decisions });

const rowsOf = async (batchId: string, sheet: ImportSheetName) =>
  (
    await getDb().importRow.findMany({
      where: { batchId, sheet: sheetTitle("ru", sheet) },
      orderBy: { rowNumber: "asc" },
      select: { rowNumber: true, outcome: true, personId: true, error: true },
    })
  ).map((r) => [r.rowNumber, r.outcome, r.error] as const);

const caseOfRow = async (batchId: string, row: number) =>
  (await getDb().importRow.findFirstOrThrow({ where: { batchId, sheet: sheetTitle("ru", "persons"), rowNumber: row } })).personId!;

describe("the commit of the household, prosecution history and enrollments sheets", () => {
  it("writes each sheet through the case page's rules with the batch, file and row in every event, reports what it refuses, and writes nothing twice", async () => {
    const { supervisor } = team;
    const registered = await makePerson(team.region.id, null, uniqueName());
    const twin = person("4");
    const bytes = await workbook({
      persons: [
        person("1"),
        person("2", { birthDate: "01.02.2010", sex: "FEMALE" }),
        person("3", { birthDate: "31.02.1949" }),
        twin,
        { ...twin, key: "5" },
      ],
      household: [
        { person: "1", personRole: "FATHER", relative: "2", relativeRole: "CHILD" },
        { person: "3", personRole: "SIBLING", relative: "1", relativeRole: "SIBLING" },
      ],
      prosecution: [
        // Written out of order: the commit writes them by date.
        { person: "1", status: "ON_TRIAL", effectiveDate: "01.06.2020", reason: "Передано в суд" },
        { person: "1", status: "UNDER_INVESTIGATION", effectiveDate: "15.01.2020", articles: "255; 256", reason: "Задержан" },
        { person: "1", status: "CHARGED", effectiveDate: "01.03.2020", reason: "Предъявлено обвинение" },
        { person: "1", status: "CONVICTED", effectiveDate: "01.10.2020", sentenceMonths: 60, authority: "Суд", reason: "Приговор" },
        // A child's history starts at "not applicable", from which investigation is no move.
        { person: "2", status: "UNDER_INVESTIGATION", effectiveDate: "01.01.2024", reason: "Нельзя сразу" },
        // A registered case: a check goes through; dropping the proceedings is a second supervisor's to confirm.
        { person: registered.caseNumber, status: "PRELIMINARY_CHECK", effectiveDate: "01.02.2021", reason: "Проверка" },
        { person: registered.caseNumber, status: "PROCEEDINGS_DROPPED", effectiveDate: "01.03.2021", reason: "Прекращено" },
      ],
      enrollments: [
        // Enrolled and completed: it holds no place today.
        {
          person: "1",
          program: program.name,
          programType: "TEST_TYPE",
          referredOn: "01.02.2021",
          enrolledOn: "01.03.2021",
          completedOn: "01.06.2021",
        },
        { person: "4", program: program.name, programType: "TEST_TYPE", referredOn: "01.02.2021", enrolledOn: "01.03.2021" },
        { person: "1", program: program.name, programType: "TEST_TYPE", referredOn: "01.07.2021", enrolledOn: "01.08.2021" },
        {
          person: "2",
          program: program.name,
          programType: "TEST_TYPE",
          referredOn: "01.02.2021",
          ending: "DECLINED",
          endedOn: "05.02.2021",
          endingReason: declineReason.code,
          outcomeNote: "Отказ",
        },
        { person: "5", program: program.name, programType: "TEST_TYPE", referredOn: "01.02.2021" },
      ],
    });
    const preview = await previewBatch(supervisor, bytes);
    const decisions = { "decision-5": "create", "decision-6": "skip" };

    await commitImportBatch(supervisor, commitInput(preview.batchId, decisions));

    expect(await rowsOf(preview.batchId, "persons")).toEqual([
      [2, "CREATED", null],
      [3, "CREATED", null],
      [4, "ERROR", "birthDate:date"],
      [5, "CREATED", null],
      [6, "SKIPPED", null],
    ]);
    expect(await rowsOf(preview.batchId, "household")).toEqual([
      [2, "CREATED", null],
      [3, "ERROR", "person:personNotReady"],
    ]);
    expect(await rowsOf(preview.batchId, "prosecution")).toEqual([
      [2, "CREATED", null],
      [3, "CREATED", null],
      [4, "CREATED", null],
      [5, "CREATED", null],
      [6, "ERROR", "status:forbiddenTransition:NOT_APPLICABLE>UNDER_INVESTIGATION"],
      [7, "CREATED", null],
      [8, "ERROR", "status:needsConfirmation"],
    ]);
    expect(await rowsOf(preview.batchId, "enrollments")).toEqual([
      [2, "CREATED", null],
      [3, "CREATED", null],
      [4, "ERROR", "enrolledOn:programFull"],
      [5, "CREATED", null],
      [6, "ERROR", "person:personNotImported"],
    ]);
    // The preview said the same of every row, but the one whose person the importer chose to skip.
    const previewed = (kind: string) =>
      preview.linked
        .find((s) => s.kind === kind)!
        .rows.map((r) => [r.row, r.problems[0] ? `${r.problems[0].field}:${r.problems[0].code}` : null]);
    expect(previewed("prosecution").filter(([, problem]) => problem !== null)).toEqual([
      [6, "status:forbiddenTransition"],
      [8, "status:needsConfirmation"],
    ]);
    expect(previewed("enrollments").filter(([, problem]) => problem !== null)).toEqual([[4, "enrolledOn:programFull"]]);

    // The history, in date order, ends where the case now stands; every fact carries its file and row.
    const father = await caseOfRow(preview.batchId, 2);
    const child = await caseOfRow(preview.batchId, 3);
    const batch = await getDb().importBatch.findUniqueOrThrow({ where: { id: preview.batchId } });
    const stored = await getDb().person.findUniqueOrThrow({
      where: { id: father },
      include: { prosecution: { orderBy: [{ effectiveDate: "asc" }, { createdAt: "asc" }] }, enrollments: true },
    });
    expect(stored.prosecutionStatus).toBe("CONVICTED");
    expect(stored.prosecution.map((e) => e.status)).toEqual(["NO_PROCEEDINGS", "UNDER_INVESTIGATION", "CHARGED", "ON_TRIAL", "CONVICTED"]);
    expect(stored.prosecution[1]?.articles).toEqual(["255", "256"]);
    expect(stored.enrollments.map((e) => e.status)).toEqual(["COMPLETED"]);
    const events = await getDb().auditEvent.findMany({
      where: {
        chain: father,
        action: {
          in: [
            "prosecution.status_changed",
            "household.member_added",
            "enrollment.referred",
            "enrollment.enrolled",
            "enrollment.completed",
          ],
        },
      },
      orderBy: { seq: "asc" },
    });
    const prosecutionSheet = sheetTitle("ru", "prosecution");
    expect(events.map((e) => [e.action, e.context])).toEqual([
      ["household.member_added", { importBatchId: batch.id, fileSha256: batch.fileSha256, sheet: sheetTitle("ru", "household"), row: 2 }],
      ["prosecution.status_changed", { importBatchId: batch.id, fileSha256: batch.fileSha256, sheet: prosecutionSheet, row: 3 }],
      ["prosecution.status_changed", { importBatchId: batch.id, fileSha256: batch.fileSha256, sheet: prosecutionSheet, row: 4 }],
      ["prosecution.status_changed", { importBatchId: batch.id, fileSha256: batch.fileSha256, sheet: prosecutionSheet, row: 2 }],
      ["prosecution.status_changed", { importBatchId: batch.id, fileSha256: batch.fileSha256, sheet: prosecutionSheet, row: 5 }],
      ...["enrollment.referred", "enrollment.enrolled", "enrollment.completed"].map((action) => [
        action,
        { importBatchId: batch.id, fileSha256: batch.fileSha256, sheet: sheetTitle("ru", "enrollments"), row: 2 },
      ]),
    ]);
    const household = await getDb().householdMember.findMany({ where: { personId: { in: [father, child] } } });
    expect(household.map((m) => [m.personId, m.relationship]).sort()).toEqual(
      [
        [father, "FATHER"],
        [child, "CHILD"],
      ].sort(),
    );
    expect(await getDb().auditEvent.count({ where: { chain: child, action: "household.member_added" } })).toBe(1);
    const declined = await getDb().enrollment.findFirstOrThrow({ where: { personId: child } });
    expect(declined).toMatchObject({ status: "DECLINED", outcomeNote: "Отказ", reasonId: declineReason.id });
    expect((await getDb().person.findUniqueOrThrow({ where: { id: registered.id } })).prosecutionStatus).toBe("PRELIMINARY_CHECK");
    expect(await getDb().changeRequest.count({ where: { personId: registered.id } })).toBe(0);

    // The batch page and its workbook list every sheet's rows, a refusal in words.
    const detail = await getImportBatch(supervisor, preview.batchId);
    const refused = detail.results.find((r) => r.sheet === prosecutionSheet && r.row === 6);
    expect(refused).toMatchObject({ outcome: "ERROR", caseNumber: null });
    expect(resultErrorText("en", refused!.error!)).toContain('"Not applicable" to "Under investigation"');
    expect(detail.results.find((r) => r.sheet === prosecutionSheet && r.row === 2)?.caseId).toBe(father);

    // The same file again writes nothing: every written row is recognised as imported before.
    const counts = () =>
      Promise.all([
        getDb().householdMember.count(),
        getDb().prosecutionEntry.count(),
        getDb().enrollment.count(),
        getDb().auditEvent.count({ where: { chain: father } }),
      ]);
    const before = await counts();
    const again = await previewBatch(supervisor, bytes);
    const flagged = Object.fromEntries(again.rows.filter((r) => r.problems.length === 0).map((r) => [`decision-${r.row}`, "create"]));
    await commitImportBatch(supervisor, commitInput(again.batchId, { ...flagged, "decision-6": "skip" }));
    expect(await counts()).toEqual(before);
    expect((await rowsOf(again.batchId, "prosecution")).map(([row, outcome]) => [row, outcome])).toEqual([
      [2, "ALREADY_IMPORTED"],
      [3, "ALREADY_IMPORTED"],
      [4, "ALREADY_IMPORTED"],
      [5, "ALREADY_IMPORTED"],
      [6, "ERROR"],
      [7, "ALREADY_IMPORTED"],
      [8, "ERROR"],
    ]);
    expect((await rowsOf(again.batchId, "household"))[0]).toEqual([2, "ALREADY_IMPORTED", null]);
  });

  it("resumes a commit cut off in the middle of a history, writing each entry once and going on from where the case stands", async () => {
    const { supervisor } = team;
    const bytes = await workbook({
      persons: [person("1")],
      prosecution: [
        { person: "1", status: "UNDER_INVESTIGATION", effectiveDate: "15.01.2020", reason: "Задержан" },
        { person: "1", status: "CHARGED", effectiveDate: "01.03.2020", reason: "Предъявлено обвинение" },
        { person: "1", status: "PROCEEDINGS_DROPPED", effectiveDate: "01.06.2020", reason: "Прекращено" },
      ],
    });
    const preview = await previewBatch(supervisor, bytes);
    stopAt.row = 3;
    await expect(commitImportBatch(supervisor, commitInput(preview.batchId))).rejects.toThrow("server stopped");
    stopAt.row = null;
    const caseId = await caseOfRow(preview.batchId, 2);
    expect(await rowsOf(preview.batchId, "prosecution")).toEqual([[2, "CREATED", null]]);
    expect((await getDb().person.findUniqueOrThrow({ where: { id: caseId } })).prosecutionStatus).toBe("UNDER_INVESTIGATION");
    expect((await getImportBatch(supervisor, preview.batchId)).state).toBe("COMMITTING");

    await commitImportBatch(supervisor, commitInput(preview.batchId));
    expect(await rowsOf(preview.batchId, "prosecution")).toEqual([
      [2, "CREATED", null],
      [3, "CREATED", null],
      [4, "CREATED", null],
    ]);
    const entries = await getDb().prosecutionEntry.findMany({ where: { personId: caseId }, orderBy: { effectiveDate: "asc" } });
    expect(entries.map((e) => e.status)).toEqual(["NO_PROCEEDINGS", "UNDER_INVESTIGATION", "CHARGED", "PROCEEDINGS_DROPPED"]);
    expect((await getDb().person.findUniqueOrThrow({ where: { id: caseId } })).prosecutionStatus).toBe("PROCEEDINGS_DROPPED");
  });
});
