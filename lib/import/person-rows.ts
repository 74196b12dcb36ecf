import type { CaseStatus } from "../db/generated/enums";
import { normalizeName } from "../search/normalize-name";
import { PERSON_FIELDS, type PersonFieldName } from "../validation/person-fields";
import { AliasInput, NewCaseInput } from "../validation/person";
import { readDate, readFlag, readIin, readList, readText, type Normalised } from "./cell-values";
import { acceptedValues, type ImportReference } from "./choice-options";
import { choiceMatcher } from "./enum-match";
import type { ColumnMatch } from "./header-match";
import { PERSON_IMPORT_FIELDS, type ChoiceSource, type PersonImportFieldKey } from "./import-fields";
import { MAX_CELL_CHARS } from "./limits";
import { splitFullName } from "./names";
import { FIELD_PROBLEM_CODES, type FieldProblemCode, type NameSplitCode, type ValueProblemCode } from "./problems";
import type { Cell, Row } from "./sheet";

/**
 * Each row of a persons sheet read as the New case form would read it: every cell by its
 * field's reader (`cell-values.ts`), enumerations by their code or a label in any language, then
 * the whole through the form's own schema (`NewCaseInput`), so a row is ready exactly when a
 * person could have typed it into the form. A row with problems keeps every one of them, each
 * with its field and column; nothing is dropped or guessed. Pure: the reference data come in.
 */
export type PersonProblemCode = ValueProblemCode | NameSplitCode | FieldProblemCode;
export type PersonRowProblem = { field: PersonImportFieldKey; column: number | null; code: PersonProblemCode };

/** A row the form's schema accepts, without its aliases: the file gives no alias type, which the commit asks for. */
export type PersonCandidate = Omit<NewCaseInput, `alias${string}` | "confirmNotDuplicate"> & { caseStatus: CaseStatus | null };

export type SameInFile = { row: number; why: "iin" | "name" };
export type InterpretedPerson = {
  row: number;
  key: string | null;
  /** Family and given name as read, to show beside the problems; empty when unreadable. */
  name: string;
  candidate: PersonCandidate | null;
  aliases: string[];
  problems: PersonRowProblem[];
  sameInFile: SameInFile[];
};

export type PersonColumns = Partial<Record<PersonImportFieldKey, number>>;

export function personColumnsOf(matches: readonly ColumnMatch<PersonImportFieldKey>[]): PersonColumns {
  return Object.fromEntries(matches.flatMap((m) => (m.field === null ? [] : [[m.field, m.column]])));
}

const FORM_CODES: ReadonlySet<string> = new Set<string>([...FIELD_PROBLEM_CODES, "date", "tooLong", "future", "iin_format"]);
const IIN_CODE = /^iin_(format|invalidDate|checkDigit|birthDateMismatch|sexMismatch)$/;

function formCode(message: string): PersonProblemCode {
  return FORM_CODES.has(message) || IIN_CODE.test(message) ? (message as PersonProblemCode) : "invalid";
}

const IMPORT_KEY_OF = new Map<PersonFieldName, PersonImportFieldKey>(
  PERSON_IMPORT_FIELDS.flatMap((field) => ("personField" in field ? [[field.personField, field.key] as const] : [])),
);

const CHOICE_FIELDS = PERSON_IMPORT_FIELDS.filter((field): field is Extract<typeof field, { choices: ChoiceSource }> => "choices" in field);
type ChoiceKey = (typeof CHOICE_FIELDS)[number]["key"];

const ALIAS_MAX = 200;

