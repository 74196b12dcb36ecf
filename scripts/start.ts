/**
 * `npm start`: from a fresh clone to a served app. Chooses the database (DATABASE_URL, or an
 * embedded PostgreSQL in .data/), builds when needed, applies migrations, seeds the demo data
 * into an empty embedded database, then runs `next start` until Ctrl-C or SIGTERM.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { z } from "zod";
import { ConfigError } from "../lib/db/config-error";
import { resolveDatabase } from "../lib/db/resolve-database";
import { applyMigrations } from "../lib/db/migrate";
import { createDb } from "../lib/db/client";
import { loadOrCreateLocalSecret } from "../lib/auth/local-secret";
import { hasDemoData, isDatabaseEmpty, seedDemoData } from "../prisma/seed/seed";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../prisma/seed/demo-accounts";
import { packageBin } from "./package-bin";

const StartEnv = z.object({
  PORT: z.coerce.number({ error: "must be a port number from 1 to 65535" }).int().min(1).max(65535).default(3000),
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters").optional(),
  NEXTAUTH_URL: z.url("NEXTAUTH_URL must be a full URL such as https://zhusan.example.org").optional(),
});

const nextBin = packageBin("next", "next");
const BUILD_STAMP = ".next/zhusan-source-revision";

function log(line: string) {
  console.log(`[zhusan] ${line}`);
}

function sourceRevision(): string | null {
  const result = spawnSync("git", ["rev-parse", "HEAD"], { encoding: "utf8" });
  return result.status === 0 ? result.stdout.trim() : null;
}

/** A build is reused unless it is missing or was made from another commit. */
function ensureBuild() {
  const revision = sourceRevision();
  const built = existsSync(".next/BUILD_ID");
  const stamp = existsSync(BUILD_STAMP) ? readFileSync(BUILD_STAMP, "utf8").trim() : null;
  if (built && (revision === null || stamp === revision)) return;
  log(built ? "sources changed since the last build: rebuilding (about a minute)" : "no build yet: building (about a minute)");
  const result = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: process.env });
  if (result.status !== 0) throw new ConfigError("the build failed; see the output above");
  if (revision) writeFileSync(BUILD_STAMP, `${revision}\n`);
}

async function main() {
  const parsedEnv = StartEnv.safeParse(process.env);
  if (!parsedEnv.success) throw new ConfigError(parsedEnv.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join("; "));
  const { PORT: port } = parsedEnv.data;
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
    const applied = await applyMigrations(database.url);
    log(applied.length ? `applied migrations: ${applied.join(", ")}` : "migrations: up to date");

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
    const publicUrl = parsedEnv.data.NEXTAUTH_URL ?? `http://localhost:${port}`;
    Object.assign(process.env, { DATABASE_URL: database.url, NEXTAUTH_SECRET: secret, NEXTAUTH_URL: publicUrl });

    ensureBuild();
    child = spawn(process.execPath, [nextBin, "start", "--port", String(port)], { stdio: ["ignore", "inherit", "inherit"], env: process.env });
    child.once("exit", (code) => void shutdown(code ?? 1));
    log(`serving on ${publicUrl}`);
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
