/**
 * `npm start`: from a fresh clone to a served app. Chooses the database (DATABASE_URL, or an
 * embedded PostgreSQL in .data/), builds when needed, applies migrations, seeds the demo data
 * into an empty embedded database, then serves the app (scripts/serve.ts) until Ctrl-C or SIGTERM.
 * With ZHUSAN_NO_BUILD=1 (a deployment) it never builds: it serves the build `npm run build` made,
 * or stops when that build is missing or from another commit.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { z } from "zod";
import { ConfigError } from "../lib/db/config-error";
import { resolveDatabase } from "../lib/db/resolve-database";
import { applyMigrations } from "../lib/migrations/migrate";
import { createDb } from "../lib/db/client";
import { loadOrCreateLocalSecret } from "../lib/auth/local-secret";
import { activeSigningKey, signingKeyDir } from "../lib/signing/key-store";
import { hasDemoData, isDatabaseEmpty, seedDemoData } from "../prisma/seed/seed";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../prisma/seed/demo-accounts";
import { packageBin } from "./package-bin";
import { buildProblem, readBuildState, writeBuildStamp } from "./build-artefact";
import { actionKeyError, actionKeyWarning } from "./start-checks";

const StartEnv = z.object({
  PORT: z.coerce.number({ error: "must be a port number from 1 to 65535" }).int().min(1).max(65535).default(3000),
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters").optional(),
  // Empty counts as unset, as .env.example leaves it.
  NEXTAUTH_URL: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.url("NEXTAUTH_URL must be a full URL such as https://zhusan.example.org").optional(),
  ),
  ZHUSAN_NO_BUILD: z.enum(["", "0", "1"], { error: "ZHUSAN_NO_BUILD must be 1 (never build) or 0" }).optional(),
});

const nextBin = packageBin("next", "next");

function log(line: string) {
  console.log(`[zhusan] ${line}`);
}

/** A build is reused unless it is missing or was made from another commit; a deployment never builds. */
function ensureBuild(neverBuild: boolean) {
  const state = readBuildState();
  const problem = buildProblem(state);
  if (!problem) return;
  if (neverBuild)
    throw new ConfigError(`${problem}, and ZHUSAN_NO_BUILD=1 forbids building here: run \`npm run build\` where the release is made`);
  log(state.built ? "sources changed since the last build: rebuilding (about a minute)" : "no build yet: building (about a minute)");
  const result = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: process.env });
  if (result.status !== 0) throw new ConfigError("the build failed; see the output above");
  writeBuildStamp();
}

async function main() {
  const parsedEnv = StartEnv.safeParse(process.env);
  if (!parsedEnv.success) throw new ConfigError(parsedEnv.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join("; "));
  const { PORT: port } = parsedEnv.data;
  const neverBuild = parsedEnv.data.ZHUSAN_NO_BUILD === "1";
  const keyError = actionKeyError(process.env);
  if (keyError) throw new ConfigError(keyError);
  // Checked before the database, so a release with no build stops before touching it.
  if (neverBuild) ensureBuild(true);
  const databaseGiven = Boolean(process.env.DATABASE_URL);

  const database = await resolveDatabase();
  let child: ChildProcess | undefined;
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (child && child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((resolve) => child?.once("exit", resolve));
    }
    await database.stop();
    log("stopped");
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  try {
    log(`database: ${database.describe}`);
    const { applied, referenceData } = await applyMigrations(database.url);
    log(applied.length ? `applied migrations: ${applied.join(", ")}` : "migrations: up to date");
    for (const line of referenceData) log(`reference data added or changed, ${line}`);

    const db = createDb(database.url);
    let demo = false;
    try {
      if (!databaseGiven && (await isDatabaseEmpty(db))) {
        log("empty database: loading the demo data (fictional persons only)");
        await seedDemoData(db);
      }
      demo = await hasDemoData(db);
    } finally {
      await db.$disconnect();
    }

    const secret = parsedEnv.data.NEXTAUTH_SECRET ?? loadOrCreateLocalSecret(".data/auth-secret");
    if (!parsedEnv.data.NEXTAUTH_SECRET) log("NEXTAUTH_SECRET not set: using the local secret in .data/auth-secret");
    // Made before serving, so a broken key directory stops the start instead of the first export.
    const signingKey = activeSigningKey();
    log(`signing exports with key ${signingKey.keyId} from ${signingKeyDir()}`);
    // NEXTAUTH_URL is left unset when not given: the app then answers at any address that reaches it.
    Object.assign(process.env, { DATABASE_URL: database.url, NEXTAUTH_SECRET: secret });

    if (!neverBuild) ensureBuild(false);
    const keyWarning = actionKeyWarning(process.env);
    if (keyWarning) log(`warning: ${keyWarning}`);
    child = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts", "--port", String(port)], {
      stdio: ["ignore", "inherit", "inherit"],
      env: process.env,
    });
    child.once("exit", (code) => void shutdown(code ?? 1));
    log(
      parsedEnv.data.NEXTAUTH_URL
        ? `serving on ${parsedEnv.data.NEXTAUTH_URL}`
        : `serving on port ${port} at any address that reaches it, e.g. http://localhost:${port}`,
    );
    if (demo) {
      log(`demo accounts (password "${DEMO_PASSWORD}"):`);
      for (const account of DEMO_ACCOUNTS) log(`  ${account.email.padEnd(28)} ${account.role.toLowerCase()}`);
    }
  } catch (error) {
    await database.stop();
    throw error;
  }
}

main().catch((error: unknown) => {
  // One line that says what to fix; a stack trace only for what nobody foresaw.
  if (error instanceof ConfigError) console.error(`[zhusan] cannot start: ${error.message}`);
  else console.error("[zhusan] cannot start:", error);
  process.exit(1);
});