/** Reads every persons row against one set of reference data, read once. */
export function personRowReader(reference: ImportReference, today: string): (row: Row, columns: PersonColumns) => InterpretedPerson {
  const choosers = new Map(
    CHOICE_FIELDS.map((field) => {
      const accepted = acceptedValues(field.choices, reference);
      const valueOf = new Map(accepted.map((a) => [a.code, a.value]));
      const match = choiceMatcher(accepted);
      return [
        field.key,
        (text: string) => {
          const found = match(text);
          return "code" in found ? { value: valueOf.get(found.code) ?? found.code } : found;
        },
      ] as const;
    }),
  );

  return (row, columns) => {
    const problems: PersonRowProblem[] = [];
    const failed = new Set<PersonImportFieldKey>();
    const cellOf = (field: PersonImportFieldKey): Cell => {
      const column = columns[field];
      return column === undefined ? null : (row.cells[column - 1] ?? null);
    };
    const problem = (field: PersonImportFieldKey, code: PersonProblemCode) => {
      failed.add(field);
      problems.push({ field, column: columns[field] ?? null, code });
    };
    const read = <T>(field: PersonImportFieldKey, result: Normalised<T>): T | null => {
      if (result.ok) return result.value;
      problem(field, result.code);
      return null;
    };
    const text = (field: PersonImportFieldKey) => read(field, readText(cellOf(field), MAX_CELL_CHARS)) ?? "";
    const choice = (field: ChoiceKey) => {
      const written = text(field);
      if (written === "") return "";
      const found = choosers.get(field)?.(written);
      if (found && "value" in found) return found.value;
      problem(field, found?.miss ?? "unknownChoice");
      return "";
    };

    const key = read("key", readText(cellOf("key"), MAX_CELL_CHARS));
    let names = { familyName: text("familyName"), givenName: text("givenName"), patronymic: text("patronymic") };
    if (names.familyName === "" && names.givenName === "" && columns.fullName !== undefined) {
      const full = text("fullName");
      if (full !== "") {
        const split = splitFullName(full);
        if (split.ok) names = { ...split.parts, patronymic: split.parts.patronymic ?? "" };
        else problem("fullName", split.code);
      }
    }
    const nameField = (field: "familyName" | "givenName"): PersonImportFieldKey =>
      columns[field] === undefined && columns.fullName !== undefined ? "fullName" : field;

    const form = {
      ...names,
      sex: choice("sex"),
      birthDate: read("birthDate", readDate(cellOf("birthDate"), { notAfter: today })) ?? "",
      birthDateEstimated: read("birthDateEstimated", readFlag(cellOf("birthDateEstimated"))) ?? false,
      iin: read("iin", readIin(cellOf("iin"))) ?? "",
      citizenship: text("citizenship").toUpperCase(),
      regionId: choice("region"),
      address: text("address"),
      riskLevel: choice("riskLevel") || undefined,
      returnDate: read("returnDate", readDate(cellOf("returnDate"), { notAfter: today })) ?? "",
      returnOperationCode: choice("returnOperation"),
      returnedFrom: text("returnedFrom").toUpperCase(),
      confirmNotDuplicate: false,
    };
    const caseStatusText = choice("caseStatus");
    const aliases = read("aliases", readList(cellOf("aliases"), ALIAS_MAX)) ?? [];
    for (const alias of aliases) {
      const checked = AliasInput.shape.value.safeParse(alias);
      if (!checked.success) problem("aliases", formCode(checked.error.issues[0]?.message ?? "invalid"));
    }

    const parsed = NewCaseInput.safeParse(form);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const personField = issue.path[0] as PersonFieldName;
        const importKey =
          personField === "familyName" || personField === "givenName" ? nameField(personField) : IMPORT_KEY_OF.get(personField);
        if (importKey === undefined || failed.has(importKey)) continue;
        const empty = (form as Record<string, unknown>)[personField] === "";
        problem(importKey, empty ? "required" : formCode(issue.message));
      }
    }
    const caseStatus = caseStatusText === "" ? null : PERSON_FIELDS.caseStatus.schema.parse(caseStatusText);
    const candidate: PersonCandidate | null =
      parsed.success && problems.length === 0
        ? {
            familyName: parsed.data.familyName,
            givenName: parsed.data.givenName,
            patronymic: parsed.data.patronymic,
            sex: parsed.data.sex,
            birthDate: parsed.data.birthDate,
            birthDateEstimated: parsed.data.birthDateEstimated,
            iin: parsed.data.iin,
            citizenship: parsed.data.citizenship,
            regionId: parsed.data.regionId,
            address: parsed.data.address,
            riskLevel: parsed.data.riskLevel,
            returnDate: parsed.data.returnDate,
            returnOperationCode: parsed.data.returnOperationCode,
            returnedFrom: parsed.data.returnedFrom,
            caseStatus,
          }
        : null;
    return {
      row: row.number,
      key,
      name: [names.familyName, names.givenName].filter(Boolean).join(" "),
      candidate,
      aliases,
      problems,
      sameInFile: [],
    };
  };
}

/**
 * Marks rows that name one person twice: the same IIN, or the same name (compared as the
 * duplicate check compares names, transliterated and normalised) with the same birth date; and
 * a person key used by two rows, which would make every reference to it ambiguous.
 */
export function markSameInFile(persons: InterpretedPerson[], keyColumn: number | null): void {
  const firstBy = new Map<string, InterpretedPerson>();
  const note = (person: InterpretedPerson, other: InterpretedPerson, why: SameInFile["why"]) => {
    person.sameInFile.push({ row: other.row, why });
    other.sameInFile.push({ row: person.row, why });
  };
  for (const person of persons) {
    const c = person.candidate;
    const signs: [string, SameInFile["why"]][] = [];
    if (c?.iin) signs.push([`iin:${c.iin}`, "iin"]);
    if (c) signs.push([`name:${normalizeName(`${c.familyName} ${c.givenName}`)}:${c.birthDate}`, "name"]);
    for (const [sign, why] of signs) {
      const first = firstBy.get(sign);
      if (first) note(person, first, why);
      else firstBy.set(sign, person);
    }
    if (person.key !== null) {
      const sign = `key:${person.key}`;
      const first = firstBy.get(sign);
      if (first) {
        person.problems.push({ field: "key", column: keyColumn, code: "duplicateKey" });
        person.candidate = null;
      } else firstBy.set(sign, person);
    }
  }
}
