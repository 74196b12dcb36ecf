import { createHash, randomUUID } from "node:crypto";
import { z } from "zod";
import type { Db } from "../db/client";
import { Prisma } from "../db/generated/client";
import type { ActiveKey, PublicKeyList } from "../signing/key-store";
import { CHECKPOINT_PURPOSE, checkSignature, signDocument, type SignatureCheck } from "../signing/signature";
import { canonicalJson, type JsonValue } from "../audit/canonical-json";
import type { ChainHead, ChainProblem } from "../audit/verify-chain";

/**
 * A signed checkpoint of every chain's end (docs/audit-chain.md, "Checkpoints"): the chain, its
 * last seq and last hash, for every chain at one moment. Kept outside the database, it pins
 * every event that existed then: an event at seq N that still hashes to the checkpoint's head,
 * in a chain whose links all recompute, means events 1 to N are as they were, even if whoever
 * controls the database rewrote a chain's tail and head consistently.
 *
 * The file is `format`, then `heads` (streamed, each head in its RFC 8785 form), then
 * `checkpoint` with the heads' SHA-256, then the signature over `checkpoint`. Ed25519 signs a
 * whole message, so it signs the small summary, and the summary pins the long list by its hash.
 */
export const CHECKPOINT_FORMAT = "zhusan.checkpoint/1";

const PAGE = 5000;

export type CheckpointSummary = { checkpointId: string; createdAt: string; chains: number; events: number; headsSha256: string };
export type CheckpointHead = ChainHead & { chain: string };

const Head = z.object({ chain: z.string(), lastHash: z.string(), lastSeq: z.number().int().min(1) });
const CheckpointFile = z.object({
  format: z.literal(CHECKPOINT_FORMAT),
  heads: z.array(Head),
  checkpoint: z.object({
    checkpointId: z.string(),
    createdAt: z.string(),
    chains: z.number().int(),
    events: z.number().int(),
    headsSha256: z.string(),
  }),
  signature: z.unknown().optional(),
});

/**
 * Streams a checkpoint of the database's chain heads as read in one snapshot, and returns its
 * summary. Memory holds one page of heads, whatever the number of chains.
 */
export async function writeCheckpoint(
  db: Db,
  key: ActiveKey,
  write: (text: string) => Promise<void>,
  checkpointId: string = randomUUID(),
): Promise<CheckpointSummary> {
  return db.$transaction(
    async (tx) => {
      const digest = createHash("sha256");
      const emit = (text: string) => {
        digest.update(text, "utf8");
        return write(text);
      };
      const createdAt = new Date().toISOString();
      await write(`{"format":${JSON.stringify(CHECKPOINT_FORMAT)},"heads":`);
      await emit("[");
      let chains = 0;
      let events = 0;
      let after: string | undefined;
      for (;;) {
        const heads = await tx.auditChainHead.findMany({
          where: { lastSeq: { gt: 0 }, ...(after === undefined ? {} : { chain: { gt: after } }) },
          orderBy: { chain: "asc" },
          take: PAGE,
        });
        if (heads.length === 0) break;
        for (const head of heads) {
          await emit(`${chains === 0 ? "" : ","}${canonicalJson({ chain: head.chain, lastHash: head.lastHash, lastSeq: head.lastSeq })}`);
          chains++;
          events += head.lastSeq;
        }
        after = heads[heads.length - 1]!.chain;
      }
      await emit("]");
      const summary: CheckpointSummary = { checkpointId, createdAt, chains, events, headsSha256: digest.digest("hex") };
      await write(`,"checkpoint":${canonicalJson(summary)},"signature":${canonicalJson(signDocument(CHECKPOINT_PURPOSE, summary, key))}}`);
      return summary;
    },
    { isolationLevel: "RepeatableRead", timeout: 10 * 60 * 1000 },
  );
}

export type CheckpointReading =
  | { ok: true; summary: CheckpointSummary; heads: CheckpointHead[]; signature: SignatureCheck | { status: "noKeys" } }
  | { ok: false; detail: string; signature: SignatureCheck | { status: "noKeys" } };

