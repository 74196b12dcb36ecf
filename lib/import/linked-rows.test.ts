import { describe, expect, it } from "vitest";
import { TRANSITIONS } from "../prosecution/transitions";
import { readEnrollmentRows, readHouseholdRows, readProsecutionRows, type FilePerson, type LinkContext } from "./linked-rows";
import type { Cell, Row } from "./sheet";

const person = (row: number, overrides: Partial<FilePerson> = {}): FilePerson => ({
  row,
  ready: true,
  regionId: "region-a",
  birthDate: "1990-03-15",
  sex: "MALE",
  returnDate: "2019-05-07",
  ...overrides,
});

const context: LinkContext = {
  today: "2026-12-04",
  reference: {
    regions: [],
    operations: [],
    programTypes: [{ value: "PSY", code: "PSY", labels: { en: "Psychological", ru: "Психологическая", kk: "Психологиялық" } }],
    endingReasons: [{ value: "MOVED", code: "MOVED", labels: { en: "Moved away", ru: "Переезд", kk: "Көшіп кетті" } }],
    reasons: [{ id: "00000000-0000-4000-8000-00000000d001", kind: "DROP_OUT", code: "MOVED" }],
  },
  fileKeys: new Map([
    ["1", person(2)],
    ["2", person(3, { birthDate: "2012-01-01" })],
    ["3", person(4, { ready: false })],
  ]),
  cases: new Map([
    [
      "KZ-2020-000001",
      { caseId: "case-1", caseNumber: "KZ-2020-000001", regionId: "region-a", prosecutionStatus: "CHARGED", lastEntryOn: "2021-01-01" },
    ],
  ]),
  transitions: new Set(TRANSITIONS.map((t) => `${t.from}>${t.to}`)),
  heldMoves: new Set(),
  programs: [{ id: "program-1", name: "Жаңа өмір", programTypeCode: "PSY", regionId: "region-a", capacity: 1, taken: 0 }],
};

const rows = (...cells: Cell[][]): Row[] => cells.map((c, i) => ({ number: i + 2, cells: c }));
const codes = (read: { problems: { field: string; code: string }[] }[]) => read.map((r) => r.problems.map((p) => `${p.field}:${p.code}`));

describe("the household sheet", () => {
  const columns = { person: 1, personRole: 2, relative: 3, relativeRole: 4 };
  it("links persons of the file and cases in reach, and names every key it cannot resolve", () => {
    const read = readHouseholdRows(
      rows(
        ["1", "MOTHER", "2", "CHILD"],
        ["kz-2020-000001", "Супруг", "1", "SPOUSE"],
        ["1", "MOTHER", "9", "CHILD"],
        ["1", "MOTHER", "1", "CHILD"],
        ["3", "MOTHER", "1", null],
      ),
      columns,
      context,
    );
    expect(codes(read)).toEqual([
      [],
      ["personRole:unknownChoice"],
      ["relative:unknownKey"],
      ["relative:samePerson"],
      ["relativeRole:required", "person:personNotReady"],
    ]);
    expect(read[0]?.data).toEqual({ person: { row: 2 }, personRole: "MOTHER", relative: { row: 3 }, relativeRole: "CHILD" });
  });
  it("applies the person's mapping of an office's own word", () => {
    const [row] = readHouseholdRows(rows(["kz-2020-000001", "Супруг", "1", "SPOUSE"]), columns, context, {
      personRole: { супруг: "SPOUSE" },
    });
    expect(row?.data).toMatchObject({ person: { caseId: "case-1", caseNumber: "KZ-2020-000001" }, personRole: "SPOUSE" });
  });
});

