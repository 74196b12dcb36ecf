import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { MigrationList, SchemaFilter } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { withSchemaEngine } from "./schema-engine";

/**
 * Migrations without the Prisma CLI's native engine (decision 001): the same schema engine,
 * compiled to WebAssembly, applies prisma/migrations and records them in `_prisma_migrations`
 * exactly as `prisma migrate deploy` does, so either tool can take over a database.
 */
const PRISMA_DIR = fileURLToPath(new URL("../../prisma", import.meta.url));
const MIGRATIONS_DIR = join(PRISMA_DIR, "migrations");
const LOCKFILE = "migration_lock.toml";
const NO_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] };

export function readDatamodel(): Promise<string> {
  return readFile(join(PRISMA_DIR, "schema.prisma"), "utf8");
}

async function readMigrationList(): Promise<MigrationList> {
  const entries = existsSync(MIGRATIONS_DIR) ? await readdir(MIGRATIONS_DIR, { withFileTypes: true }) : [];
  const directories = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const lockfilePath = join(MIGRATIONS_DIR, LOCKFILE);
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: { path: LOCKFILE, content: existsSync(lockfilePath) ? await readFile(lockfilePath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      directories.map(async (name) => {
        const file = join(MIGRATIONS_DIR, name, "migration.sql");
        const content = existsSync(file)
          ? { tag: "ok" as const, value: await readFile(file, "utf8") }
          : { tag: "error" as const, value: `${file} is missing` };
        return { path: name, migrationFile: { path: "migration.sql", content } };
      }),
    ),
  };
}

/** Applies every pending migration; returns the names applied (none when up to date). */
export async function applyMigrations(url: string): Promise<string[]> {
  const [datamodel, migrationsList] = await Promise.all([readDatamodel(), readMigrationList()]);
  return withSchemaEngine(url, datamodel, async (engine) => {
    const output = await engine.applyMigrations({ migrationsList, filters: NO_FILTER });
    return output.appliedMigrationNames;
  });
}

/**
 * The SQL that would take a database built from the migrations to the schema: empty exactly
 * when the migrations and schema.prisma agree. The engine replays the migrations in a
 * temporary shadow database on the server behind `url`.
 */
export async function migrationsToSchemaSql(url: string, target?: string): Promise<string> {
  const [datamodel, migrationsList] = await Promise.all([target ?? readDatamodel(), readMigrationList()]);
  return withSchemaEngine(url, datamodel, async (engine) => {
    const result = await engine.diff({
      from: { tag: "migrations", ...migrationsList },
      to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: datamodel }] },
      script: true,
      exitCode: null,
      filters: NO_FILTER,
    });
    const sql = result.stdout ?? "";
    return isEmptyScript(sql) ? "" : sql;
  });
}

// The engine prints a comment instead of nothing when there is no difference.
function isEmptyScript(sql: string): boolean {
  return sql.split("\n").every((line) => line.trim() === "" || line.trim().startsWith("--"));
}

/** Writes prisma/migrations/<timestamp>_<name>/migration.sql from schema changes; null when there are none. */
export async function createMigration(url: string, name: string): Promise<string | null> {
  const sql = await migrationsToSchemaSql(url);
  if (!sql) return null;
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const folder = `${stamp}_${name.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "")}`;
  await mkdir(join(MIGRATIONS_DIR, folder), { recursive: true });
  await writeFile(join(MIGRATIONS_DIR, folder, "migration.sql"), sql);
  return folder;
}
