import type { EnrollmentStatus, ProsecutionStatus, Sex } from "../db/generated/enums";
import { ageCategoryAt, initialProsecutionStatus } from "../cases/age-category";
import { sentenceProblem } from "../prosecution/transitions";
import { HeldStatusChange } from "../validation/change-request";
import { readDate, readList, readText, type Normalised } from "./cell-values";
import { acceptedValues, type ImportReference } from "./choice-options";
import { choiceMatcher } from "./enum-match";
import { ENROLLMENT_IMPORT_FIELDS, HOUSEHOLD_IMPORT_FIELDS, PROSECUTION_IMPORT_FIELDS, type ImportField } from "./import-fields";
import { MAX_CELL_CHARS } from "./limits";
import { valueKey, type SheetMapping } from "./mapping";
import type { FieldProblemCode, LinkProblemCode, ValueProblemCode } from "./problems";
import type { Cell, Row } from "./sheet";
import { textKey } from "./text-key";
import { ENROLLMENT_STEPS, stepInto } from "../lifecycles/enrollment";

/**
 * The rows of the household, prosecution history and enrollments sheets, each read by its
 * field's reader and then judged as the case page's forms judge it: every person key must name a
 * person of the file or a case the user may edit, a prosecution history follows the transition
 * table in date order from the status the case starts with (or has), and an enrollment names an
 * active program of the person's region, with its steps in order and a free place where one is
 * taken. Pure: what the database knows comes in as `LinkContext`.
 */
export type LinkedSheetKind = "household" | "prosecution" | "enrollments";

/** The person a key names: a row of the persons sheet, or a registered case in the user's reach. */
export type PersonRef = { row: number } | { caseId: string; caseNumber: string };

export type LinkedRowProblem = {
  field: string;
  column: number | null;
  code: ValueProblemCode | FieldProblemCode | LinkProblemCode;
  /** For a forbidden transition: the statuses it would go between. */
  values?: { from: ProsecutionStatus; to: ProsecutionStatus };
};

export type HouseholdLinkData = { person: PersonRef; personRole: string; relative: PersonRef; relativeRole: string };
export type ProsecutionEntryData = {
  person: PersonRef;
  /** The status the entry moves from, as checked against the transition table. */
  from: ProsecutionStatus;
  status: ProsecutionStatus;
  effectiveDate: string;
  articles: string[];
  authority: string | null;
  sentenceMonths: number | null;
  reason: string;
};
export type EnrollmentData = {
  person: PersonRef;
  programId: string;
  programTypeCode: string;
  /** The status the enrollment ends the file in, from the last step dated. */
  status: EnrollmentStatus;
  referredOn: string;
  enrolledOn: string | null;
  completedOn: string | null;
  endedOn: string | null;
  /** The reason the file gives for the ending, resolved within the ending's kind; null: none given. */
  reasonId: string | null;
  outcomeNote: string | null;
};
type DataOf = { household: HouseholdLinkData; prosecution: ProsecutionEntryData; enrollments: EnrollmentData };

export type LinkedRow<K extends LinkedSheetKind = LinkedSheetKind> = {
  row: number;
  /** The person key as written, to show beside the problems. */
  person: string | null;
  problems: LinkedRowProblem[];
  /** The row as the commit will write it; null while it has problems. */
  data: DataOf[K] | null;
};

/** What a persons-sheet row brings to the other sheets. */
export type FilePerson = {
  row: number;
  ready: boolean;
  /** At the commit: the row was skipped or refused, so nothing may be written about its person. */
  notImported?: boolean;
  /** At the commit: the case the row created or joined, which the key now names. */
  written?: RegisteredCase;
  regionId: string | null;
  birthDate: string | null;
  sex: Sex | null;
  returnDate: string | null;
};
export type RegisteredCase = {
  caseId: string;
  caseNumber: string;
  regionId: string;
  prosecutionStatus: ProsecutionStatus;
  lastEntryOn: string | null;
  /** At the commit: the case was created from this file's persons sheet, so its history is its starting record (decision 029). */
  startingRecord?: boolean;
};
export type ProgramFact = { id: string; name: string; programTypeCode: string; regionId: string; capacity: number; taken: number };