describe("the prosecution history sheet", () => {
  const columns = { person: 1, status: 2, effectiveDate: 3, reason: 4, sentenceMonths: 5 };
  it("checks each person's entries in date order from the status their case starts with, naming a forbidden move's from and to", () => {
    const read = readProsecutionRows(
      rows(
        // Written out of order: the charge comes first by date.
        ["1", "ON_TRIAL", "01.06.2020", "Суд", null],
        ["1", "UNDER_INVESTIGATION", "15.01.2020", "Задержан", null],
        ["1", "CHARGED", "01.03.2020", "Обвинение", null],
        ["1", "RELEASED_AFTER_SENTENCE", "01.09.2020", "Ошибка", null],
        ["1", "CONVICTED", 44105, "Приговор", 60],
        // A child's history starts at "not applicable".
        ["2", "CHARGED", "01.01.2030", "Будущее", null],
        ["2", "UNDER_INVESTIGATION", "01.01.2024", "Нельзя сразу", null],
        // A registered case goes on from its own status, never before its last entry.
        ["KZ-2020-000001", "ON_TRIAL", "01.02.2021", "Суд", "x"],
        ["KZ-2020-000001", "ON_TRIAL", "01.12.2020", "Раньше", null],
      ),
      columns,
      context,
    );
    expect(codes(read)).toEqual([
      [],
      [],
      [],
      ["status:forbiddenTransition"],
      [],
      ["effectiveDate:future"],
      ["status:forbiddenTransition"],
      ["sentenceMonths:invalid"],
      ["effectiveDate:beforeLastEntry"],
    ]);
    expect(read[3]?.problems[0]?.values).toEqual({ from: "ON_TRIAL", to: "RELEASED_AFTER_SENTENCE" });
    expect(read[6]?.problems[0]?.values).toEqual({ from: "NOT_APPLICABLE", to: "UNDER_INVESTIGATION" });
    expect(read[4]?.data).toMatchObject({ from: "ON_TRIAL", status: "CONVICTED", effectiveDate: "2020-10-01", sentenceMonths: 60 });
  });

  it("holds a registered case to the four-eyes settings and every entry to the status form's sentence rule", () => {
    const held: LinkContext = { ...context, heldMoves: new Set(["CHARGED>ON_TRIAL", "ON_TRIAL>CONVICTED"]) };
    const read = readProsecutionRows(
      rows(
        // The file's own person: the history is the case's starting record, nothing is held.
        ["1", "UNDER_INVESTIGATION", "15.01.2020", "Задержан", null],
        ["1", "CHARGED", "01.03.2020", "Обвинение", 12],
        ["1", "ON_TRIAL", "01.06.2020", "Суд", null],
        ["1", "CONVICTED", "01.10.2020", "Приговор", null],
        // A registered case: a move the settings hold is refused, the next is checked from where it stayed.
        ["KZ-2020-000001", "ON_TRIAL", "01.02.2021", "Суд", null],
        ["KZ-2020-000001", "PROCEEDINGS_DROPPED", "01.03.2021", "Прекращено", null],
        ["KZ-2020-000001", "UNDER_INVESTIGATION", "01.04.2021", "Ok", null],
      ),
      columns,
      held,
    );
    expect(codes(read)).toEqual([
      [],
      ["sentenceMonths:noSentence"],
      // Checked from the last entry accepted: under investigation.
      ["status:forbiddenTransition"],
      ["sentenceMonths:sentenceRequired"],
      ["status:needsConfirmation"],
      [],
      ["reason:invalid"],
    ]);
    expect(read[5]?.data).toMatchObject({ from: "CHARGED", status: "PROCEEDINGS_DROPPED" });
  });
});

describe("the enrollments sheet", () => {
  const columns = { person: 1, program: 2, programType: 3, referredOn: 4, enrolledOn: 5, completedOn: 6, ending: 7, endedOn: 8 };
  it("finds the program in the person's region, keeps the steps in order and counts the places the file takes", () => {
    const read = readEnrollmentRows(
      rows(
        ["1", "жаңа өмір", "Психологическая", "01.02.2020", "01.03.2020", null, null, null],
        ["2", "Жаңа өмір", "PSY", "01.02.2020", "01.03.2020", null, null, null],
        ["2", "Жаңа өмір", "PSY", "01.02.2020", "01.03.2020", "01.06.2020", null, null],
        ["1", "Нет такой", "PSY", "01.02.2020", null, null, null, null],
        ["1", "Жаңа өмір", "PSY", "01.02.2020", "01.01.2020", null, null, null],
        ["1", "Жаңа өмір", "PSY", "01.02.2020", null, "01.06.2020", null, null],
        ["1", "Жаңа өмір", "PSY", "01.02.2020", null, null, "DROPPED_OUT", "01.03.2020"],
        ["1", "Жаңа өмір", "PSY", "01.02.2020", null, null, "DECLINED", "01.03.2020"],
      ),
      columns,
      context,
    );
    expect(codes(read)).toEqual([
      [],
      ["enrolledOn:programFull"],
      [],
      ["program:unknownProgram"],
      ["enrolledOn:stepOrder"],
      ["completedOn:stepMissing"],
      ["enrolledOn:stepMissing"],
      [],
    ]);
    expect(read[0]?.data).toMatchObject({ programId: "program-1", status: "ENROLLED", referredOn: "2020-02-01", enrolledOn: "2020-03-01" });
    expect(read[7]?.data).toMatchObject({ status: "DECLINED", endedOn: "2020-03-01", reasonId: null });
  });

  it("takes the reason of an ending from the file when it is one of that ending's reasons", () => {
    const read = readEnrollmentRows(
      rows(
        ["1", "Жаңа өмір", "PSY", "01.02.2020", "01.03.2020", null, "DROPPED_OUT", "01.05.2020", "Переезд"],
        // Moving away is a reason to drop out, not to decline.
        ["1", "Жаңа өмір", "PSY", "01.02.2020", null, null, "DECLINED", "01.03.2020", "MOVED"],
        // A reason with no ending.
        ["1", "Жаңа өмір", "PSY", "01.02.2020", null, null, null, null, "MOVED"],
        ["1", "Жаңа өмір", "PSY", "01.02.2020", "01.03.2020", null, "DROPPED_OUT", "01.05.2020", "Сбежал"],
      ),
      { ...columns, endingReason: 9 },
      context,
    );
    expect(codes(read)).toEqual([[], ["endingReason:reasonNotForEnding"], ["ending:required"], ["endingReason:unknownChoice"]]);
    expect(read[0]?.data).toMatchObject({ status: "DROPPED_OUT", reasonId: "00000000-0000-4000-8000-00000000d001" });
  });
});
