/**
 * `npm run db:diff -- NAME`: writes prisma/migrations/<timestamp>_NAME/migration.sql with what
 * schema.prisma adds to the migrations. The engine replays the migrations in a temporary
 * shadow database on the server it is given (DATABASE_URL, or the embedded one).
 */
import { ConfigError } from "../lib/db/config-error";
import { resolveDatabase } from "../lib/db/resolve-database";
import { createMigration } from "../lib/migrations/migrate";
import { runScript } from "./run-script";

runScript("db:diff", async () => {
  const name = process.argv[2];
  if (!name || !/^[a-z0-9_]+$/i.test(name)) throw new ConfigError("give the migration a name: npm run db:diff -- add_something");
  const database = await resolveDatabase();
  try {
    const folder = await createMigration(database.url, name);
    console.log(
      folder ? `[db:diff] wrote prisma/migrations/${folder}/migration.sql: read it before committing` : "[db:diff] no schema changes",
    );
  } finally {
    await database.stop();
  }
});
