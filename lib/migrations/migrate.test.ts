import { fileURLToPath } from "node:url";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { createFreshDatabase } from "../db/fresh-database";
import { migrationDirectoryNames } from "./migration-directories";
import { applyMigrations, migrationsToSchemaSql, readDatamodel } from "./migrate";

const url = () => process.env.DATABASE_URL ?? "";

describe("migrations", () => {
  it("applied to an empty database give exactly the schema: the engine's diff is empty", async () => {
    expect(await migrationsToSchemaSql(url())).toBe("");
  });

  it("the same comparison reports a model the migrations lack, so the check above can fail", async () => {
    const extended = `${await readDatamodel()}\nmodel DriftProbe {\n  id Int @id\n}\n`;
    expect(await migrationsToSchemaSql(url(), extended)).toMatch(/CREATE TABLE "DriftProbe"/);
  });

  it("apply nothing the second time: the run's database already has its migrations and reference data", async () => {
    expect(await applyMigrations(url())).toEqual({ applied: [], referenceData: [] });
  });
});

describe("migrations applied by several servers at once", () => {
  it("are applied by exactly one: both calls succeed and each migration is recorded once", async () => {
    const database = await createFreshDatabase("migrate_lock");
    const client = new pg.Client({ connectionString: database.url });
    try {
      const [first, second] = await Promise.all([applyMigrations(database.url), applyMigrations(database.url)]);
      const expected = await migrationDirectoryNames(fileURLToPath(new URL("../../prisma/migrations", import.meta.url)));
      // One applied them all, the other waited and found nothing left.
      expect([first.applied, second.applied].sort((a, b) => a.length - b.length)).toEqual([[], expected]);
      await client.connect();
      const { rows } = await client.query<{ migration_name: string; count: string }>(
        "SELECT migration_name, count(*)::text AS count FROM _prisma_migrations GROUP BY migration_name ORDER BY migration_name",
      );
      expect(rows).toEqual(expected.map((name) => ({ migration_name: name, count: "1" })));
    } finally {
      await client.end();
      await database.drop();
    }
  }, 120_000);
});
