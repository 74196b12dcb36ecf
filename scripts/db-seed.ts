/** `npm run db:seed`: loads the fictional demo data into a database without accounts or cases (DATABASE_URL, or the embedded one). */
import { ConfigError } from "../lib/db/config-error";
import { createDb } from "../lib/db/client";
import { applyMigrations } from "../lib/migrations/migrate";
import { resolveDatabase } from "../lib/db/resolve-database";
import { isDatabaseEmpty, seedDemoData } from "../prisma/seed/seed";
import { runScript } from "./run-script";

runScript("db:seed", async () => {
  const database = await resolveDatabase();
  const db = createDb(database.url);
  try {
    console.log(`[db:seed] ${database.describe}`);
    if (database.embedded) await applyMigrations(database.url);
    if (!(await isDatabaseEmpty(db)))
      throw new ConfigError("the database already has accounts or cases; the demo seed only loads into a database without either");
    const started = Date.now();
    const result = await seedDemoData(db);
    console.log(
      `[db:seed] loaded ${result.persons} fictional persons and ${result.events} audit events in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    await db.$disconnect();
    await database.stop();
  }
});
