import { createHash } from "node:crypto";
import { canonicalJson, type JsonValue } from "../audit/canonical-json";
import type { ChainedEvent, ChainHead } from "../audit/verify-chain";

/**
 * The JSON case-history export (docs/audit-chain.md): `format`, then `chains`, then `manifest`.
 * The manifest comes last because it carries the SHA-256 of the chains, computed while they stream.
 */
export const HISTORY_FORMAT = "zhusan.case-history/1";

/** One case's chain as exported: every event from seq 1 to the head at the time of export. */
export type ExportedChain = { chain: string; caseNumber: string | null; head: ChainHead | null; events: (ChainedEvent | JsonValue)[] };

export type HistoryManifest = {
  generatedAt: string;
  generatedBy: { id: string | null; label: string; role: string | null };
  reason: string;
  profile: "full" | "pseudonymised";
  filters: JsonValue;
  counts: { cases: number; events: number };
  /** Lowercase hex SHA-256 of the RFC 8785 serialisation of the `chains` array. */
  eventsSha256: string;
  /** Only a full export can be checked against the hash chain; a pseudonymised one says so here. */
  verifiable: boolean;
};

/** The `chains` array written piece by piece, hashing exactly the bytes of its JCS form. */
export class ChainsWriter {
  private readonly hash = createHash("sha256");
  private first = true;

  constructor(private readonly write: (text: string) => void) {}

  open(): void {
    this.emit("[");
  }

  chain(chain: ExportedChain): void {
    this.emit(`${this.first ? "" : ","}${canonicalJson(chain as unknown as JsonValue)}`);
    this.first = false;
  }

  /** Closes the array and returns its SHA-256. */
  close(): string {
    this.emit("]");
    return this.hash.digest("hex");
  }

  private emit(text: string): void {
    this.hash.update(text, "utf8");
    this.write(text);
  }
}

export function sha256OfChains(chains: JsonValue): string {
  return createHash("sha256").update(canonicalJson(chains), "utf8").digest("hex");
}
