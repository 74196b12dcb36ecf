/** `npm run db:migrate`: applies pending migrations and the reference data to DATABASE_URL, or to the embedded server. */
import { resolveDatabase } from "../lib/db/resolve-database";
import { applyMigrations } from "../lib/migrations/migrate";
import { runScript } from "./run-script";

runScript("db:migrate", async () => {
  const database = await resolveDatabase();
  try {
    console.log(`[db:migrate] ${database.describe}`);
    const { applied, referenceData } = await applyMigrations(database.url);
    console.log(applied.length ? `[db:migrate] applied: ${applied.join(", ")}` : "[db:migrate] migrations up to date");
    if (referenceData.length === 0) console.log("[db:migrate] reference data up to date");
    for (const line of referenceData) console.log(`[db:migrate] reference data added or changed, ${line}`);
  } finally {
    await database.stop();
  }
});
