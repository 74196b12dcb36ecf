import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";

/**
 * The migrations a database should have, by name: the folders of prisma/migrations in order.
 * Shared by the runner and the readiness check, so both agree on what "pending" means.
 */
export async function migrationDirectoryNames(migrationsDir: string): Promise<string[]> {
  if (!existsSync(migrationsDir)) return [];
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}