export type LinkContext = {
  today: string;
  reference: ImportReference;
  /** The persons sheet's rows by their person key. */
  fileKeys: ReadonlyMap<string, FilePerson>;
  /** Cases the user may edit, by their case number in capitals (looked up before, by the keys the file names). */
  cases: ReadonlyMap<string, RegisteredCase>;
  /** Allowed moves, "FROM>TO", from the transition table. */
  transitions: ReadonlySet<string>;
  /** Moves, "FROM>TO", the four-eyes settings hold for a second person: refused for a case the file did not create. */
  heldMoves: ReadonlySet<string>;
  programs: readonly ProgramFact[];
};

export const LINKED_FIELDS = {
  household: HOUSEHOLD_IMPORT_FIELDS,
  prosecution: PROSECUTION_IMPORT_FIELDS,
  enrollments: ENROLLMENT_IMPORT_FIELDS,
} as const satisfies Record<LinkedSheetKind, readonly ImportField[]>;

type Columns = Partial<Record<string, number>>;

/** Reads one row's cells by kind, with the person's value mapping applied to enumerations. */
function cellReader(kind: LinkedSheetKind, ctx: LinkContext, valueChoices: SheetMapping["values"]) {
  const choosers = new Map(
    (LINKED_FIELDS[kind] as readonly ImportField[]).flatMap((field) => {
      if (!field.choices) return [];
      const accepted = acceptedValues(field.choices, ctx.reference);
      const valueOf = new Map(accepted.map((a) => [a.code, a.value]));
      const match = choiceMatcher(accepted);
      const mapped = valueChoices[field.key] ?? {};
      return [
        [
          field.key,
          (text: string): { value: string } | { miss: "unknownChoice" | "ambiguousChoice" } => {
            const found = match(text);
            if ("code" in found) return { value: valueOf.get(found.code) ?? found.code };
            const code = mapped[valueKey(text)];
            const value = code ? valueOf.get(code) : undefined;
            return value === undefined ? found : { value };
          },
        ] as const,
      ];
    }),
  );
  return (row: Row, columns: Columns) => {
    const problems: LinkedRowProblem[] = [];
    const cellOf = (field: string): Cell => {
      const column = columns[field];
      return column === undefined ? null : (row.cells[column - 1] ?? null);
    };
    const problem = (field: string, code: LinkedRowProblem["code"], values?: LinkedRowProblem["values"]) =>
      problems.push({ field, column: columns[field] ?? null, code, ...(values && { values }) });
    const required = (field: string, value: unknown) => {
      if (value === null && !problems.some((p) => p.field === field)) problem(field, "required");
      return value;
    };
    const read = <T>(field: string, result: Normalised<T>): T | null => {
      if (result.ok) return result.value;
      problem(field, result.code);
      return null;
    };
    const text = (field: string) => read(field, readText(cellOf(field), MAX_CELL_CHARS));
    const date = (field: string) => read(field, readDate(cellOf(field), { notAfter: ctx.today }));
    const list = (field: string) => read(field, readList(cellOf(field), MAX_CELL_CHARS)) ?? [];
    const choice = (field: string) => {
      const written = text(field);
      if (written === null) return null;
      const found = choosers.get(field)?.(written);
      if (found && "value" in found) return found.value;
      problem(field, found?.miss ?? "unknownChoice");
      return null;
    };
    const number = (field: string) => {
      const cell = cellOf(field);
      const written = typeof cell === "number" ? cell : typeof cell === "string" && cell.trim() !== "" ? Number(cell.trim()) : null;
      if (written === null) return null;
      if (!Number.isInteger(written)) {
        problem(field, "invalid");
        return null;
      }
      return written;
    };
    return { problems, problem, required, text, date, list, choice, number, cellOf };
  };
}

