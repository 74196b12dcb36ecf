import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { createFreshDatabase } from "../db/fresh-database";
import { applyMigrations } from "../migrations/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    signingKeyDir: string;
  }
}

/**
 * One fresh, migrated database per test run; each test then makes its own uniquely named rows.
 * The run signs with a key of its own in a temporary directory, never the machine's real key.
 */
export default async function setup(project: TestProject) {
  const database = await createFreshDatabase("test");
  await applyMigrations(database.url);
  const signingKeyDir = mkdtempSync(join(tmpdir(), "zhusan-test-signing-"));
  project.provide("databaseUrl", database.url);
  project.provide("signingKeyDir", signingKeyDir);
  return async () => {
    await database.drop();
    rmSync(signingKeyDir, { recursive: true, force: true });
  };
}
