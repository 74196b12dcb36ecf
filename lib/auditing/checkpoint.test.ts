import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import { activeSigningKey, readPublicKeys } from "../signing/key-store";
import { makePerson, makeRegion, makeUser } from "../testing/factories";
import { outcome } from "../testing/outcome";
import { downloadCheckpoint } from "./checkpoint-download";
import {
  compareDatabaseWithCheckpoint,
  compareExportWithCheckpoint,
  readCheckpoint,
  writeCheckpoint,
  type CheckpointHead,
} from "./checkpoint";
import { hashEvent } from "../audit/event-hash";
import { recordAuditEvent } from "../audit/record-event";
import { toHashedEvent } from "../audit/stored-event";
import { verifyDatabase } from "../audit/verify-database";

let regionId: string;

beforeAll(async () => {
  regionId = (await makeRegion()).id;
});

async function appendNotes(chain: string, from: number, to: number): Promise<void> {
  for (let i = from; i <= to; i++) {
    await getDb().$transaction((tx) =>
      recordAuditEvent(tx, {
        actor: { id: null, label: "test", role: null },
        action: "note.added",
        entityType: "note",
        caseId: chain,
        after: { body: `Заметка ${i}` },
      }),
    );
  }
}

async function checkpointText(): Promise<string> {
  let text = "";
  await writeCheckpoint(getDb(), activeSigningKey(), async (chunk) => void (text += chunk));
  return text;
}

/**
 * What someone controlling the database can do without the signing key: change event `seq`,
 * recompute its hash and every later one with their links, and move the head to match, with
 * triggers off as a superuser may. The chain then verifies on its own.
 */
async function rewriteConsistently(chain: string, seq: number): Promise<void> {
  const db = getDb();
  await db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe("SET LOCAL session_replication_role = replica");
    const rows = await tx.auditEvent.findMany({ where: { chain }, orderBy: { seq: "asc" } });
    let prevHash: string | null = null;
    for (const row of rows) {
      const event = toHashedEvent(row);
      if (row.seq === seq) event.after = { body: "Forged" };
      event.prevHash = prevHash;
      const hash = hashEvent(event);
      await tx.$executeRaw`UPDATE audit_event SET after = ${JSON.stringify(event.after)}::jsonb, prev_hash = ${prevHash}, hash = ${hash} WHERE id = ${row.id}::uuid`;
      prevHash = hash;
    }
    await tx.$executeRaw`UPDATE audit_chain_head SET last_hash = ${prevHash} WHERE chain = ${chain}`;
  });
}

const headsOf = (text: string, chain: string): CheckpointHead[] => {
  const reading = readCheckpoint(text, readPublicKeys());
  if (!reading.ok) throw new Error(reading.detail);
  return reading.heads.filter((head) => head.chain === chain);
};

describe("signed checkpoints of the chains' heads", () => {
  it("holds every chain's head, signed, and a changed head or summary no longer reads as signed", async () => {
    const chain = (await makePerson(regionId, null)).id;
    await appendNotes(chain, 1, 3);
    const text = await checkpointText();
    const reading = readCheckpoint(text, readPublicKeys());
    expect(reading).toMatchObject({ ok: true, signature: { status: "valid" } });
    const head = await getDb().auditChainHead.findUniqueOrThrow({ where: { chain } });
    expect(headsOf(text, chain)).toEqual([{ chain, lastSeq: 3, lastHash: head.lastHash }]);

    expect(readCheckpoint(text.replace(head.lastHash, "0".repeat(64)), readPublicKeys())).toMatchObject({ ok: false });
    const summary = (JSON.parse(text) as { checkpoint: { events: number } }).checkpoint;
    expect(
      readCheckpoint(text.replace(`"events":${summary.events}`, `"events":${summary.events + 1}`), readPublicKeys()).signature,
    ).toMatchObject({ status: "invalid" });
  });

  it("detects a consistent rewrite of an event, the tail after it and the head, which the chain alone cannot", async () => {
    const chain = (await makePerson(regionId, null)).id;
    await appendNotes(chain, 1, 4);
    const heads = headsOf(await checkpointText(), chain);
    await appendNotes(chain, 5, 6);
    expect(await compareDatabaseWithCheckpoint(getDb(), heads)).toEqual([]);

    await rewriteConsistently(chain, 2);
    expect(await verifyDatabase(getDb(), { chains: [chain] })).toMatchObject({ ok: true });
    const problems = await compareDatabaseWithCheckpoint(getDb(), heads);
    expect(problems).toEqual([expect.objectContaining({ chain, seq: 4, kind: "content" })]);

    const rows = await getDb().auditEvent.findMany({ where: { chain }, orderBy: { seq: "asc" }, select: { seq: true, hash: true } });
    expect(compareExportWithCheckpoint([{ chain, events: rows }], heads)).toMatchObject({
      compared: 1,
      problems: [expect.objectContaining({ seq: 4, kind: "content" })],
    });
  });

  it("a rewrite of events written after the checkpoint is outside what it can show", async () => {
    const chain = (await makePerson(regionId, null)).id;
    await appendNotes(chain, 1, 2);
    const heads = headsOf(await checkpointText(), chain);
    await appendNotes(chain, 3, 4);
    await rewriteConsistently(chain, 3);
    expect(await compareDatabaseWithCheckpoint(getDb(), heads)).toEqual([]);
  });

  it("names a chain whose checkpointed event is gone", async () => {
    const chain = (await makePerson(regionId, null)).id;
    await appendNotes(chain, 1, 2);
    const heads = headsOf(await checkpointText(), chain);
    await getDb().$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL session_replication_role = replica");
      await tx.$executeRaw`DELETE FROM audit_event WHERE chain = ${chain} AND seq = 2`;
    });
    expect(await compareDatabaseWithCheckpoint(getDb(), heads)).toEqual([expect.objectContaining({ chain, seq: 2, kind: "tail" })]);
  });

  it("only a reader of every chain may download one, and the download is on record with its SHA-256", async () => {
    const [auditor, supervisor, administrator] = await Promise.all([
      makeUser("AUDITOR"),
      makeUser("SUPERVISOR", [regionId]),
      makeUser("ADMINISTRATOR"),
    ]);
    for (const refused of [supervisor, administrator]) {
      let written = "";
      expect(await outcome(downloadCheckpoint(refused, async (text) => void (written += text)))).toBe("notFound");
      expect(written).toBe("");
      expect(
        await getDb().auditEvent.count({ where: { actorId: refused.id, action: "access.denied", entityType: "audit_checkpoint" } }),
      ).toBe(1);
    }
    let text = "";
    const summary = await downloadCheckpoint(auditor, async (chunk) => void (text += chunk));
    expect(readCheckpoint(text, readPublicKeys())).toMatchObject({ ok: true, summary, signature: { status: "valid" } });
    const event = await getDb().auditEvent.findFirstOrThrow({
      where: { chain: "system", action: "audit.checkpoint_downloaded", entityId: summary.checkpointId },
    });
    expect(event).toMatchObject({ actorId: auditor.id, context: { headsSha256: summary.headsSha256, chains: summary.chains } });
  });
});