/** The person a key names: the persons sheet first, then a case in reach by its number; else an error at the key's cell. */
function resolver(ctx: LinkContext) {
  return (key: string | null, field: string, problem: (field: string, code: LinkProblemCode) => void): PersonRef | null => {
    if (key === null) return null;
    const inFile = ctx.fileKeys.get(key);
    if (inFile?.written) return { caseId: inFile.written.caseId, caseNumber: inFile.written.caseNumber };
    if (inFile) {
      if (!inFile.ready) problem(field, inFile.notImported ? "personNotImported" : "personNotReady");
      return { row: inFile.row };
    }
    const registered = ctx.cases.get(key.toUpperCase());
    if (registered) return { caseId: registered.caseId, caseNumber: registered.caseNumber };
    problem(field, "unknownKey");
    return null;
  };
}

const indexes = new WeakMap<LinkContext, { cases: Map<string, RegisteredCase>; rows: Map<number, FilePerson> }>();

/** The context's cases by id and persons by row, built once per context: a file names the same person on many rows. */
function indexOf(ctx: LinkContext) {
  let index = indexes.get(ctx);
  if (!index) {
    const files = [...ctx.fileKeys.values()];
    index = {
      cases: new Map([...ctx.cases.values(), ...files.flatMap((p) => (p.written ? [p.written] : []))].map((c) => [c.caseId, c])),
      rows: new Map(files.map((p) => [p.row, p])),
    };
    indexes.set(ctx, index);
  }
  return index;
}

const refKey = (ref: PersonRef) => ("row" in ref ? `row:${ref.row}` : `case:${ref.caseId}`);

export function readHouseholdRows(
  rows: readonly Row[],
  columns: Columns,
  ctx: LinkContext,
  values: SheetMapping["values"] = {},
): LinkedRow<"household">[] {
  const readRow = cellReader("household", ctx, values);
  const resolve = resolver(ctx);
  return rows.map((row) => {
    const r = readRow(row, columns);
    const personKey = r.required("person", r.text("person")) as string | null;
    const relativeKey = r.required("relative", r.text("relative")) as string | null;
    const personRole = r.required("personRole", r.choice("personRole")) as string | null;
    const relativeRole = r.required("relativeRole", r.choice("relativeRole")) as string | null;
    const person = resolve(personKey, "person", r.problem);
    const relative = resolve(relativeKey, "relative", r.problem);
    if (person && relative && refKey(person) === refKey(relative)) r.problem("relative", "samePerson");
    const ready = r.problems.length === 0 && person && relative && personRole && relativeRole;
    return {
      row: row.number,
      person: personKey,
      problems: r.problems,
      data: ready ? { person, personRole, relative, relativeRole } : null,
    };
  });
}

/**
 * The status a person's history starts from: a new case's first status (decided by age, as the New
 * case form decides it), or the case's current one; and whether its moves are the case's starting
 * record (a case the file creates) or changes to a registered case, which the four-eyes settings may hold.
 */
function startOf(ref: PersonRef, ctx: LinkContext): { status: ProsecutionStatus; after: string | null; startingRecord: boolean } | null {
  if ("caseId" in ref) {
    const registered = indexOf(ctx).cases.get(ref.caseId);
    return registered
      ? { status: registered.prosecutionStatus, after: registered.lastEntryOn, startingRecord: registered.startingRecord ?? false }
      : null;
  }
  const person = indexOf(ctx).rows.get(ref.row);
  if (!person?.birthDate || !person.sex || !person.returnDate) return null;
  return {
    status: initialProsecutionStatus(ageCategoryAt(person.birthDate, person.sex, person.returnDate)),
    after: null,
    startingRecord: true,
  };
}

