import { randomInt } from "node:crypto";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "../auth/session-store";
import type { NewCaseAlias } from "../cases/create-case";
import { getDb, type Tx } from "../db/client";
import { verifyExport } from "../auditing/verify-export";
import { exportHistory } from "../exports/export-history";
import { writeHistoryJson } from "../exports/write-json";
import { readPublicKeys } from "../signing/key-store";
import { ensureOperation, makePerson, makeTeam, makeUser, type Team } from "../testing/factories";
import { outcome } from "../testing/outcome";
import { makeIin } from "../validation/iin";
import { ImportCommitInput } from "../validation/import";
import { templateFields } from "./import-fields";
import { COMMITTED, commitImportBatch } from "./commit-persons";
import { getImportBatch, listImportBatches } from "./import-batches";
import { previewPersonsImport } from "./preview-persons";
import { sheetTitle } from "./template";
import { uniqueGivenName, uniqueName } from "../testing/unique-name";

/** Set to a row number to make that row's write fail half-way, as if the server stopped there. */
const stopAt = vi.hoisted(() => ({ row: null as number | null }));
vi.mock("../cases/create-case", async (importActual) => {
  const actual = await importActual<typeof import("../cases/create-case")>();
  return {
    ...actual,
    writeNewCase: async (
      tx: Tx,
      user: CurrentUser,
      input: Parameters<typeof actual.writeNewCase>[2],
      aliases: NewCaseAlias[],
      audit: { context: { row?: number } },
    ) => {
      const written = await actual.writeNewCase(tx, user, input, aliases, audit);
      if (stopAt.row !== null && audit.context.row === stopAt.row) throw new Error("server stopped");
      return written;
    },
  };
});

let team: Team;
beforeAll(async () => {
  await ensureOperation();
  team = await makeTeam();
});

async function unusedIin(birthDate: string): Promise<string> {
  for (;;) {
    const iin = makeIin(birthDate, "MALE", randomInt(1, 9999));
    if (iin && (await getDb().person.count({ where: { iin } })) === 0) return iin;
  }
}

type PersonRow = Partial<Record<string, string | number | Date>>;

