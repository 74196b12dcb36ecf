import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { z } from "zod";
import { getDb, type Tx } from "../db/client";
import { Prisma } from "../db/generated/client";
import { openSnapshotReader, type SnapshotReader } from "../db/snapshot-reader";
import type { CopyFields } from "../db/copy-binary";
import type { AgeCategory, CaseStatus, ProsecutionStatus } from "../db/generated/enums";
import type { JsonValue } from "../audit/canonical-json";
import { auditActorOf, recordAuditEvent } from "../audit/record-event";
import { recordDenial } from "../audit/record-denial";
import { STORED_EVENT_COPY_COLUMNS, STORED_EVENT_COPY_FIELDS, storedEventOf, toChainedEvent } from "../audit/stored-event";
import type { ChainedEvent } from "../audit/verify-chain";
import type { CurrentUser } from "../auth/current-user";
import { refusedCase } from "../access/case-access";
import { notFound } from "../errors/domain-error";
import { registryFiltersSql } from "../cases/registry-filters";
import { canAtAll } from "../policy/can";
import { caseScopeSql } from "../policy/case-scope-sql";
import type { RegistryFilters } from "../validation/registry";
import type { CaseExportRequest } from "../validation/export";
import { activeSigningKey } from "../signing/key-store";
import { MANIFEST_PURPOSE, signDocument, type Signature } from "../signing/signature";
import { Pseudonymiser } from "./pseudonymise";
import { chunkedWrite, type PieceWrite } from "../http/chunked-write";
import { batchRuns } from "./batch-runs";

/**
 * Cases read per query while streaming. Their events arrive only as fast as they are written, so
 * memory stays flat whatever the size. The writer waits while each batch's COPY starts, so larger
 * batches wait less in all (docs/decisions/036).
 */
const CASE_BATCH = 1000;
/** An export reads from one snapshot, however long the download takes. */
const SNAPSHOT_TIMEOUT_MS = 60 * 60 * 1000;

export type Selection = { caseId: string } | { filters: Omit<RegistryFilters, "sort"> };

/** What the person summary of a dossier shows; pseudonymised, names and exact dates are gone. */
export type CaseSummary = {
  chain: string;
  caseNumber: string | null;
  name: string | null;
  birth: string;
  ageCategory: AgeCategory;
  region: { en: string; ru: string; kk: string };
  prosecutionStatus: ProsecutionStatus;
  caseStatus: CaseStatus;
  returnDate: string;
};

/**
 * One case of the export. Its events come from one pass over the events of a batch of cases, so
 * they can be read only before the next case is asked for. They come in runs, in seq order
 * within and across runs, so that a writer awaits once per run rather than once per event.
 */
export type ExportedCase<E = ExportEvent> = {
  summary: CaseSummary;
  head: { lastSeq: number; lastHash: string } | null;
  events: AsyncIterable<readonly E[]>;
};

/** An event as the file holds it: stored, or pseudonymised. */
export type ExportEvent = ChainedEvent | JsonValue;

/**
 * What a writer makes of each event: from its stored row's binary COPY fields (the columns of
 * STORED_EVENT_COPY_COLUMNS from field `first`), or from the event where the profile rewrote it.
 * The two must agree: the one from the row is the faster way to the same result.
 */
export type EventEncoding<E> = {
  fromRow: (fields: CopyFields, first: number) => E;
  fromEvent: (event: ExportEvent) => E;
};

/** The stored event of a row. */
const storedEventOfRow = (fields: CopyFields, first: number): ChainedEvent => toChainedEvent(storedEventOf(fields, first));

/** The events themselves. */
export const AS_EVENTS: EventEncoding<ExportEvent> = { fromRow: storedEventOfRow, fromEvent: (event) => event };

export type ExportPlan = {
  exportId: string;
  generatedAt: string;
  generatedBy: { id: string; label: string; role: string };
  request: CaseExportRequest;
  filters: JsonValue;
  counts: { cases: number; events: number };
  /** What the file is of, for its name: the case number of one case, "set" for several; "case" when pseudonymised, since the number must not leave. */
  subject: string;
  /** Streams every case in order, each event as `encoding` makes it; call once, while the snapshot is open. */
  cases: <E>(encoding: EventEncoding<E>) => AsyncGenerator<ExportedCase<E>>;
  /** The server's Ed25519 signature over a manifest (docs/audit-chain.md, "Signatures"). */
  signManifest: (manifest: JsonValue) => Signature;
  /**
   * Sends the file: `body` writes it through `write`, and every byte it writes is counted and
   * hashed, so the export's closing event can record exactly what left the server.
   */
  transmit: (write: PieceWrite, body: (write: PieceWrite) => Promise<void>) => Promise<void>;
};

