/** `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded server. */
import { resolveDatabase } from "../lib/db/resolve-database";
import { applyMigrations } from "../lib/db/migrate";
import { runScript } from "./run-script";

runScript("db:migrate", async () => {
  const database = await resolveDatabase();
  try {
    console.log(`[db:migrate] ${database.describe}`);
    const applied = await applyMigrations(database.url);
    console.log(applied.length ? `[db:migrate] applied: ${applied.join(", ")}` : "[db:migrate] up to date");
  } finally {
    await database.stop();
  }
});
