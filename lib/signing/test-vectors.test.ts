import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compareExportWithCheckpoint, readCheckpoint } from "../auditing/checkpoint";
import { verifyExport } from "../auditing/verify-export";
import { PublicKeyList } from "./key-store";
import { CHECKPOINT_PURPOSE, MANIFEST_PURPOSE, signedBytes } from "./signature";

const vector = (name: string) => readFileSync(new URL(`../../docs/test-vectors/${name}`, import.meta.url), "utf8");

describe("published test vectors (docs/test-vectors)", () => {
  const keys = PublicKeyList.parse(JSON.parse(vector("signing-keys.json")));
  const file = vector("export.json");

  it("the export verifies: chain, manifest SHA-256 and signature by the published key", () => {
    expect(verifyExport(file, keys)).toMatchObject({
      ok: true,
      verifiable: true,
      chains: 1,
      events: 2,
      signature: { status: "valid", keyId: "d32d53779ef0c22c" },
    });
  });

  it("the signed bytes published beside it are exactly what the signature covers", () => {
    const manifest = (JSON.parse(file) as { manifest: Parameters<typeof signedBytes>[1] }).manifest;
    expect(signedBytes(MANIFEST_PURPOSE, manifest).toString("utf8")).toBe(vector("export.manifest.signed-bytes.txt"));
  });

  it("one changed letter in the manifest breaks the signature", () => {
    expect(verifyExport(file.replace('"reason":"Test vector"', '"reason":"Test vectors"'), keys).signature).toMatchObject({
      status: "invalid",
    });
  });

  it("the checkpoint verifies by the same key, its signed bytes are as published, and the export still ends in the hash it signed", () => {
    const text = vector("checkpoint.json");
    const reading = readCheckpoint(text, keys);
    expect(reading).toMatchObject({ ok: true, signature: { status: "valid", keyId: "d32d53779ef0c22c" } });
    const summary = (JSON.parse(text) as { checkpoint: Parameters<typeof signedBytes>[1] }).checkpoint;
    expect(signedBytes(CHECKPOINT_PURPOSE, summary).toString("utf8")).toBe(vector("checkpoint.signed-bytes.txt"));
    const chains = (JSON.parse(file) as { chains: { chain: string; events: { seq: number; hash: string }[] }[] }).chains;
    expect(compareExportWithCheckpoint(chains, reading.ok ? reading.heads : [])).toEqual({ compared: 1, problems: [] });
  });
});
