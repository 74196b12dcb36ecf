import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import { hashEvent } from "./event-hash";
import { recordAuditEvent, recordAuditEvents, type AuditInput } from "./record-event";
import { toHashedEvent } from "./stored-event";

const actor = { id: null, label: "vitest", role: null };

// A chain of its own per test: a random case id that no other test uses.
function event(caseId: string, n: number): AuditInput {
  return {
    actor,
    action: "test.step",
    entityType: "test",
    entityId: `${n}`,
    caseId,
    before: { n: n - 1 },
    after: { n, name: "Абдуллаев" },
  };
}

async function storedChain(chain: string) {
  return getDb().auditEvent.findMany({ where: { chain }, orderBy: { seq: "asc" } });
}

function recompute(row: Awaited<ReturnType<typeof storedChain>>[number]): string {
  return hashEvent(toHashedEvent(row));
}

describe("recordAuditEvent", () => {
  it("links each event to the previous one, and every stored hash recomputes from the stored columns", async () => {
    const caseId = randomUUID();
    for (let n = 1; n <= 3; n++) await getDb().$transaction((tx) => recordAuditEvent(tx, event(caseId, n)));
    const rows = await storedChain(caseId);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(rows[0]?.prevHash).toBeNull();
    expect(rows[1]?.prevHash).toBe(rows[0]?.hash);
    expect(rows[2]?.prevHash).toBe(rows[1]?.hash);
    for (const row of rows) expect(recompute(row)).toBe(row.hash);
  });

  it("appends a bulk of events to several chains exactly as one call each would, after events already there", async () => {
    const [first, second] = [randomUUID(), randomUUID()];
    await getDb().$transaction((tx) => recordAuditEvent(tx, event(first, 1)));
    await getDb().$transaction((tx) => recordAuditEvents(tx, [event(second, 1), event(first, 2), event(second, 2), event(first, 3)]));
    for (const [chain, seqs] of [
      [first, [1, 2, 3]],
      [second, [1, 2]],
    ] as const) {
      const rows = await storedChain(chain);
      expect(rows.map((r) => r.seq)).toEqual(seqs);
      rows.slice(1).forEach((row, i) => expect(row.prevHash).toBe(rows[i]?.hash));
      for (const row of rows) expect(recompute(row)).toBe(row.hash);
      const head = await getDb().auditChainHead.findUniqueOrThrow({ where: { chain } });
      expect([head.lastSeq, head.lastHash]).toEqual([rows.at(-1)?.seq, rows.at(-1)?.hash]);
    }
  });

  it("keeps one unbroken chain when 20 transactions append at the same moment", async () => {
    const caseId = randomUUID();
    await Promise.all(Array.from({ length: 20 }, (_, i) => getDb().$transaction((tx) => recordAuditEvent(tx, event(caseId, i + 1)))));
    const rows = await storedChain(caseId);
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    rows.slice(1).forEach((row, i) => expect(row.prevHash).toBe(rows[i]?.hash));
  });

  it("leaves nothing behind when the transaction that recorded it fails", async () => {
    const caseId = randomUUID();
    await expect(
      getDb().$transaction(async (tx) => {
        await recordAuditEvent(tx, event(caseId, 1));
        throw new Error("injected failure before commit");
      }),
    ).rejects.toThrow("injected failure");
    expect(await storedChain(caseId)).toEqual([]);
    expect(await getDb().auditChainHead.findUnique({ where: { chain: caseId } })).toBeNull();
  });
});

describe("the audit table is append-only in the database itself", () => {
  it("refuses UPDATE, DELETE and TRUNCATE", async () => {
    const caseId = randomUUID();
    await getDb().$transaction((tx) => recordAuditEvent(tx, event(caseId, 1)));
    const db = getDb();
    await expect(db.$executeRaw`UPDATE audit_event SET action = 'forged' WHERE chain = ${caseId}`).rejects.toThrow(/append-only/);
    await expect(db.$executeRaw`DELETE FROM audit_event WHERE chain = ${caseId}`).rejects.toThrow(/append-only/);
    await expect(db.$executeRaw`TRUNCATE audit_event`).rejects.toThrow(/append-only/);
    expect(await storedChain(caseId)).toHaveLength(1);
  });
});
