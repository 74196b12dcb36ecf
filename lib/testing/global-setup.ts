import type { TestProject } from "vitest/node";
import { createFreshDatabase } from "../db/fresh-database";
import { applyMigrations } from "../db/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/** One fresh, migrated database per test run; each test then makes its own uniquely named rows. */
export default async function setup(project: TestProject) {
  const database = await createFreshDatabase("test");
  await applyMigrations(database.url);
  project.provide("databaseUrl", database.url);
  return () => database.drop();
}