/** What left the server: all of the file, or the part written before the reader went away or the writer failed. */
type Sent = { completed: boolean; bytes: number; sha256: string };

/**
 * Authorizes the export, opens a snapshot, counts what it will contain, records the export's
 * audit event with those counts, and hands `run` the plan to stream from. Everything the export
 * holds is read inside one repeatable-read transaction, so the counts in the audit event are
 * exactly what the file contains even while others keep working; events written meanwhile
 * belong to the next export. Scope is the policy's, applied in every query.
 *
 * When the stream ends, a closing event in the system chain records the SHA-256 and length of
 * what was sent (history.export_completed), or that the stream stopped early and how much had
 * been sent by then (history.export_aborted): a partial file may still have reached someone.
 */
export async function exportHistory(
  user: CurrentUser,
  selection: Selection,
  request: CaseExportRequest,
  run: (plan: ExportPlan) => Promise<void>,
): Promise<void> {
  if ("caseId" in selection && !z.uuid().safeParse(selection.caseId).success) throw notFound();
  if (!canAtAll(user, "export.history")) {
    // A case id is only a chain once the case exists: an invented one is refused without a trace.
    if ("caseId" in selection) throw await refusedCase(user, "export.history", selection.caseId);
    await recordDenial(user, "export.history", { entityType: "person", entityId: null, caseId: null });
    throw notFound();
  }
  const db = getDb();
  // The persons exported, as a condition on the person row `p`.
  const scope = caseScopeSql(user, "export.history", "p");
  const selected =
    "caseId" in selection
      ? Prisma.sql`${scope} AND p.id = ${selection.caseId}::uuid`
      : Prisma.sql`${scope} AND ${registryFiltersSql(selection.filters)}`;
  const filters: JsonValue =
    "caseId" in selection ? { caseId: selection.caseId } : (JSON.parse(JSON.stringify(selection.filters)) as JsonValue);

  // Read per export, never kept in memory across requests: a rotation takes effect at the next export.
  const signingKey = activeSigningKey();
  // Filled in as the export goes, for the closing event whatever way the stream ends.
  const progress: { exportId: string | null; sent: Sent | null } = { exportId: null, sent: null };

  try {
    await db.$transaction(
      async (tx) => {
        const counts = await countExport(tx, selected);
        if ("caseId" in selection && counts.cases === 0) throw await refusedCase(user, "export.history", selection.caseId);
        const exportId = randomUUID();
        const pseudonymiser = request.profile === "pseudonymised" ? new Pseudonymiser() : null;
        const subject = !("caseId" in selection)
          ? "set"
          : pseudonymiser
            ? "case"
            : (await tx.person.findUniqueOrThrow({ where: { id: selection.caseId }, select: { caseNumber: true } })).caseNumber;
        // Its own transaction: the export is on record before a byte leaves, and the snapshot does not hold the chain's head.
        const recorded = await db.$transaction((audit) =>
          recordAuditEvent(audit, {
            actor: auditActorOf(user),
            action: "history.exported",
            entityType: "export",
            entityId: exportId,
            caseId: "caseId" in selection ? selection.caseId : null,
            reason: request.reason,
            context: { format: request.format, profile: request.profile, filters, cases: counts.cases, events: counts.events },
          }),
        );
        progress.exportId = exportId;
        const reader = await openSnapshotReader(tx, SNAPSHOT_TIMEOUT_MS);
        try {
          await run({
            exportId,
            generatedAt: recorded.occurredAt,
            generatedBy: { id: user.id, label: user.email, role: user.role },
            request,
            filters: pseudonymiser ? pseudonymiser.filters(filters) : filters,
            counts,
            subject,
            cases: (encoding) => streamCases(tx, reader, selected, pseudonymiser, encoding),
            signManifest: (manifest) => signDocument(MANIFEST_PURPOSE, manifest, signingKey),
            transmit: async (write, body) => {
              const digest = createHash("sha256");
              let bytes = 0;
              // Only what reaches `write` is counted and hashed: a piece still gathering in the chunk never left.
              const chunked = chunkedWrite(async (chunk) => {
                digest.update(chunk);
                bytes += chunk.byteLength;
                await write(chunk);
              });
              try {
                await body(chunked.write);
                await chunked.flush();
                progress.sent = { completed: true, bytes, sha256: digest.digest("hex") };
              } catch (error) {
                progress.sent = { completed: false, bytes, sha256: digest.digest("hex") };
                throw error;
              }
            },
          });
        } finally {
          await reader.close();
        }
      },
      { isolationLevel: "RepeatableRead", timeout: SNAPSHOT_TIMEOUT_MS, maxWait: 10_000 },
    );
  } finally {
    if (progress.exportId)
      await recordExportEnd(
        user,
        progress.exportId,
        request.format,
        progress.sent ?? { completed: false, bytes: 0, sha256: createHash("sha256").digest("hex") },
      );
  }
}

