import { mkdir, readFile, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import type { MigrationList, SchemaFilter } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { migrationDirectoryNames } from "./migration-directories";
import { withSchemaEngine } from "./schema-engine";
import { createDb } from "../db/client";
import { describeChanges, installReferenceData } from "../reference-data/install";

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

/** The migration folders in this checkout, oldest first. */
export async function listMigrationNames(): Promise<string[]> {
  return migrationDirectoryNames(MIGRATIONS_DIR);
}

/** The SQL of one migration, byte for byte as the engine applies it. */
export function readMigrationSql(name: string): Promise<string> {
  return readFile(join(MIGRATIONS_DIR, name, "migration.sql"), "utf8");
}

async function readMigrationList(only?: string[]): Promise<MigrationList> {
  const directories = (await listMigrationNames()).filter((name) => !only || only.includes(name));
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

export type MigrationOutcome = {
  /** Names of the migrations applied (none when up to date). */
  applied: string[];
  /** One line per kind of reference data added or changed (none when up to date). */
  referenceData: string[];
};

// Any fixed number serves, as long as nothing else in the database locks it: "zhusan_m" in ASCII.
const MIGRATION_LOCK_KEY = 0x7a687573616e5f6dn;

/**
 * Applies every pending migration, then the product's reference data, so that every way of
 * setting up a database (db:migrate, npm start, the tests) yields one the app can run on. With
 * `only`, a restore rebuilds exactly the schema a backup was taken at, no later, and installs no
 * reference data: the backup holds the data as they were.
 *
 * Several app servers starting at once each call this: a session-level advisory lock, held on a
 * connection of its own, lets exactly one apply the migrations while the others wait, then find
 * nothing left to apply. The engine takes a lock of its own, but gives up after 10 seconds, so a
 * server that waits behind a longer migration failed to start (lib/migrations/migrate.test.ts shows it).
 * This lock waits as long as it takes; it ends with its connection, so a server that dies mid-way
 * never blocks the rest.
 */
export async function applyMigrations(url: string, options: { only?: string[] } = {}): Promise<MigrationOutcome> {
  const [datamodel, migrationsList] = await Promise.all([readDatamodel(), readMigrationList(options.only)]);
  const lock = new pg.Client({ connectionString: url });
  await lock.connect();
  let applied: string[];
  try {
    await lock.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY.toString()]);
    applied = await withSchemaEngine(url, datamodel, async (engine) => {
      const output = await engine.applyMigrations({ migrationsList, filters: NO_FILTER });
      return output.appliedMigrationNames;
    });
  } finally {
    await lock.end();
  }
  if (options.only) return { applied, referenceData: [] };
  const db = createDb(url);
  try {
    return { applied, referenceData: describeChanges(await installReferenceData(db)) };
  } finally {
    await db.$disconnect();
  }
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
  const folder = `${stamp}_${name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "")}`;
  await mkdir(join(MIGRATIONS_DIR, folder), { recursive: true });
  await writeFile(join(MIGRATIONS_DIR, folder, "migration.sql"), sql);
  return folder;
}
