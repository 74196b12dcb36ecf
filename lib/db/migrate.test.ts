import { describe, expect, it } from "vitest";
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

  it("apply nothing the second time: the run's database is already up to date", async () => {
    expect(await applyMigrations(url())).toEqual([]);
  });
});