/** The closing event, in its own transaction once the snapshot is closed: the stream is over, whatever became of it. */
function recordExportEnd(user: CurrentUser, exportId: string, format: CaseExportRequest["format"], sent: Sent): Promise<unknown> {
  return getDb().$transaction((tx) =>
    recordAuditEvent(tx, {
      actor: auditActorOf(user),
      action: sent.completed ? "history.export_completed" : "history.export_aborted",
      entityType: "export",
      entityId: exportId,
      context: { format, bytes: sent.bytes, sha256: sent.sha256 },
    }),
  );
}

/** Cases and events the export will hold, read page by page so no list of ids is kept. */
/** The next `take` ids `selected` selects after `after`, in id order, as the export's snapshot sees them. */
async function selectedIds(tx: Tx, selected: Prisma.Sql, after: string | undefined, take: number): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT p.id::text FROM person p
    WHERE ${selected} AND ${after ? Prisma.sql`p.id > ${after}::uuid` : Prisma.sql`TRUE`}
    ORDER BY p.id LIMIT ${take}`;
  return rows.map((row) => row.id);
}

async function countExport(tx: Tx, selected: Prisma.Sql): Promise<{ cases: number; events: number }> {
  let cases = 0;
  let events = 0;
  let after: string | undefined;
  for (;;) {
    const ids = await selectedIds(tx, selected, after, 5000);
    if (ids.length === 0) break;
    const heads = await tx.auditChainHead.aggregate({ where: { chain: { in: ids } }, _sum: { lastSeq: true } });
    cases += ids.length;
    events += heads._sum.lastSeq ?? 0;
    after = ids[ids.length - 1];
  }
  return { cases, events };
}

const SUMMARY_SELECT = {
  id: true,
  caseNumber: true,
  familyName: true,
  givenName: true,
  patronymic: true,
  birthDate: true,
  ageCategory: true,
  prosecutionStatus: true,
  caseStatus: true,
  returnDate: true,
  region: { select: { nameEn: true, nameRu: true, nameKk: true } },
} satisfies Prisma.PersonSelect;

type CaseBatch = {
  persons: Prisma.PersonGetPayload<{ select: typeof SUMMARY_SELECT }>[];
  headOf: Map<string, { lastSeq: number; lastHash: string }>;
};

/** The summaries and chain heads of the next CASE_BATCH selected cases after `after`. */
async function readCaseBatch(tx: Tx, selected: Prisma.Sql, after: string | undefined): Promise<CaseBatch> {
  const ids = await selectedIds(tx, selected, after, CASE_BATCH);
  if (ids.length === 0) return { persons: [], headOf: new Map() };
  const persons = await tx.person.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" }, select: SUMMARY_SELECT });
  const heads = await tx.auditChainHead.findMany({ where: { chain: { in: ids } } });
  return { persons, headOf: new Map(heads.map((h) => [h.chain, { lastSeq: h.lastSeq, lastHash: h.lastHash }])) };
}

async function* streamCases<E>(
  tx: Tx,
  reader: SnapshotReader,
  selected: Prisma.Sql,
  pseudonymiser: Pseudonymiser | null,
  encoding: EventEncoding<E>,
): AsyncGenerator<ExportedCase<E>> {
  // The next batch's cases are read on the transaction's own connection while this batch's events
  // stream on the reader's, so neither connection waits for the other between batches.
  const readAhead = (after: string | undefined) => {
    const read = readCaseBatch(tx, selected, after);
    // Awaited in turn, or in `finally` when the export stops early; a failure must not go unhandled meanwhile.
    read.catch(() => undefined);
    return read;
  };
  let pending = readAhead(undefined);
  let batch: BatchEvents<E> | null = null;
  try {
    for (;;) {
      const { persons, headOf } = await pending;
      if (persons.length === 0) return;
      pending = readAhead(persons[persons.length - 1]!.id);
      batch = eventsOfBatch(
        reader,
        persons.map((p) => p.id),
        pseudonymiser,
        encoding,
      );
      for (const [index, person] of persons.entries()) {
        const region = { en: person.region.nameEn, ru: person.region.nameRu, kk: person.region.nameKk };
        const events = batch.of(index);
        if (pseudonymiser) {
          yield {
            summary: {
              chain: pseudonymiser.pseudonym(person.id, "P"),
              caseNumber: null,
              name: null,
              birth: person.birthDate.toISOString().slice(0, 7),
              ageCategory: person.ageCategory,
              region,
              prosecutionStatus: person.prosecutionStatus,
              caseStatus: person.caseStatus,
              returnDate: person.returnDate.toISOString().slice(0, 7),
            },
            head: null,
            events,
          };
        } else {
          yield {
            summary: {
              chain: person.id,
              caseNumber: person.caseNumber,
              name: [person.familyName, person.givenName, person.patronymic].filter(Boolean).join(" "),
              birth: person.birthDate.toISOString().slice(0, 10),
              ageCategory: person.ageCategory,
              region,
              prosecutionStatus: person.prosecutionStatus,
              caseStatus: person.caseStatus,
              returnDate: person.returnDate.toISOString().slice(0, 10),
            },
            head: headOf.get(person.id) ?? null,
            events,
          };
        }
      }
      await batch.close();
      batch = null;
    }
  } finally {
    // Stopping early (the file's reader went away) leaves this batch's events streaming on the
    // reader's connection and the next batch being read on the transaction's: both must end first.
    await batch?.close();
    await pending.catch(() => undefined);
  }
}

type BatchEventRow<E> = { n: number; event: E };
type BatchEvents<E> = { of: (index: number) => AsyncIterable<readonly E[]>; close: () => Promise<void> };

/** The events of a batch of cases as `encoding` makes them, pseudonymised first when the export is. */
function eventsOfBatch<E>(
  reader: SnapshotReader,
  chains: string[],
  pseudonymiser: Pseudonymiser | null,
  encoding: EventEncoding<E>,
): BatchEvents<E> {
  if (!pseudonymiser) return batchEvents(reader, chains, encoding.fromRow);
  // Rewritten as the writer reaches each event, not as its row arrives: pseudonyms are numbered
  // as they first appear, and so stay in the file's order whatever size its chunks were.
  const stored = batchEvents(reader, chains, storedEventOfRow);
  return {
    of: (index) => mapRuns(stored.of(index), (event) => encoding.fromEvent(pseudonymiser.event(event))),
    close: stored.close,
  };
}

/**
 * The events of a batch of cases in one pass, in the batch's order and then seq order; `of(i)`
 * gives the i-th case its own, a run of rows at a time. One statement per batch rather than per
 * case, streamed by COPY and decoded from its bytes rather than mapped by the ORM, and no await
 * per event: an export of a million events is bound by the database, not by us.
 */
function batchEvents<E>(reader: SnapshotReader, chains: string[], fromRow: EventEncoding<E>["fromRow"]): BatchEvents<E> {
  const runs = batchRuns(
    reader.copyPages<BatchEventRow<E>>(
      // Per case, through the index on chain and seq: planned as a plain join, a batch of long
      // histories scanned every event of the table and sorted them (500 cases of 100 events: 0.6 s
      // a batch, against 0.15 s).
      `SELECT c.n::int - 1 AS n, ${STORED_EVENT_COPY_COLUMNS}
       FROM unnest($1::text[]) WITH ORDINALITY AS c(chain, n)
       CROSS JOIN LATERAL (SELECT * FROM audit_event e WHERE e.chain = c.chain ORDER BY e.seq) e
       ORDER BY c.n, e.seq`,
      [chains],
      STORED_EVENT_COPY_FIELDS + 1,
      (fields) => ({ n: fields.int4(0), event: fromRow(fields, 1) }),
    ),
  );
  return {
    of: (index: number) => mapRuns(runs.of(index), (row) => row.event),
    close: runs.close,
  };
}

async function* mapRuns<T, U>(source: AsyncIterable<readonly T[]>, map: (item: T) => U): AsyncGenerator<U[]> {
  for await (const run of source) yield run.map(map);
}
