import { z } from "zod";
import type { JsonValue } from "../audit/canonical-json";
import { HISTORY_FORMAT, sha256OfChains } from "../audit/history-format";
import type { PublicKeyList } from "../signing/key-store";
import { MANIFEST_PURPOSE, checkSignature, type SignatureCheck } from "../signing/signature";
import { ChainVerifier, type ChainProblem, type VerificationResult } from "../audit/verify-chain";

const Event = z.object({
  id: z.string(),
  chain: z.string(),
  seq: z.number().int(),
  prevHash: z.string().nullable(),
  occurredAt: z.string(),
  actor: z.object({ id: z.string().nullable(), label: z.string().nullable(), role: z.string().nullable() }),
  action: z.string(),
  entity: z.object({ type: z.string(), id: z.string().nullable() }),
  caseId: z.string().nullable(),
  reason: z.string().nullable(),
  before: z.json(),
  after: z.json(),
  context: z.json(),
  hash: z.string(),
});

const ExportFile = z.object({
  format: z.literal(HISTORY_FORMAT),
  chains: z.array(
    z.object({
      chain: z.string(),
      caseNumber: z.string().nullable(),
      head: z.object({ lastSeq: z.number().int(), lastHash: z.string() }).nullable(),
      events: z.array(z.json()),
    }),
  ),
  manifest: z
    .object({
      generatedAt: z.string(),
      eventsSha256: z.string(),
      verifiable: z.boolean(),
      counts: z.object({ cases: z.number(), events: z.number() }),
    })
    .loose(),
  signature: z.unknown().optional(),
});

/** `noKeys`: the file may be signed, but the verifier was given no public keys to check it with. */
export type ExportSignatureCheck = SignatureCheck | { status: "noKeys" };

export type ExportVerification = VerificationResult & { verifiable: boolean; signature: ExportSignatureCheck };

/**
 * Checks an exported JSON file with nothing but the file and the public keys the verifier
 * trusts: the server's signature covers the manifest, the manifest's SHA-256 covers every chain
 * as written, and each chain of a full export is recomputed from seq 1 to its head. Without a
 * valid signature the rest proves only consistency: anyone can recompute hashes and a manifest.
 * A pseudonymised export can only be checked for the first two; the result says which was possible.
 */
export function verifyExport(text: string, keys: PublicKeyList | null): ExportVerification {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return fileProblem("the file is not JSON");
  }
  const parsed = ExportFile.safeParse(raw);
  if (!parsed.success)
    return fileProblem(
      `the file is not a ${HISTORY_FORMAT} export: ${parsed.error.issues[0]?.path.join(".") ?? ""} ${parsed.error.issues[0]?.message ?? ""}`.trim(),
    );
  const file = parsed.data;
  const manifest = (raw as { manifest: JsonValue }).manifest;
  const signature: ExportSignatureCheck = keys
    ? checkSignature(MANIFEST_PURPOSE, manifest, file.signature, keys, file.manifest.generatedAt)
    : file.signature === undefined
      ? { status: "missing" }
      : { status: "noKeys" };
  const problems: ChainProblem[] = [];
  const eventCount = file.chains.reduce((sum, chain) => sum + chain.events.length, 0);
  if (sha256OfChains((raw as { chains: JsonValue }).chains) !== file.manifest.eventsSha256) {
    problems.push({
      chain: "*",
      seq: null,
      eventId: null,
      kind: "content",
      detail: "the chains do not match the manifest's eventsSha256: the file was changed after export",
    });
  }
  if (file.manifest.counts.cases !== file.chains.length || file.manifest.counts.events !== eventCount) {
    problems.push({
      chain: "*",
      seq: null,
      eventId: null,
      kind: "tail",
      detail: "the manifest's counts do not match the chains in the file",
    });
  }
  if (!file.manifest.verifiable)
    return { ok: problems.length === 0, chains: file.chains.length, events: eventCount, problems, verifiable: false, signature };

  const verifier = new ChainVerifier();
  for (const chain of file.chains) {
    for (const rawEvent of chain.events) {
      const event = Event.safeParse(rawEvent);
      if (!event.success) {
        problems.push({
          chain: chain.chain,
          seq: null,
          eventId: null,
          kind: "content",
          detail: "an event lacks a member of the hash rule",
        });
        break;
      }
      if (event.data.chain !== chain.chain) {
        problems.push({
          chain: chain.chain,
          seq: event.data.seq,
          eventId: event.data.id,
          kind: "chain",
          detail: `the event belongs to chain ${event.data.chain}`,
        });
        break;
      }
      verifier.push(event.data);
    }
    if (chain.events.length === 0 && chain.head && chain.head.lastSeq > 0) verifier.missingChain(chain.chain, chain.head);
    else verifier.endChain(chain.head);
  }
  const result = verifier.result();
  const all = [...problems, ...result.problems];
  return { ok: all.length === 0, chains: file.chains.length, events: eventCount, problems: all, verifiable: true, signature };
}

function fileProblem(detail: string): ExportVerification {
  return {
    ok: false,
    chains: 0,
    events: 0,
    problems: [{ chain: "*", seq: null, eventId: null, kind: "content", detail }],
    verifiable: false,
    signature: { status: "missing" },
  };
}
