/**
 * `npm run db:restore -- FILE`: restores a backup made by db:backup into DATABASE_URL, or into the
 * embedded database, which must hold no application rows; then verifies every hash chain and
 * records the restore as a system event (lib/backup/record-restore.ts).
 * Exit code 0 when restored and every chain verifies, 1 otherwise.
 */
import { existsSync } from "node:fs";
import { describeProblem } from "../lib/audit/verify-chain";
import { ConfigError } from "../lib/db/config-error";
import { recordRestore } from "../lib/backup/record-restore";
import { checkBackup } from "../lib/backup/backup-format";
import { createDb } from "../lib/db/client";
import { restoreBackup } from "../lib/backup/restore";
import { resolveDatabase } from "../lib/db/resolve-database";
import { operatingSystemUser } from "./operating-system-user";
import { runScript } from "./run-script";

runScript("db:restore", async () => {
  const file = process.argv[2];
  if (!file || process.argv.length > 3) throw new ConfigError("usage: npm run db:restore -- FILE");
  if (!existsSync(file)) throw new ConfigError(`${file} does not exist`);
  const database = await resolveDatabase();
  try {
    console.log(`[db:restore] ${database.describe}`);
    const summary = await restoreBackup(database.url, file);
    const db = createDb(database.url);
    try {
      await recordRestore(db, file, await checkBackup(file), operatingSystemUser());
    } finally {
      await db.$disconnect();
    }
    const rows = summary.tables.reduce((sum, table) => sum + table.rows, 0);
    console.log(`[db:restore] at migration ${summary.migrations.at(-1) ?? "(none)"}: ${summary.tables.length} tables, ${rows} rows loaded`);
    for (const table of summary.tables) console.log(`  ${table.name}: ${table.rows}`);
    const result = summary.verification;
    const counts = `${result.chains} chains checked, ${result.events} events`;
    if (result.ok) {
      console.log(`[db:restore] audit chains OK: ${counts}, every hash and link recomputed`);
      return;
    }
    console.log(
      `[db:restore] audit chains BROKEN: ${counts}, ${result.problems.length} problem(s); restored as backed up, nothing repaired`,
    );
    for (const problem of result.problems) console.log(`  - ${describeProblem(problem)}`);
    process.exitCode = 1;
  } finally {
    await database.stop();
  }
});
