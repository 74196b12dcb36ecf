import type { AliasType, CaseStatus } from "../db/generated/enums";
import { normalizeName } from "../search/normalize-name";
import { CREATION_FIELDS, PERSON_FIELDS, type CreationField, type PersonFieldName } from "../validation/person-fields";
import { AliasInput, NewCaseInput } from "../validation/person";
import { readDate, readFlag, readIin, readList, readText, type Normalised } from "./cell-values";
import { acceptedValues, type ImportReference } from "./choice-options";
import { choiceMatcher } from "./enum-match";
import type { ColumnMatch } from "./header-match";
import { PERSON_IMPORT_FIELDS, type ChoiceSource, type PersonImportFieldKey } from "./import-fields";
import { MAX_CELL_CHARS } from "./limits";
import { valueKey, type SheetMapping } from "./mapping";
import { splitFullName } from "./names";
import { PROBLEM_GROUPS, type FieldProblemCode, type NameSplitCode, type ValueProblemCode } from "./problems";
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

/**
 * A row the form's schema accepts: the fields a new case is registered with, and the case status
 * when the file gives one. Aliases are kept apart: the file gives no alias type, which the commit
 * asks for.
 */
export type PersonCandidate = Pick<NewCaseInput, CreationField> & { caseStatus: CaseStatus | null };

export type SameInFile = { row: number; why: "iin" | "name" };
export type InterpretedPerson = {
  row: number;
  key: string | null;
  /** Family and given name as read, to show beside the problems; empty when unreadable. */
  name: string;
  candidate: PersonCandidate | null;
  aliases: string[];
  /** What the row's aliases are, when the row says; else the type chosen for the whole file at the commit. */
  aliasType: AliasType | null;
  problems: PersonRowProblem[];
  sameInFile: SameInFile[];
};

export type PersonColumns = Partial<Record<PersonImportFieldKey, number>>;

export function personColumnsOf(matches: readonly ColumnMatch<PersonImportFieldKey>[]): PersonColumns {
  return Object.fromEntries(matches.flatMap((m) => (m.field === null ? [] : [[m.field, m.column]])));
}

/** The form's message keys that the import's catalog has as cell problems; any other reads as "invalid". */
const CELL_CODES: ReadonlySet<string> = new Set<string>(PROBLEM_GROUPS.cell);

function formCode(message: string): PersonProblemCode {
  return CELL_CODES.has(message) ? (message as PersonProblemCode) : "invalid";
}

const IMPORT_KEY_OF = new Map<PersonFieldName, PersonImportFieldKey>(
  PERSON_IMPORT_FIELDS.flatMap((field) => ("personField" in field ? [[field.personField, field.key] as const] : [])),
);

const CHOICE_FIELDS = PERSON_IMPORT_FIELDS.filter((field): field is Extract<typeof field, { choices: ChoiceSource }> => "choices" in field);
type ChoiceKey = (typeof CHOICE_FIELDS)[number]["key"];

/** The person's fields read from one column each; the names have their own rule (a full name in one cell). */
const NAME_KEYS: ReadonlySet<string> = new Set(["familyName", "givenName", "patronymic"]);
const PERSON_FIELD_COLUMNS = PERSON_IMPORT_FIELDS.filter(
  (field): field is Extract<(typeof PERSON_IMPORT_FIELDS)[number], { personField: PersonFieldName }> =>
    "personField" in field && !NAME_KEYS.has(field.key),
);

/** Reads every persons row against one set of reference data, read once. */
export function personRowReader(
  reference: ImportReference,
  today: string,
  valueChoices: SheetMapping["values"] = {},
): (row: Row, columns: PersonColumns) => InterpretedPerson {
  const choosers = new Map(
    CHOICE_FIELDS.map((field) => {
      const accepted = acceptedValues(field.choices, reference);
      const valueOf = new Map(accepted.map((a) => [a.code, a.value]));
      const match = choiceMatcher(accepted);
      const mapped = valueChoices[field.key] ?? {};
      return [
        field.key,
        (text: string) => {
          const found = match(text);
          if ("code" in found) return { value: valueOf.get(found.code) ?? found.code };
          // The person's own mapping of a value the catalog does not know; a code outside the
          // accepted values (a region that is not the user's) is still refused.
          const code = mapped[valueKey(text)];
          const value = code ? valueOf.get(code) : undefined;
          return value === undefined ? found : { value };
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

    // Every other person field by its kind, as declared; an empty cell is left out, for the schema's default or its "required".
    const valueOf = (field: (typeof PERSON_FIELD_COLUMNS)[number]): string | boolean | null => {
      switch (field.kind) {
        case "choice":
          return choice(field.key) || null;
        case "date":
          return read(field.key, readDate(cellOf(field.key), { notAfter: today }));
        case "iin":
          return read(field.key, readIin(cellOf(field.key)));
        case "flag":
          return read(field.key, readFlag(cellOf(field.key)));
        case "country":
          return text(field.key).toUpperCase() || null;
        case "name":
        case "text":
          return text(field.key) || null;
      }
    };
    const form: Record<string, unknown> = { ...names, confirmNotDuplicate: false };
    for (const field of PERSON_FIELD_COLUMNS) {
      const value = valueOf(field);
      if (value !== null) form[field.personField] = value;
    }
    // Each alias's length is the alias form's rule, checked below.
    const aliases = read("aliases", readList(cellOf("aliases"), MAX_CELL_CHARS)) ?? [];
    for (const alias of aliases) {
      const checked = AliasInput.shape.value.safeParse(alias);
      if (!checked.success) problem("aliases", formCode(checked.error.issues[0]?.message ?? "invalid"));
    }
    const aliasType = (choice("aliasType") || null) as AliasType | null;

    const parsed = NewCaseInput.safeParse(form);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const personField = issue.path[0] as PersonFieldName;
        const importKey =
          personField === "familyName" || personField === "givenName" ? nameField(personField) : IMPORT_KEY_OF.get(personField);
        if (importKey === undefined || failed.has(importKey)) continue;
        const empty = form[personField] === undefined || form[personField] === "";
        problem(importKey, empty ? "required" : formCode(issue.message));
      }
    }
    const status = PERSON_FIELDS.caseStatus.schema.safeParse(form.caseStatus);
    const caseStatus = status.success ? status.data : null;
    const candidate: PersonCandidate | null =
      parsed.success && problems.length === 0
        ? {
            ...(Object.fromEntries(CREATION_FIELDS.map((field) => [field, parsed.data[field]])) as Pick<NewCaseInput, CreationField>),
            caseStatus,
          }
        : null;
    return {
      row: row.number,
      key,
      name: [names.familyName, names.givenName].filter(Boolean).join(" "),
      candidate,
      aliases,
      aliasType,
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
