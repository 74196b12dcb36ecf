/**
 * `npm run admin:unlock -- EMAIL`: lifts every lock on an administrator account, and reactivates
 * it, from the server (DATABASE_URL, or the embedded one), for when no administrator can sign in
 * to do it in the app. Audited as a system event.
 */
import { z } from "zod";
import { ConfigError } from "../lib/db/config-error";
import { createDb } from "../lib/db/client";
import { applyMigrations } from "../lib/migrations/migrate";
import { resolveDatabase } from "../lib/db/resolve-database";
import { RecoveryRefused, recoverAdministrator } from "../lib/admin/unlock-account";
import { operatingSystemUser } from "./operating-system-user";
import { runScript } from "./run-script";

runScript("admin:unlock", async () => {
  const email = z.email().safeParse(process.argv[2]?.trim());
  if (!email.success) throw new ConfigError("give the administrator's e-mail: npm run admin:unlock -- admin@example.org");
  const database = await resolveDatabase();
  const db = createDb(database.url);
  try {
    console.log(`[admin:unlock] ${database.describe}`);
    if (database.embedded) await applyMigrations(database.url);
    const outcome = await recoverAdministrator(db, email.data, operatingSystemUser());
    console.log(
      outcome === "recovered"
        ? `[admin:unlock] ${email.data} is unlocked and active; the event is in the audit log`
        : `[admin:unlock] ${email.data} was neither locked nor deactivated: nothing changed`,
    );
  } catch (error) {
    if (error instanceof RecoveryRefused) throw new ConfigError(error.message);
    throw error;
  } finally {
    await db.$disconnect();
    await database.stop();
  }
});
