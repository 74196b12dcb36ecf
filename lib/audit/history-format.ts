import { createHash } from "node:crypto";
import { canonicalJson, type JsonValue } from "./canonical-json";
import type { ChainHead } from "./verify-chain";

/**
 * The JSON case-history export (docs/audit-chain.md): `format`, then `chains`, then `manifest`.
 * The manifest comes last because it carries the SHA-256 of the chains, computed while they stream.
 */
export const HISTORY_FORMAT = "zhusan.case-history/1";

export type HistoryManifest = {
  /** The id of the export's audit event, which records the same counts, filters and reason. */
  exportId: string;
  generatedAt: string;
  generatedBy: { id: string | null; label: string; role: string | null };
  /** Null in a pseudonymised export. */
  reason: string | null;
  profile: "full" | "pseudonymised";
  filters: JsonValue;
  counts: { cases: number; events: number };
  /** Lowercase hex SHA-256 of the RFC 8785 serialisation of the `chains` array. */
  eventsSha256: string;
  /** Only a full export can be checked against the hash chain; a pseudonymised one says so here. */
  verifiable: boolean;
};

/**
 * The `chains` array written piece by piece, one event at a time, as exactly its RFC 8785 form
 * (a chain's members in JCS order: caseNumber, chain, events, head), hashing the bytes as they go.
 */
export class ChainsWriter {
  private readonly hash = createHash("sha256");
  private firstChain = true;
  private firstEvent = true;

  constructor(private readonly write: (text: string) => Promise<void>) {}

  open(): Promise<void> {
    return this.emit("[");
  }

  beginChain(chain: string, caseNumber: string | null): Promise<void> {
    const text = `${this.firstChain ? "" : ","}{"caseNumber":${canonicalJson(caseNumber)},"chain":${canonicalJson(chain)},"events":[`;
    this.firstChain = false;
    this.firstEvent = true;
    return this.emit(text);
  }

  event(event: JsonValue): Promise<void> {
    const text = `${this.firstEvent ? "" : ","}${canonicalJson(event)}`;
    this.firstEvent = false;
    return this.emit(text);
  }

  endChain(head: ChainHead | null): Promise<void> {
    return this.emit(`],"head":${canonicalJson(head)}}`);
  }

  /** Closes the array and returns its SHA-256. */
  async close(): Promise<string> {
    await this.emit("]");
    return this.hash.digest("hex");
  }

  private emit(text: string): Promise<void> {
    this.hash.update(text, "utf8");
    return this.write(text);
  }
}

export function sha256OfChains(chains: JsonValue): string {
  return createHash("sha256").update(canonicalJson(chains), "utf8").digest("hex");
}
