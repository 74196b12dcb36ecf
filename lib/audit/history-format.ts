import { createHash } from "node:crypto";
import { canonicalJson, type JsonValue } from "./canonical-json";
import type { ChainHead } from "./verify-chain";
import { chunkedWrite, type PieceWrite } from "../http/chunked-write";

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

  private readonly out: ReturnType<typeof chunkedWrite>;

  /** Hashes and passes on the chains' bytes a chunk at a time, each piece encoded once. */
  constructor(write: PieceWrite) {
    this.out = chunkedWrite(async (chunk) => {
      this.hash.update(chunk);
      await write(chunk);
    });
  }

  open(): Promise<void> {
    return this.emit("[");
  }

  beginChain(chain: string, caseNumber: string | null): Promise<void> {
    const text = `${this.firstChain ? "" : ","}{"caseNumber":${canonicalJson(caseNumber)},"chain":${canonicalJson(chain)},"events":[`;
    this.firstChain = false;
    this.firstEvent = true;
    return this.emit(text);
  }

  /** The next events of the chain begun last, in order, each its own piece (see chunkedWrite). */
  async events(events: readonly JsonValue[]): Promise<void> {
    for (const event of events) {
      const text = `${this.firstEvent ? "" : ","}${canonicalJson(event)}`;
      this.firstEvent = false;
      await this.emit(text);
    }
  }

  endChain(head: ChainHead | null): Promise<void> {
    return this.emit(`],"head":${canonicalJson(head)}}`);
  }

  /** Closes the array and returns its SHA-256. */
  async close(): Promise<string> {
    await this.emit("]");
    await this.out.flush();
    return this.hash.digest("hex");
  }

  private emit(text: string): Promise<void> {
    return this.out.write(text);
  }
}

export function sha256OfChains(chains: JsonValue): string {
  return createHash("sha256").update(canonicalJson(chains), "utf8").digest("hex");
}
