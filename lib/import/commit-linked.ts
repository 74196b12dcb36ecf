import "server-only";
import { z } from "zod";
import type { CurrentUser } from "../auth/current-user";
import { requireEditableCase } from "../access/case-access";
import { addHouseholdMemberIn } from "../cases/add-household-member";
import { changeProsecutionStatusIn } from "../cases/change-prosecution-status";
import { getDb, type Tx } from "../db/client";
import { DomainError } from "../errors/domain-error";
import { FieldProblems } from "../errors/field-problems";
import { stepInto, type EnrollmentStep } from "../lifecycles/enrollment";
import { advanceEnrollmentIn, referToProgramIn } from "../programs/enrollments";
import { HeldStatusChange } from "../validation/change-request";
import { EnrollmentStepInput, ReferInput } from "../validation/enrollment";
import { AddHouseholdMemberInput } from "../validation/household";
import type { ImportReference } from "./choice-options";
import type { BatchCounts } from "./import-batches";
import { countOutcomes, isUniqueViolation, markImportRow, type RowMark } from "./import-rows";
import { loadLinkContext } from "./link-context";
import {
  LINKED_READERS,
  type EnrollmentData,
  type HouseholdLinkData,
  type LinkedRow,
  type LinkedSheetKind,
  type PersonRef,
  type ProsecutionEntryData,
  type RegisteredCase,
} from "./linked-rows";
import { fileKeysOf, keysNamed, LINKED_SHEET_KINDS, readLinkedSheets } from "./linked-sheets";
import type { ImportMapping } from "./mapping";
import type { InterpretedPerson } from "./person-rows";
import type { Sheet } from "./sheet";

/**
 * The commit of the household links, prosecution history and enrollments sheets, after the
 * persons sheet (docs/import.md, docs/decisions/023 and 029). Each sheet is read again by the
 * preview's own readers, against a context in which every person key the commit wrote now names
 * its case: the preview's judgement (keys, transitions in date order, steps, places) is made again
 * on what the database holds now. Each row is then written in its own transaction through the case
 * page's domain writes, inside that transaction, with its `import_row`; each event carries the
 * batch, the file, the sheet and the row. Rows this batch or an earlier one of the same file already
 * wrote are left out before reading, so a second or resumed commit writes nothing twice and judges
 * what is left from where the case now stands.
 */
export type LinkedCommitBatch = { id: string; fileName: string; fileSha256: string; sheet: string; mapping: ImportMapping | null };
export type LinkedSheetCounts = { kind: LinkedSheetKind; sheet: string } & BatchCounts;

type RowContext = { importBatchId: string; fileSha256: string; sheet: string; row: number };

const WRITTEN_OUTCOMES = new Set(["CREATED", "LINKED", "ALREADY_IMPORTED"]);

/**
 * The persons sheet's keys as the commit left them: a row it wrote (or found written) names its
 * case; a ready row it skipped or refused names a person nothing may be written about.
 */
async function writtenPersons(batch: LinkedCommitBatch, persons: readonly InterpretedPerson[]) {
  const db = getDb();
  const [marks, createdByFile] = await Promise.all([
    db.importRow.findMany({ where: { batchId: batch.id, sheet: batch.sheet }, select: { rowNumber: true, outcome: true, personId: true } }),
    db.importRow.findMany({ where: { fileSha256: batch.fileSha256, sheet: batch.sheet, outcome: "CREATED" }, select: { personId: true } }),
  ]);
  const created = new Set(createdByFile.map((r) => r.personId));
  const caseOfRow = new Map(
    marks.flatMap((m) => (m.personId && WRITTEN_OUTCOMES.has(m.outcome) ? [[m.rowNumber, m.personId] as const] : [])),
  );
  const cases = await db.person.findMany({
    where: { id: { in: [...new Set(caseOfRow.values())] } },
    select: {
      id: true,
      caseNumber: true,
      regionId: true,
      prosecutionStatus: true,
      prosecution: { orderBy: { effectiveDate: "desc" }, take: 1, select: { effectiveDate: true } },
    },
  });
  const byId = new Map(
    cases.map((c): [string, RegisteredCase] => [
      c.id,
      {
        caseId: c.id,
        caseNumber: c.caseNumber,
        regionId: c.regionId,
        prosecutionStatus: c.prosecutionStatus,
        lastEntryOn: c.prosecution[0]?.effectiveDate.toISOString().slice(0, 10) ?? null,
        startingRecord: created.has(c.id),
      },
    ]),
  );
  const fileKeys = fileKeysOf(persons);
  for (const [key, person] of fileKeys) {
    const caseId = caseOfRow.get(person.row);
    const written = caseId ? byId.get(caseId) : undefined;
    if (written) fileKeys.set(key, { ...person, written });
    else if (person.ready) fileKeys.set(key, { ...person, ready: false, notImported: true });
  }
  return fileKeys;
}

