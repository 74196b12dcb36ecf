import { createHash } from "node:crypto";
import { canonicalJson, type JsonValue } from "./canonical-json";

/** The chain of events that concern no case (sign-ins, account changes, settings). */
export const SYSTEM_CHAIN = "system";

/**
 * An audit event exactly as it appears in the JSON export, without `hash`.
 * docs/audit-chain.md describes each member; changing this shape breaks every
 * verifier written from that document, so it only ever grows with a new chain format.
 */
export type HashedEvent = {
  id: string;
  chain: string;
  seq: number;
  prevHash: string | null;
  occurredAt: string;
  actor: { id: string | null; label: string | null; role: string | null };
  action: string;
  entity: { type: string; id: string | null };
  caseId: string | null;
  reason: string | null;
  before: JsonValue;
  after: JsonValue;
  context: JsonValue;
};

export function hashEvent(event: HashedEvent): string {
  return createHash("sha256").update(canonicalJson(event), "utf8").digest("hex");
}
