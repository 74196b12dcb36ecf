/**
 * `npm run audit:verify`: recomputes every hash chain in the database (DATABASE_URL, or the
 * embedded one) and names the first broken event of each broken chain; the result is kept for
 * the audit pages. `npm run audit:verify -- FILE.json [--keys KEYS.json]` checks an exported
 * file offline, with no database at all: its signature against the public keys in KEYS.json (as
 * served by /api/signing-keys and kept by the auditor), or this machine's key directory when
 * no list is given. `--checkpoint CHECKPOINT.json` (a signed checkpoint kept outside the database)
 * adds: each chain's event at the checkpoint's seq must still carry the checkpoint's hash, in the
 * database, or in the export when a FILE is given. Exit code 0 when everything verifies and every
 * signature is valid, 1 otherwise.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { ConfigError } from "../lib/db/config-error";
import { PublicKeyList, readPublicKeys } from "../lib/signing/key-store";
import { createDb } from "../lib/db/client";
import { resolveDatabase } from "../lib/db/resolve-database";
import { describeProblem, type ChainProblem, type VerificationResult } from "../lib/audit/verify-chain";
import { recordVerification, verifyDatabase } from "../lib/audit/verify-database";
import { verifyExport, type ExportSignatureCheck } from "../lib/auditing/verify-export";
import {
  compareDatabaseWithCheckpoint,
  compareExportWithCheckpoint,
  readCheckpoint,
  type CheckpointHead,
} from "../lib/auditing/checkpoint";
import { runScript } from "./run-script";

function report(result: VerificationResult, subject: string): void {
  const counts = `${result.chains} chains, ${result.events} events`;
  if (result.ok) {
    console.log(`[audit:verify] OK: ${subject}: ${counts}, every hash and link recomputed`);
    return;
  }
  console.log(`[audit:verify] BROKEN: ${subject}: ${counts}, ${result.problems.length} problem(s)`);
  for (const problem of result.problems) console.log(`  - ${describeProblem(problem)}`);
  process.exitCode = 1;
}

function reportSignature(check: ExportSignatureCheck, keysFrom: string, what = "the file"): void {
  switch (check.status) {
    case "valid":
      console.log(
        `[audit:verify] SIGNATURE VALID (${what}): signed by key ${check.keyId} (valid from ${check.validFrom} to ${check.validUntil ?? "now"}), checked against ${keysFrom}`,
      );
      return;
    case "invalid":
      console.log(`[audit:verify] SIGNATURE INVALID (${what})${check.keyId ? `, key ${check.keyId}` : ""}: ${check.detail}`);
      break;
    case "missing":
      console.log(
        `[audit:verify] SIGNATURE MISSING (${what}): nothing proves it came from the server; its hashes prove only that it is consistent`,
      );
      break;
    case "noKeys":
      console.log(`[audit:verify] SIGNATURE NOT CHECKED (${what}): no public keys given (--keys KEYS.json, from /api/signing-keys)`);
      break;
  }
  process.exitCode = 1;
}

function trustedKeys(path: string | undefined): { keys: PublicKeyList | null; from: string } {
  if (!path) return { keys: readPublicKeys(), from: "this machine's signing key directory" };
  const parsed = PublicKeyList.safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.success) throw new ConfigError(`${path} is not a list of signing keys as /api/signing-keys serves it`);
  return { keys: parsed.data, from: path };
}

/** The checkpoint's heads when its file is intact and signed by a trusted key; the reasons otherwise. */
function checkpointHeads(path: string, trusted: { keys: PublicKeyList | null; from: string }): CheckpointHead[] | null {
  const reading = readCheckpoint(readFileSync(path, "utf8"), trusted.keys);
  reportSignature(reading.signature, trusted.from, `checkpoint ${path}`);
  if (!reading.ok) {
    console.log(`[audit:verify] BROKEN: checkpoint ${path}: ${reading.detail}`);
    process.exitCode = 1;
    return null;
  }
  if (reading.signature.status !== "valid") return null;
  console.log(
    `[audit:verify] checkpoint ${reading.summary.checkpointId} of ${reading.summary.createdAt}: ${reading.summary.chains} chains, ${reading.summary.events} events`,
  );
  return reading.heads;
}

function reportCheckpoint(problems: ChainProblem[], subject: string, compared: number): void {
  if (problems.length === 0) {
    console.log(
      `[audit:verify] OK against the checkpoint: ${subject}: ${compared} chains still end, at the checkpoint's seq, in the hash it signed`,
    );
    return;
  }
  console.log(`[audit:verify] REWRITTEN since the checkpoint: ${subject}: ${problems.length} chain(s)`);
  for (const problem of problems) console.log(`  - ${describeProblem(problem)}`);
  process.exitCode = 1;
}

runScript("audit:verify", async () => {
  const { values, positionals } = parseArgs({
    options: { keys: { type: "string" }, checkpoint: { type: "string" } },
    allowPositionals: true,
  });
  const file = positionals[0];
  const trusted = trustedKeys(values.keys);
  const heads = values.checkpoint ? checkpointHeads(values.checkpoint, trusted) : null;
  if (values.checkpoint && !heads) {
    process.exitCode = 1;
    return;
  }
  if (file) {
    const text = readFileSync(file, "utf8");
    const result = verifyExport(text, trusted.keys);
    report(result, file);
    reportSignature(result.signature, trusted.from);
    if (!result.verifiable && result.ok)
      console.log("[audit:verify] a pseudonymised export: the file is intact, but its events cannot be checked against the hash chain");
    if (heads && result.verifiable) {
      const chains = (JSON.parse(text) as { chains: { chain: string; events: { seq: number; hash: string }[] }[] }).chains;
      const { compared, problems } = compareExportWithCheckpoint(chains, heads);
      reportCheckpoint(problems, file, compared);
    }
    return;
  }
  const database = await resolveDatabase();
  const db = createDb(database.url);
  try {
    const startedAt = new Date();
    const result = await verifyDatabase(db);
    await recordVerification(db, result, startedAt, { id: null, label: "npm run audit:verify", role: null });
    report(result, database.describe);
    if (heads) reportCheckpoint(await compareDatabaseWithCheckpoint(db, heads), database.describe, heads.length);
  } finally {
    await db.$disconnect();
    await database.stop();
  }
});