export async function commitLinkedSheets(
  user: CurrentUser,
  batch: LinkedCommitBatch,
  sheets: readonly Sheet[],
  personsSheet: Sheet,
  persons: readonly InterpretedPerson[],
  reference: ImportReference,
  today: string,
): Promise<LinkedSheetCounts[]> {
  const read = readLinkedSheets(sheets, personsSheet, batch.mapping ?? undefined).sort(
    (a, b) => LINKED_SHEET_KINDS.indexOf(a.kind) - LINKED_SHEET_KINDS.indexOf(b.kind),
  );
  if (read.length === 0) return [];
  const fileKeys = await writtenPersons(batch, persons);
  const context = await loadLinkContext(user, reference, today, fileKeys, keysNamed(read));
  const startingRecord = new Set([...fileKeys.values()].flatMap((p) => (p.written?.startingRecord ? [p.written.caseId] : [])));

  const counts: LinkedSheetCounts[] = [];
  for (const { kind, sheet, data, byField } of read) {
    const left = await rowsLeft(batch, sheet.name, data);
    const rows: LinkedRow[] = LINKED_READERS[kind](left, byField, context, batch.mapping?.sheets[kind]?.values);
    // A person's history is written in date order, the file's order within a day, as the reader checked it.
    if (kind === "prosecution") rows.sort(byDateThenRow);
    for (const row of rows) await commitLinkedRow(user, batch, sheet.name, kind, row, startingRecord);
    counts.push({ kind, sheet: sheet.name, ...(await getDb().$transaction((tx) => countOutcomes(tx, batch.id, sheet.name))) });
  }
  return counts;
}

function byDateThenRow(a: LinkedRow, b: LinkedRow): number {
  const dateOf = (row: LinkedRow) => (row.data && "effectiveDate" in row.data ? row.data.effectiveDate : "");
  return dateOf(a).localeCompare(dateOf(b)) || a.row - b.row;
}

/**
 * The rows of a sheet not yet written: a row this batch marked is done; a row an earlier batch of
 * the same file wrote is marked already imported here, naming its case, and left out.
 */