/** An entry by the status form's own schema and sentence rule: each field it refuses is a problem of that field. */
function checkEntry(
  entry: {
    status: ProsecutionStatus;
    effectiveDate: string;
    articles: string[];
    authority: string | null;
    sentenceMonths: number | null;
    reason: string;
  },
  problem: (field: string, code: LinkedRowProblem["code"]) => void,
) {
  const parsed = HeldStatusChange.safeParse({
    ...entry,
    from: entry.status,
    authority: entry.authority ?? "",
    sentenceMonths: entry.sentenceMonths ?? undefined,
  });
  const fields = new Set(parsed.success ? [] : parsed.error.issues.map((issue) => String(issue.path[0])));
  for (const field of fields) problem(field, "invalid");
  const sentence = sentenceProblem(entry.status, entry.sentenceMonths ?? undefined);
  if (sentence && !fields.has("sentenceMonths")) problem("sentenceMonths", sentence);
}

export function readProsecutionRows(
  rows: readonly Row[],
  columns: Columns,
  ctx: LinkContext,
  values: SheetMapping["values"] = {},
): LinkedRow<"prosecution">[] {
  const readRow = cellReader("prosecution", ctx, values);
  const resolve = resolver(ctx);
  const read = rows.map((row) => {
    const r = readRow(row, columns);
    const personKey = r.required("person", r.text("person")) as string | null;
    const status = r.required("status", r.choice("status")) as ProsecutionStatus | null;
    const effectiveDate = r.required("effectiveDate", r.date("effectiveDate")) as string | null;
    const reason = r.required("reason", r.text("reason")) as string | null;
    const entry = { articles: r.list("articles"), authority: r.text("authority"), sentenceMonths: r.number("sentenceMonths") };
    const person = resolve(personKey, "person", r.problem);
    if (status && effectiveDate && reason && r.problems.length === 0) checkEntry({ status, effectiveDate, reason, ...entry }, r.problem);
    return { row, r, personKey, person, status, effectiveDate, reason, entry };
  });
  // Each person's history in date order (the file's order where two share a day), each move checked from the last accepted one.
  const byPerson = new Map<string, typeof read>();
  for (const entry of read) {
    if (!entry.person || !entry.status || !entry.effectiveDate || entry.r.problems.length > 0) continue;
    const key = refKey(entry.person);
    byPerson.set(key, [...(byPerson.get(key) ?? []), entry]);
  }
  const from = new Map<(typeof read)[number], ProsecutionStatus>();
  for (const entries of byPerson.values()) {
    const [first] = entries;
    const start = first?.person ? startOf(first.person, ctx) : null;
    if (!start) continue;
    let current = start.status;
    for (const entry of [...entries].sort(
      (a, b) => (a.effectiveDate ?? "").localeCompare(b.effectiveDate ?? "") || a.row.number - b.row.number,
    )) {
      const to = entry.status as ProsecutionStatus;
      if (start.after !== null && (entry.effectiveDate ?? "") < start.after) entry.r.problem("effectiveDate", "beforeLastEntry");
      else if (!ctx.transitions.has(`${current}>${to}`)) entry.r.problem("status", "forbiddenTransition", { from: current, to });
      else if (!start.startingRecord && ctx.heldMoves.has(`${current}>${to}`)) entry.r.problem("status", "needsConfirmation");
      else {
        from.set(entry, current);
        current = to;
      }
    }
  }
  return read.map((entry) => {
    const moved = from.get(entry);
    const { person, status, effectiveDate, reason } = entry;
    const ready = entry.r.problems.length === 0 && person && status && effectiveDate && reason && moved;
    return {
      row: entry.row.number,
      person: entry.personKey,
      problems: entry.r.problems,
      data: ready ? { person, from: moved, status, effectiveDate, reason, ...entry.entry } : null,
    };
  });
}

/** The region a person is or will be registered in. */
function regionOf(ref: PersonRef, ctx: LinkContext): string | null {
  if ("caseId" in ref) return indexOf(ctx).cases.get(ref.caseId)?.regionId ?? null;
  return indexOf(ctx).rows.get(ref.row)?.regionId ?? null;
}

