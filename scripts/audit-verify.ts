/**
 * `npm run audit:verify`: recomputes every hash chain in the database (DATABASE_URL, or the
 * embedded one) and names the first broken event of each broken chain; the result is kept for
 * the audit pages. `npm run audit:verify -- FILE.json` checks an exported file offline, with
 * no database at all. Exit code 0 when everything verifies, 1 otherwise.
 */
import { readFileSync } from "node:fs";
import { createDb } from "../lib/db/client";
import { resolveDatabase } from "../lib/db/resolve-database";
import { describeProblem, type VerificationResult } from "../lib/audit/verify-chain";
import { recordVerification, verifyDatabase } from "../lib/audit/verify-database";
import { verifyExport } from "../lib/audit/verify-export";
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

runScript("audit:verify", async () => {
  const file = process.argv[2];
  if (file) {
    const result = verifyExport(readFileSync(file, "utf8"));
    report(result, file);
    if (!result.verifiable && result.ok) console.log("[audit:verify] a pseudonymised export: the file is intact, but its events cannot be checked against the hash chain");
    return;
  }
  const database = await resolveDatabase();
  const db = createDb(database.url);
  try {
    const startedAt = new Date();
    const result = await verifyDatabase(db);
    await recordVerification(db, result, startedAt, null);
    report(result, database.describe);
  } finally {
    await db.$disconnect();
    await database.stop();
  }
});
