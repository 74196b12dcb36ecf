import { join } from "node:path";
import type { Db } from "../db/client";
import { migrationDirectoryNames } from "../migrations/migration-directories";

/**
 * Whether this app server can serve requests: the database answers, and every migration in
 * prisma/migrations has been applied. A load balancer sends traffic only to a server that is
 * ready, so one whose database is down or behind the code is taken out instead of failing
 * requests. The answer is one word and names no table, row or person.
 */
export type Readiness = "ready" | "database" | "migrations";

/** Long enough for a busy database, short enough that a probe sees a hung one as not ready. */
const DATABASE_TIMEOUT_MS = 3_000;

export const DEFAULT_MIGRATIONS_DIR = join(process.cwd(), "prisma", "migrations");

type AppliedRow = { migration_name: string };

async function appliedMigrations(db: Db): Promise<Set<string> | null> {
  // to_regclass answers null instead of failing when the table does not exist yet.
  const [table] = await db.$queryRaw<{ present: boolean }[]>`SELECT to_regclass('_prisma_migrations') IS NOT NULL AS present`;
  if (!table?.present) return null;
  const rows = await db.$queryRaw<AppliedRow[]>`
    SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  return new Set(rows.map((row) => row.migration_name));
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export async function checkReadiness(db: Db, migrationsDir: string = DEFAULT_MIGRATIONS_DIR): Promise<Readiness> {
  let applied: Set<string> | null;
  try {
    applied = await withTimeout(appliedMigrations(db), DATABASE_TIMEOUT_MS);
  } catch {
    return "database";
  }
  const expected = await migrationDirectoryNames(migrationsDir);
  if (expected.length > 0 && (!applied || expected.some((name) => !applied.has(name)))) return "migrations";
  return "ready";
}
