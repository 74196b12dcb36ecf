import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Tx } from "../db/client";
import { makePerson, makeRegion } from "../testing/factories";
import { recordAuditEvent } from "./record-event";
import { describeProblem } from "./verify-chain";
import { recordVerification, verifyDatabase } from "./verify-database";

let regionId: string;

beforeAll(async () => {
  regionId = (await makeRegion()).id;
});

/** A case with a chain of five events, each written by the app in its own transaction. */
async function chainOfFive(): Promise<string> {
  const person = await makePerson(regionId, null);
  for (let i = 1; i <= 5; i++) {
    await getDb().$transaction((tx) =>
      recordAuditEvent(tx, {
        actor: { id: null, label: "test", role: null },
        action: "note.added",
        entityType: "note",
        caseId: person.id,
        reason: `step ${i}`,
        after: { body: `Заметка ${i}` },
      }),
    );
  }
  return person.id;
}

/**
 * Tampering as a superuser would: the session skips triggers (session_replication_role =
 * replica), which is exactly what the append-only trigger cannot stop. The test database is
 * thrown away after the run, and the verifier is pointed at this test's chain only.
 */
async function tamper(work: (tx: Tx) => Promise<unknown>): Promise<void> {
  await getDb().$transaction(async (tx) => {
    await tx.$executeRawUnsafe("SET LOCAL session_replication_role = replica");
    await work(tx);
  });
}

const verify = (chain: string) => verifyDatabase(getDb(), { chains: [chain] });

describe("audit:verify on the database", () => {
  it("passes an untouched chain, checking every event", async () => {
    const chain = await chainOfFive();
    expect(await verify(chain)).toEqual({ ok: true, chains: 1, events: 5, problems: [] });
  });

  it("names the event whose one field was changed", async () => {
    const chain = await chainOfFive();
    await tamper((tx) => tx.$executeRaw`UPDATE audit_event SET reason = 'step 3, corrected' WHERE chain = ${chain} AND seq = 3`);
    const result = await verify(chain);
    expect(result.ok).toBe(false);
    expect(result.problems).toMatchObject([{ chain, seq: 3, kind: "content" }]);
    expect(describeProblem(result.problems[0]!)).toContain("event seq 3");
  });

  it("finds an event deleted from the middle, naming the gap", async () => {
    const chain = await chainOfFive();
    await tamper((tx) => tx.$executeRaw`DELETE FROM audit_event WHERE chain = ${chain} AND seq = 3`);
    const result = await verify(chain);
    expect(result.problems).toMatchObject([{ chain, seq: 4, kind: "sequence" }]);
    expect(result.problems[0]!.detail).toContain("events 3 to 3 are missing");
  });

  it("finds two events swapped", async () => {
    const chain = await chainOfFive();
    await tamper(async (tx) => {
      await tx.$executeRaw`UPDATE audit_event SET seq = 1000 WHERE chain = ${chain} AND seq = 2`;
      await tx.$executeRaw`UPDATE audit_event SET seq = 2 WHERE chain = ${chain} AND seq = 3`;
      await tx.$executeRaw`UPDATE audit_event SET seq = 3 WHERE chain = ${chain} AND seq = 1000`;
    });
    expect((await verify(chain)).problems).toMatchObject([{ chain, seq: 2, kind: "content" }]);
  });

  it("reads in batches without losing a chain's end across a batch boundary", async () => {
    const chains = [await chainOfFive(), await chainOfFive(), await chainOfFive()];
    expect(await verifyDatabase(getDb(), { chains, batchSize: 4 })).toMatchObject({ ok: true, chains: 3, events: 15 });
    const ordered = [...chains].sort();
    // Chain two's last event is the third batch's first row; cutting it must still show.
    await tamper((tx) => tx.$executeRaw`DELETE FROM audit_event WHERE chain = ${ordered[1]} AND seq = 5`);
    const result = await verifyDatabase(getDb(), { chains, batchSize: 4 });
    expect(result.problems).toMatchObject([{ chain: ordered[1], seq: 5, kind: "tail" }]);
  });

  it("finds a cut tail by the chain's head", async () => {
    const chain = await chainOfFive();
    await tamper((tx) => tx.$executeRaw`DELETE FROM audit_event WHERE chain = ${chain} AND seq >= 4`);
    const result = await verify(chain);
    expect(result.problems).toMatchObject([{ chain, seq: 4, kind: "tail" }]);
    expect(result.problems[0]!.detail).toContain("ends at seq 3, but 5 events were written");
  });

  it("finds a chain whose every event was deleted", async () => {
    const chain = await chainOfFive();
    await tamper((tx) => tx.$executeRaw`DELETE FROM audit_event WHERE chain = ${chain}`);
    expect((await verify(chain)).problems).toMatchObject([{ chain, seq: 1, kind: "tail" }]);
  });

  it("keeps the outcome for the audit pages", async () => {
    const chain = await chainOfFive();
    await tamper((tx) => tx.$executeRaw`UPDATE audit_event SET action = 'note.removed' WHERE chain = ${chain} AND seq = 2`);
    const startedAt = new Date();
    await recordVerification(getDb(), await verify(chain), startedAt, { id: null, label: "test", role: null });
    const kept = await getDb().auditVerification.findFirstOrThrow({ where: { startedAt }, orderBy: { finishedAt: "desc" } });
    expect(kept).toMatchObject({ ok: false, chainsChecked: 1, eventsChecked: 5, firstBrokenChain: chain, firstBrokenSeq: 2 });
    // Having the log verified is itself on record, with what was found.
    const event = await getDb().auditEvent.findFirstOrThrow({ where: { action: "audit.verified", entityId: kept.id } });
    expect(event).toMatchObject({ chain: "system", context: { ok: false, chains: 1, events: 5 } });
  });
});