async function rowsLeft(batch: LinkedCommitBatch, sheet: string, data: readonly Sheet["rows"][number][]) {
  const db = getDb();
  const [done, earlier] = await Promise.all([
    db.importRow.findMany({ where: { batchId: batch.id, sheet }, select: { rowNumber: true } }),
    db.importRow.findMany({
      where: { fileSha256: batch.fileSha256, sheet, outcome: { in: ["CREATED", "LINKED"] }, batchId: { not: batch.id } },
      select: { rowNumber: true, personId: true },
    }),
  ]);
  const marked = new Set(done.map((r) => r.rowNumber));
  const before = new Map(earlier.map((r) => [r.rowNumber, r.personId]));
  for (const [row, personId] of before) {
    if (marked.has(row)) continue;
    try {
      await db.$transaction((tx) => markImportRow(tx, batch, sheet, row, { outcome: "ALREADY_IMPORTED", personId }));
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  return data.filter((row) => !marked.has(row.number) && !before.has(row.number));
}

/** A row in one transaction with its mark; refused by the reader or the domain, it is an error row and nothing of it is written. */
async function commitLinkedRow(
  user: CurrentUser,
  batch: LinkedCommitBatch,
  sheet: string,
  kind: LinkedSheetKind,
  row: LinkedRow,
  startingRecord: ReadonlySet<string>,
) {
  const mark = (tx: Tx, written: RowMark) => markImportRow(tx, batch, sheet, row.row, written);
  const first = row.problems[0];
  if (!row.data || first) {
    const error = first ? `${first.field}:${first.code}${first.values ? `:${first.values.from}>${first.values.to}` : ""}` : "invalid";
    await getDb().$transaction((tx) => mark(tx, { outcome: "ERROR", error }));
    return;
  }
  const data = row.data;
  const context: RowContext = { importBatchId: batch.id, fileSha256: batch.fileSha256, sheet, row: row.row };
  for (let attempt = 0; ; attempt++) {
    try {
      await getDb().$transaction(async (tx) => {
        const done = await tx.importRow.findUnique({
          where: { batchId_sheet_rowNumber: { batchId: batch.id, sheet, rowNumber: row.row } },
          select: { id: true },
        });
        if (done) return;
        const caseId = await WRITERS[kind](tx, user, data as never, context, startingRecord);
        await mark(tx, { outcome: "CREATED", personId: caseId });
      });
      return;
    } catch (error) {
      if ((isUniqueViolation(error) || isConflict(error)) && attempt === 0) continue;
      const code = linkedRowError(kind, error);
      if (code === null) throw error;
      await getDb().$transaction((tx) => mark(tx, { outcome: "ERROR", error: code }));
      return;
    }
  }
}

const isConflict = (error: unknown) => error instanceof DomainError && error.kind === "conflict";

/** At the commit every key the reader accepted names a case: the persons it names were written first. */
function caseOf(ref: PersonRef): { caseId: string; caseNumber: string } {
  if (!("caseId" in ref)) throw new Error("a person of the file was not written before their other sheets");
  return ref;
}

type Writer<D> = (tx: Tx, user: CurrentUser, data: D, context: RowContext, startingRecord: ReadonlySet<string>) => Promise<string>;

const writeHouseholdLink: Writer<HouseholdLinkData> = async (tx, user, data, context) => {
  const person = caseOf(data.person);
  const input = AddHouseholdMemberInput.parse({
    caseId: person.caseId,
    ownRole: data.personRole,
    otherCaseNumber: caseOf(data.relative).caseNumber,
    otherRole: data.relativeRole,
  });
  await addHouseholdMemberIn(tx, user, input, context);
  return person.caseId;
};

const writeProsecutionEntry: Writer<ProsecutionEntryData> = async (tx, user, data, context, startingRecord) => {
  const { caseId } = caseOf(data.person);
  const change = HeldStatusChange.parse({
    from: data.from,
    status: data.status,
    effectiveDate: data.effectiveDate,
    articles: data.articles,
    authority: data.authority ?? "",
    sentenceMonths: data.sentenceMonths ?? undefined,
    reason: data.reason,
  });
  const person = await requireEditableCase(tx, user, caseId);
  await changeProsecutionStatusIn(tx, user, person, change, { context, startingRecord: startingRecord.has(caseId) });
  return caseId;
};

const writeEnrollment: Writer<EnrollmentData> = async (tx, user, data, context) => {
  const { caseId } = caseOf(data.person);
  // The ending (a decline, a withdrawal, a drop-out) is the step into the status the file ends in, with the file's reason.
  const ending = data.endedOn ? stepInto(data.status) : null;
  const steps: { step: EnrollmentStep; date: string; reasonId?: string }[] = [
    ...(data.enrolledOn ? [{ step: "enrol" as const, date: data.enrolledOn }] : []),
    ...(data.completedOn ? [{ step: "complete" as const, date: data.completedOn }] : []),
    ...(data.endedOn && ending ? [{ step: ending, date: data.endedOn, reasonId: data.reasonId ?? undefined }] : []),
  ];
  const note = data.outcomeNote ?? "";
  const now = new Date();
  const person = await requireEditableCase(tx, user, caseId);
  const referral = ReferInput.parse({ caseId, programId: data.programId, date: data.referredOn, note: steps.length === 0 ? note : "" });
  const { id } = await referToProgramIn(tx, user, person, referral, { now, context });
  let version = 1;
  for (const [i, { step, date, reasonId }] of steps.entries()) {
    const last = i === steps.length - 1;
    const input = EnrollmentStepInput.parse({ enrollmentId: id, version, step, date, outcomeNote: last ? note : "", reasonId });
    // Only an enrollment the file leaves enrolled holds a place; one it enrols and then ends never did, today.
    ({ version } = await advanceEnrollmentIn(tx, user, input, {
      now,
      context,
      reasonless: true,
      passingThrough: data.status !== "ENROLLED",
    }));
  }
  return caseId;
};

const WRITERS: { [K in LinkedSheetKind]: Writer<never> } = {
  household: writeHouseholdLink,
  prosecution: writeProsecutionEntry,
  enrollments: writeEnrollment,
};

/** Where the domain's refusal is written on each sheet, and by which of the import's codes. */
const REFUSALS: Record<LinkedSheetKind, { fields: Record<string, string>; codes: Record<string, string> }> = {
  household: {
    fields: { caseId: "person", otherCaseNumber: "relative", ownRole: "personRole", otherRole: "relativeRole" },
    codes: { caseNotFound: "unknownKey", sameCase: "samePerson", alreadyMember: "alreadyMember" },
  },
  prosecution: {
    fields: {},
    codes: {
      transitionNotAllowed: "forbiddenTransition",
      beforePrevious: "beforeLastEntry",
      needsConfirmation: "needsConfirmation",
      noSentence: "noSentence",
      sentenceRequired: "sentenceRequired",
      future: "future",
    },
  },
  enrollments: {
    fields: { programId: "program", step: "enrolledOn", date: "referredOn", reasonId: "endingReason" },
    codes: {
      programUnavailable: "unknownProgram",
      programFull: "programFull",
      beforePrevious: "stepOrder",
      stepNotAllowed: "stepOrder",
      future: "future",
    },
  },
};

/** A refusal as the row's stored error (`field:code`), or null for a failure that is no refusal of the row. */
function linkedRowError(kind: LinkedSheetKind, error: unknown): string | null {
  const { fields, codes } = REFUSALS[kind];
  if (error instanceof FieldProblems || error instanceof z.ZodError) {
    const [first] = error instanceof FieldProblems ? error.problems : error.issues.map((i) => ({ field: String(i.path[0]), message: "" }));
    const field = first ? (fields[first.field] ?? first.field) : "person";
    return `${field}:${(first && codes[first.message]) ?? "invalid"}`;
  }
  if (error instanceof DomainError && (error.kind === "notFound" || error.kind === "forbidden")) return "notInReach";
  if (isConflict(error)) return "changedMeanwhile";
  return null;
}
