import { mkdtempSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MANIFEST_PURPOSE, checkSignature, signDocument } from "./signature";
import { activeSigningKey, readPublicKeys, rotateSigningKey } from "./key-store";

const freshDir = () => join(mkdtempSync(join(tmpdir(), "zhusan-keys-")), "signing");
const manifest = (generatedAt: string) => ({ exportId: "e1", generatedAt, eventsSha256: "ab" });

describe("signing key store", () => {
  it("makes one key on first use, owner-only, and gives it back unchanged afterwards", () => {
    const dir = freshDir();
    const first = activeSigningKey(dir);
    expect(activeSigningKey(dir).keyId).toBe(first.keyId);
    expect(readPublicKeys(dir)!.keys).toEqual([expect.objectContaining({ keyId: first.keyId, algorithm: "Ed25519", validUntil: null })]);
    expect(statSync(join(dir, `${first.keyId}.pem`)).mode & 0o077).toBe(0);
  });

  it("makes only the key directory owner-only, never a parent it had to create", () => {
    const parent = join(mkdtempSync(join(tmpdir(), "zhusan-keys-")), "data");
    activeSigningKey(join(parent, "signing"));
    expect(statSync(parent).mode & 0o777).not.toBe(0o700);
    expect(statSync(join(parent, "signing")).mode & 0o077).toBe(0);
  });

  it("rotation ends the old key's validity, deletes its private half, and old signatures still verify within their period", () => {
    const dir = freshDir();
    const old = activeSigningKey(dir);
    const signedBefore = manifest(new Date().toISOString());
    const signature = signDocument(MANIFEST_PURPOSE, signedBefore, old);
    const { retired, current } = rotateSigningKey(dir, new Date(Date.now() + 1000));
    expect(retired).toBe(old.keyId);
    expect(activeSigningKey(dir).keyId).toBe(current.keyId);
    expect(readdirSync(dir)).not.toContain(`${old.keyId}.pem`);
    const keys = readPublicKeys(dir)!;
    expect(checkSignature(MANIFEST_PURPOSE, signedBefore, signature, keys, signedBefore.generatedAt)).toMatchObject({
      status: "valid",
      keyId: old.keyId,
    });

    // The retired key's holder cannot date a document after its retirement.
    const late = manifest(new Date(Date.now() + 5000).toISOString());
    expect(checkSignature(MANIFEST_PURPOSE, late, signDocument(MANIFEST_PURPOSE, late, old), keys, late.generatedAt)).toMatchObject({
      status: "invalid",
    });
  });

  it("a manifest signature does not pass as a checkpoint's, nor survive one changed member", () => {
    const dir = freshDir();
    const key = activeSigningKey(dir);
    const keys = readPublicKeys(dir)!;
    const signed = manifest(new Date().toISOString());
    const signature = signDocument(MANIFEST_PURPOSE, signed, key);
    expect(checkSignature("zhusan.checkpoint/1", signed, signature, keys, signed.generatedAt).status).toBe("invalid");
    expect(checkSignature(MANIFEST_PURPOSE, { ...signed, eventsSha256: "cd" }, signature, keys, signed.generatedAt).status).toBe("invalid");
    expect(checkSignature(MANIFEST_PURPOSE, signed, undefined, keys, signed.generatedAt).status).toBe("missing");
  });
});