async function templateFile(rows: PersonRow[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetTitle("ru", "persons"));
  const fields = templateFields("persons");
  sheet.addRow(fields.map((field) => field.headers.ru[0]));
  for (const row of rows) sheet.addRow(fields.map((field) => row[field.key] ?? null));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const person = (overrides: PersonRow = {}): PersonRow => ({
  familyName: uniqueName(),
  givenName: uniqueGivenName(),
  sex: "Мужской",
  // Far from the birth dates other tests give their persons, so the registry holds no look-alike.
  birthDate: "21.02.1951",
  region: team.region.nameRu,
  returnDate: new Date(Date.UTC(2019, 4, 7)),
  returnOperation: "TEST_OP",
  returnedFrom: "SY",
  ...overrides,
});

async function previewBatch(user: CurrentUser, bytes: Uint8Array, name = "office.xlsx") {
  const preview = await previewPersonsImport(user, { name, bytes });
  if (preview.status !== "previewed") throw new Error(JSON.stringify(preview));
  return preview;
}

const commitInput = (batchId: string, decisions: Record<string, string> = {}) =>
  ImportCommitInput.parse({ batchId, reason: "Перенос картотеки области", aliasType: "TRANSLITERATION", ...decisions });

const casesOfBatch = (batchId: string) =>
  getDb().importRow.findMany({
    where: { batchId },
    orderBy: { rowNumber: "asc" },
    select: { rowNumber: true, outcome: true, personId: true, error: true },
  });

describe("commitImportBatch", () => {
  it("creates each ready row through the form's write, with the file and row in every event, and brings nothing in twice", async () => {
    const { supervisor } = team;
    const first = person({ iin: await unusedIin("1951-02-21"), aliases: "Abu Erlan; Ерлан Аскарович" });
    const bytes = await templateFile([first, person({ birthDate: "31.02.1951" })]);
    const preview = await previewBatch(supervisor, bytes);
    expect(preview.counts).toMatchObject({ rows: 2, ready: 1, withProblems: 1 });

    const result = await commitImportBatch(supervisor, commitInput(preview.batchId));
    expect(result.counts).toEqual({ created: 1, linked: 0, skipped: 0, alreadyImported: 0, errors: 1 });
    const rows = await casesOfBatch(preview.batchId);
    expect(rows.map((r) => [r.rowNumber, r.outcome])).toEqual([
      [2, "CREATED"],
      [3, "ERROR"],
    ]);
    expect(rows[1]!.error).toBe("birthDate:date");
    const caseId = rows[0]!.personId!;
    const created = await getDb().person.findUniqueOrThrow({ where: { id: caseId }, include: { aliases: true, prosecution: true } });
    expect(created.aliases.map((a) => [a.value, a.type, a.source]).sort()).toEqual([
      ["Abu Erlan", "TRANSLITERATION", "office.xlsx"],
      ["Ерлан Аскарович", "TRANSLITERATION", "office.xlsx"],
    ]);
    expect(created.prosecution).toHaveLength(1);
    const [event] = await getDb().auditEvent.findMany({ where: { chain: caseId, action: "case.created" } });
    const batch = await getDb().importBatch.findUniqueOrThrow({ where: { id: preview.batchId } });
    expect(event?.context).toEqual({ importBatchId: preview.batchId, fileSha256: batch.fileSha256, sheet: batch.sheet, row: 2 });
    const committed = await getDb().auditEvent.findFirstOrThrow({ where: { action: COMMITTED, entityId: preview.batchId } });
    expect(committed).toMatchObject({ actorId: supervisor.id, reason: "Перенос картотеки области" });
    expect(committed.context).toMatchObject({ fileName: "office.xlsx", created: 1, errors: 1 });
    expect(await getImportBatch(supervisor, preview.batchId)).toMatchObject({ state: "COMMITTED", counts: { created: 1, errors: 1 } });

    // The same file again: the preview says the row was imported before (not a duplicate of itself),
    // and the commit recognises it and writes nothing.
    const again = await previewBatch(supervisor, bytes);
    expect(again.counts).toMatchObject({ importedBefore: 1, possibleDuplicates: 0, ready: 0 });
    expect(again.rows.map((r) => r.row)).not.toContain(2);
    const personsBefore = await getDb().person.count();
    const decisions = Object.fromEntries(again.rows.filter((r) => r.problems.length === 0).map((r) => [`decision-${r.row}`, "create"]));
    const second = await commitImportBatch(supervisor, commitInput(again.batchId, decisions));
    expect(second.counts).toMatchObject({ created: 0, alreadyImported: 1, errors: 1 });
    expect(await getDb().person.count()).toBe(personsBefore);
    expect((await casesOfBatch(again.batchId))[0]).toMatchObject({ outcome: "ALREADY_IMPORTED", personId: caseId });

    // Committed once is committed: the batch refuses a second commit.
    expect(await outcome(commitImportBatch(supervisor, commitInput(preview.batchId)))).toBe("conflict");
  });

  it('starts a created case at the file\'s case status, with the file and row in its event, and never at "transferred"', async () => {
    const supervisor = team.supervisor;
    const closed = person({ caseStatus: "Закрыто" });
    const transferred = person({ caseStatus: "Передано" });
    const preview = await previewBatch(supervisor, await templateFile([closed, transferred]));
    expect(preview.rows.find((r) => r.row === 3)?.problems).toEqual([
      expect.objectContaining({ field: "caseStatus", code: "unknownChoice" }),
    ]);
    await commitImportBatch(supervisor, commitInput(preview.batchId));
    const [created] = await casesOfBatch(preview.batchId);
    const stored = await getDb().person.findUniqueOrThrow({
      where: { id: created!.personId! },
      select: { caseStatus: true, version: true },
    });
    expect(stored).toEqual({ caseStatus: "CLOSED", version: 2 });
    const event = await getDb().auditEvent.findFirstOrThrow({ where: { chain: created!.personId!, action: "person.updated" } });
    expect(event).toMatchObject({
      before: { caseStatus: "OPEN" },
      after: { caseStatus: "CLOSED" },
      context: { importBatchId: preview.batchId, row: 2 },
    });
  });

  it("asks a decision for each possible duplicate, attaches to a case in reach with the file's aliases, and skips", async () => {
    const { supervisor, owner } = team;
    const existing = await makePerson(team.region.id, owner.id, uniqueName());
    const stored = await getDb().person.findUniqueOrThrow({ where: { id: existing.id } });
    const birth = stored.birthDate.toISOString().slice(0, 10).split("-").reverse().join(".");
    const twin = person({
      familyName: stored.familyName,
      givenName: stored.givenName,
      birthDate: birth,
      aliases: "Абу Ерлан",
      aliasType: "Куня",
    });
    const skipped = person({ familyName: stored.familyName, givenName: stored.givenName, birthDate: birth, key: "x" });
    const preview = await previewBatch(supervisor, await templateFile([twin, skipped]));
    expect(preview.counts.possibleDuplicates).toBe(2);

    expect(await outcome(commitImportBatch(supervisor, commitInput(preview.batchId)))).toBe(
      "invalid:decision-2=required,decision-3=required",
    );
    const elsewhere = await makePerson(team.otherRegion.id, null, uniqueName());
    expect(
      await outcome(
        commitImportBatch(supervisor, commitInput(preview.batchId, { "decision-2": `attach:${elsewhere.id}`, "decision-3": "skip" })),
      ),
    ).toBe("invalid:decision-2=invalid");

    const result = await commitImportBatch(
      supervisor,
      commitInput(preview.batchId, { "decision-2": `attach:${existing.id}`, "decision-3": "skip" }),
    );
    expect(result.counts).toMatchObject({ created: 0, linked: 1, skipped: 1 });
    const aliases = await getDb().alias.findMany({ where: { personId: existing.id } });
    // The row says what its aliases are, over the type chosen for the file.
    expect(aliases.find((a) => a.value === "Абу Ерлан")?.type).toBe("KUNYA");
    const events = await getDb().auditEvent.findMany({
      where: { chain: existing.id, action: { in: ["alias.added", "import.row_linked"] } },
    });
    expect(events.map((e) => [e.action, (e.context as { row: number }).row]).sort()).toEqual([
      ["alias.added", 2],
      ["import.row_linked", 2],
    ]);
  });

  it("resumes a commit cut off part way without a half-written person, and the imported history verifies", async () => {
    const { supervisor, auditor } = team;
    const rows = [person(), person(), person()];
    const preview = await previewBatch(supervisor, await templateFile(rows));
    stopAt.row = 3;
    await expect(commitImportBatch(supervisor, commitInput(preview.batchId))).rejects.toThrow("server stopped");
    stopAt.row = null;
    expect((await casesOfBatch(preview.batchId)).map((r) => r.rowNumber)).toEqual([2]);
    expect(await getDb().person.count({ where: { familyName: String(rows[1]!.familyName) } })).toBe(0);
    expect((await getImportBatch(supervisor, preview.batchId)).state).toBe("COMMITTING");

    const resumed = await commitImportBatch(supervisor, commitInput(preview.batchId));
    expect(resumed.counts).toMatchObject({ created: 3, errors: 0 });
    for (const row of rows) expect(await getDb().person.count({ where: { familyName: String(row.familyName) } })).toBe(1);

    const caseId = (await casesOfBatch(preview.batchId))[1]!.personId!;
    const chunks: Buffer[] = [];
    await exportHistory(auditor, { caseId }, { format: "json", profile: "full", reason: "Проверка импорта" }, async (plan) => {
      await plan.transmit(
        async (chunk) => void chunks.push(Buffer.from(chunk)),
        (write) => writeHistoryJson(plan, write),
      );
    });
    const text = Buffer.concat(chunks).toString("utf8");
    expect(text).toContain(preview.batchId);
    expect(verifyExport(text, readPublicKeys())).toMatchObject({ ok: true, verifiable: true });
  });

  it("shows a batch only to supervisors of all its regions and to auditors; others cannot commit it", async () => {
    const { supervisor, auditor, owner } = team;
    const preview = await previewBatch(supervisor, await templateFile([person()]));
    const stranger = await makeUser("SUPERVISOR", [team.otherRegion.id]);
    expect((await listImportBatches(auditor)).map((b) => b.id)).toContain(preview.batchId);
    expect((await listImportBatches(stranger)).map((b) => b.id)).not.toContain(preview.batchId);
    expect(await listImportBatches(owner)).toEqual([]);
    expect(await outcome(getImportBatch(stranger, preview.batchId))).toBe("notFound");
    expect(await outcome(getImportBatch(owner, preview.batchId))).toBe("notFound");
    expect((await getImportBatch(auditor, preview.batchId)).committable).toBe(false);
    for (const user of [stranger, auditor, owner])
      expect(await outcome(commitImportBatch(user, commitInput(preview.batchId)))).toBe("notFound");
    expect(await getDb().importRow.count({ where: { batchId: preview.batchId } })).toBe(0);
  });
});
