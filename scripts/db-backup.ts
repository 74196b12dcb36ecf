/**
 * `npm run db:backup -- FILE`: writes one consistent snapshot of DATABASE_URL, or of the embedded
 * database, to FILE (docs/backup-format.md). Works the same against any PostgreSQL the app
 * supports, since it needs no pg_dump (decision 009).
 */
import { ConfigError } from "../lib/db/config-error";
import { writeBackup } from "../lib/backup/backup";
import { resolveDatabase } from "../lib/db/resolve-database";
import { runScript } from "./run-script";

runScript("db:backup", async () => {
  const file = process.argv[2];
  if (!file || process.argv.length > 3) throw new ConfigError("usage: npm run db:backup -- FILE");
  const database = await resolveDatabase();
  try {
    console.log(`[db:backup] ${database.describe}`);
    const summary = await writeBackup(database.url, file);
    const rows = summary.tables.reduce((sum, table) => sum + table.rows, 0);
    console.log(`[db:backup] at migration ${summary.migrations.at(-1) ?? "(none)"}: ${summary.tables.length} tables, ${rows} rows`);
    for (const table of summary.tables) console.log(`  ${table.name}: ${table.rows}`);
    console.log(`[db:backup] wrote ${summary.file} (sha256 of its contents ${summary.sha256})`);
  } finally {
    await database.stop();
  }
});