/** Reads a checkpoint file and checks its heads against its summary and the summary against its signature. */
export function readCheckpoint(text: string, keys: PublicKeyList | null): CheckpointReading {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, detail: "the checkpoint is not JSON", signature: { status: "missing" } };
  }
  const parsed = CheckpointFile.safeParse(raw);
  if (!parsed.success) return { ok: false, detail: `the file is not a ${CHECKPOINT_FORMAT} checkpoint`, signature: { status: "missing" } };
  const { heads, checkpoint, signature: signed } = parsed.data;
  const summary = (raw as { checkpoint: JsonValue }).checkpoint;
  const signature = keys
    ? checkSignature(CHECKPOINT_PURPOSE, summary, signed, keys, checkpoint.createdAt)
    : signed === undefined
      ? ({ status: "missing" } as const)
      : ({ status: "noKeys" } as const);
  const headsSha256 = createHash("sha256")
    .update(canonicalJson((raw as { heads: JsonValue }).heads), "utf8")
    .digest("hex");
  if (headsSha256 !== checkpoint.headsSha256)
    return { ok: false, detail: "the heads do not match the checkpoint's headsSha256: the file was changed", signature };
  if (heads.length !== checkpoint.chains || heads.reduce((sum, head) => sum + head.lastSeq, 0) !== checkpoint.events)
    return { ok: false, detail: "the checkpoint's counts do not match its heads", signature };
  return { ok: true, summary: checkpoint, heads, signature };
}

/**
 * Each chain's event at the checkpoint's seq must still carry the checkpoint's hash. Run with
 * verifyDatabase, which proves every stored hash is its event's and every link is intact: the
 * two together prove the events that existed at the checkpoint are unchanged.
 */
export async function compareDatabaseWithCheckpoint(db: Db, heads: CheckpointHead[]): Promise<ChainProblem[]> {
  const problems: ChainProblem[] = [];
  for (let i = 0; i < heads.length; i += PAGE) {
    const page = heads.slice(i, i + PAGE);
    const rows = await db.$queryRaw<{ chain: string; seq: number; hash: string }[]>(Prisma.sql`
      SELECT e.chain, e.seq, e.hash FROM audit_event e
      JOIN unnest(${page.map((h) => h.chain)}::text[], ${page.map((h) => h.lastSeq)}::int[]) AS c(chain, seq) ON e.chain = c.chain AND e.seq = c.seq`);
    const stored = new Map(rows.map((row) => [row.chain, row.hash]));
    for (const head of page) problems.push(...compareHead(head, stored.get(head.chain)));
  }
  return problems;
}

/**
 * The same check on a full export: for each chain the export carries at least as far as the
 * checkpoint, its event at the checkpoint's seq must carry the checkpoint's hash. `compared`
 * counts the chains that could be checked; an export made before the checkpoint cannot be.
 */
export function compareExportWithCheckpoint(
  chains: { chain: string; events: { seq: number; hash: string }[] }[],
  heads: CheckpointHead[],
): { compared: number; problems: ChainProblem[] } {
  const byChain = new Map(heads.map((head) => [head.chain, head]));
  const problems: ChainProblem[] = [];
  let compared = 0;
  for (const chain of chains) {
    const head = byChain.get(chain.chain);
    const last = chain.events[chain.events.length - 1];
    if (!head || !last || last.seq < head.lastSeq) continue;
    compared++;
    problems.push(...compareHead(head, chain.events.find((event) => event.seq === head.lastSeq)?.hash));
  }
  return { compared, problems };
}

function compareHead(head: CheckpointHead, hash: string | undefined): ChainProblem[] {
  if (hash === undefined)
    return [
      {
        chain: head.chain,
        seq: head.lastSeq,
        eventId: null,
        kind: "tail",
        detail: `the checkpoint saw this chain reach seq ${head.lastSeq}; that event is gone`,
      },
    ];
  if (hash !== head.lastHash)
    return [
      {
        chain: head.chain,
        seq: head.lastSeq,
        eventId: null,
        kind: "content",
        detail: "this event's hash is not the one the checkpoint signed: the chain was rewritten up to here",
      },
    ];
  return [];
}
