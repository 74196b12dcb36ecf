import { sign, verify } from "node:crypto";
import { z } from "zod";
import { canonicalJson, type JsonValue } from "../audit/canonical-json";
import { publicKeyFromRaw, type ActiveKey, type PublicKeyList } from "./key-store";

/**
 * Detached Ed25519 signatures over a JSON object (docs/audit-chain.md, "Signatures"). The signed
 * bytes are the UTF-8 of `purpose`, one line feed, then the object's RFC 8785 serialisation. The
 * purpose names what the object is, so a signed manifest can never be passed off as a checkpoint
 * or the other way round.
 */
export const Signature = z.object({
  algorithm: z.literal("Ed25519"),
  keyId: z.string(),
  /** The 64-byte signature, base64 (RFC 4648, with padding). */
  value: z.string(),
});
export type Signature = z.infer<typeof Signature>;

export const MANIFEST_PURPOSE = "zhusan.case-history/1 manifest";
export const CHECKPOINT_PURPOSE = "zhusan.checkpoint/1";

export function signedBytes(purpose: string, document: JsonValue): Buffer {
  return Buffer.from(`${purpose}\n${canonicalJson(document)}`, "utf8");
}

export function signDocument(purpose: string, document: JsonValue, key: ActiveKey): Signature {
  return { algorithm: "Ed25519", keyId: key.keyId, value: sign(null, signedBytes(purpose, document), key.privateKey).toString("base64") };
}

export type SignatureCheck =
  | { status: "valid"; keyId: string; validFrom: string; validUntil: string | null }
  | { status: "invalid"; keyId: string | null; detail: string }
  | { status: "missing" };

/**
 * Checks a signature against a list of public keys the verifier trusts, and that the document
 * was dated (`signedAt`) within the key's validity: a key's holder cannot backdate a document
 * into a period when another key was current.
 */
export function checkSignature(
  purpose: string,
  document: JsonValue,
  signature: unknown,
  keys: PublicKeyList,
  signedAt: string,
): SignatureCheck {
  if (signature === undefined || signature === null) return { status: "missing" };
  const parsed = Signature.safeParse(signature);
  if (!parsed.success) return { status: "invalid", keyId: null, detail: "the signature is not an Ed25519 signature object" };
  const { keyId, value } = parsed.data;
  const entry = keys.keys.find((key) => key.keyId === keyId);
  if (!entry) return { status: "invalid", keyId, detail: `key ${keyId} is not among the trusted public keys` };
  const bytes = Buffer.from(value, "base64");
  if (
    bytes.length !== 64 ||
    !verify(null, signedBytes(purpose, document), publicKeyFromRaw(Buffer.from(entry.publicKey, "base64")), bytes)
  ) {
    return {
      status: "invalid",
      keyId,
      detail: `the signature does not match the signed content under key ${keyId}: the content was changed or signed by someone else`,
    };
  }
  const at = Date.parse(signedAt);
  if (!(at >= Date.parse(entry.validFrom)) || (entry.validUntil !== null && at >= Date.parse(entry.validUntil))) {
    return {
      status: "invalid",
      keyId,
      detail: `the document is dated ${signedAt}, outside key ${keyId}'s validity (${entry.validFrom} to ${entry.validUntil ?? "now"})`,
    };
  }
  return { status: "valid", keyId, validFrom: entry.validFrom, validUntil: entry.validUntil };
}