export function readEnrollmentRows(
  rows: readonly Row[],
  columns: Columns,
  ctx: LinkContext,
  values: SheetMapping["values"] = {},
): LinkedRow<"enrollments">[] {
  const readRow = cellReader("enrollments", ctx, values);
  const resolve = resolver(ctx);
  // Places the file itself takes, program by program, on top of those taken already.
  const takenByFile = new Map<string, number>();
  return rows.map((row) => {
    const r = readRow(row, columns);
    const personKey = r.required("person", r.text("person")) as string | null;
    const programName = r.required("program", r.text("program")) as string | null;
    const programTypeCode = r.required("programType", r.choice("programType")) as string | null;
    const referredOn = r.required("referredOn", r.date("referredOn")) as string | null;
    const enrolledOn = r.date("enrolledOn");
    const completedOn = r.date("completedOn");
    const ending = r.choice("ending") as EnrollmentStatus | null;
    const endedOn = r.date("endedOn");
    const reasonCode = r.choice("endingReason");
    const outcomeNote = r.text("outcomeNote");
    const person = resolve(personKey, "person", r.problem);

    // The steps as the lifecycle allows them: enrolled after referred, completed or ended after that, never both.
    if (referredOn && enrolledOn && enrolledOn < referredOn) r.problem("enrolledOn", "stepOrder");
    if (completedOn && (!enrolledOn || completedOn < enrolledOn)) r.problem("completedOn", enrolledOn ? "stepOrder" : "stepMissing");
    if ((ending === null) !== (endedOn === null)) r.problem(ending === null ? "ending" : "endedOn", "required");
    if (ending && completedOn) r.problem("ending", "stepOrder");
    if (ending === "DECLINED" && enrolledOn) r.problem("ending", "stepOrder");
    if (ending && ending !== "DECLINED" && !enrolledOn) r.problem("enrolledOn", "stepMissing");
    if (endedOn && endedOn < (enrolledOn ?? referredOn ?? endedOn)) r.problem("endedOn", "stepOrder");
    const status: EnrollmentStatus = ending ?? (completedOn ? "COMPLETED" : enrolledOn ? "ENROLLED" : "REFERRED");
    // A reason belongs to an ending, and must be one of that ending's kind ("moved away" is no reason to decline).
    const endingStep = ending ? stepInto(ending) : null;
    const reasonKind = endingStep ? ENROLLMENT_STEPS[endingStep].reasonKind : null;
    const reasonId =
      reasonCode && reasonKind ? (ctx.reference.reasons.find((x) => x.kind === reasonKind && x.code === reasonCode)?.id ?? null) : null;
    if (reasonCode && !ending && !r.problems.some((p) => p.field === "ending")) r.problem("ending", "required");
    else if (reasonCode && !reasonId) r.problem("endingReason", "reasonNotForEnding");

    const region = person ? regionOf(person, ctx) : null;
    const program =
      programName && programTypeCode && region
        ? ctx.programs.find(
            (p) => p.regionId === region && p.programTypeCode === programTypeCode && textKey(p.name) === textKey(programName),
          )
        : undefined;
    if (programName && programTypeCode && person && !program) r.problem("program", "unknownProgram");
    if (program && status === "ENROLLED" && r.problems.length === 0) {
      const taken = program.taken + (takenByFile.get(program.id) ?? 0);
      if (taken >= program.capacity) r.problem("enrolledOn", "programFull");
      else takenByFile.set(program.id, (takenByFile.get(program.id) ?? 0) + 1);
    }
    const ready = r.problems.length === 0 && person && program && referredOn;
    return {
      row: row.number,
      person: personKey,
      problems: r.problems,
      data: ready
        ? {
            person,
            programId: program.id,
            programTypeCode: program.programTypeCode,
            status,
            referredOn,
            enrolledOn,
            completedOn,
            endedOn,
            reasonId,
            outcomeNote,
          }
        : null,
    };
  });
}

/** Each sheet's reader, for the preview and the commit alike. */
export const LINKED_READERS = { household: readHouseholdRows, prosecution: readProsecutionRows, enrollments: readEnrollmentRows } as const;
