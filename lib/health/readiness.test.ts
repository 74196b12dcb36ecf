import { cp, mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../db/client";
import { createFreshDatabase, type FreshDatabase } from "../db/fresh-database";
import { applyMigrations } from "../migrations/migrate";
import { checkReadiness, DEFAULT_MIGRATIONS_DIR } from "./readiness";

let database: FreshDatabase;
let db: Db;
let scratch: string;

beforeAll(async () => {
  database = await createFreshDatabase("readiness");
  db = createDb(database.url);
  scratch = await mkdtemp(join(tmpdir(), "zhusan-readiness-"));
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
  await rm(scratch, { recursive: true, force: true });
});

describe("readiness", () => {
  it("a database with no migrations applied is not ready: migrations", async () => {
    expect(await checkReadiness(db)).toBe("migrations");
  });

  it("the same database with every migration applied is ready", async () => {
    await applyMigrations(database.url);
    expect(await checkReadiness(db)).toBe("ready");
  });

  it("a migration the code has and the database lacks makes it not ready: migrations", async () => {
    const migrations = join(scratch, "migrations");
    await cp(DEFAULT_MIGRATIONS_DIR, migrations, { recursive: true });
    await mkdir(join(migrations, "29991231000000_not_yet_applied"));
    expect(await checkReadiness(db, migrations)).toBe("migrations");
  });

  it("a database that does not answer makes it not ready: database", async () => {
    const unreachable = createDb("postgresql://nobody@127.0.0.1:1/none");
    try {
      expect(await checkReadiness(unreachable)).toBe("database");
    } finally {
      await unreachable.$disconnect();
    }
  });
});
