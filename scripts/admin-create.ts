/**
 * `npm run admin:create -- --email EMAIL --name "NAME"`: creates an administrator on the
 * configured database (DATABASE_URL, or the embedded one) and prints its one-time password,
 * which must be changed at the first sign-in. Audited as a system event.
 */
import { parseArgs } from "node:util";
import { ConfigError } from "../lib/db/config-error";
import { createDb } from "../lib/db/client";
import { applyMigrations } from "../lib/migrations/migrate";
import { resolveDatabase } from "../lib/db/resolve-database";
import { AdministratorRefused, createAdministrator, parseAdministratorInput } from "../lib/admin/create-administrator";
import { operatingSystemUser } from "./operating-system-user";
import { runScript } from "./run-script";

const USAGE = 'npm run admin:create -- --email admin@example.org --name "Full Name"';

function readArguments(): { email?: string; name?: string } {
  try {
    return parseArgs({
      args: process.argv.slice(2),
      options: { email: { type: "string" }, name: { type: "string" } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch {
    throw new ConfigError(`give exactly an e-mail and a name: ${USAGE}`);
  }
}

async function main() {
  const given = readArguments();
  if (given.email === undefined || given.name === undefined) throw new ConfigError(`give both an e-mail and a name: ${USAGE}`);
  const input = parseAdministratorInput(given);
  const database = await resolveDatabase();
  const db = createDb(database.url);
  try {
    console.log(`[admin:create] ${database.describe}`);
    if (database.embedded) await applyMigrations(database.url);
    const created = await createAdministrator(db, input, operatingSystemUser());
    console.log(`[admin:create] administrator ${created.email} created; the event is in the audit log`);
    console.log("[admin:create] one-time password, to be replaced at the first sign-in (shown only now):");
    console.log(created.temporaryPassword);
  } finally {
    await db.$disconnect();
    await database.stop();
  }
}

runScript("admin:create", () =>
  main().catch((error: unknown) => {
    // A refusal is the operator's to fix, so it reads as one line, like a configuration problem.
    throw error instanceof AdministratorRefused ? new ConfigError(error.message) : error;
  }),
);
