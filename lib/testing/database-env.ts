import { inject } from "vitest";

// lib/db/client.ts reads DATABASE_URL; every test worker points it at this run's fresh database.
process.env.DATABASE_URL = inject("databaseUrl");
// Code that seals secrets with NEXTAUTH_SECRET needs one; a fixed value is enough for tests, as
// nothing it protects outlives the run's throwaway database.
process.env.NEXTAUTH_SECRET ??= "test-only-secret-for-the-throwaway-test-database";
// Exports sign their manifests; the run's own throwaway key (lib/testing/global-setup.ts).
process.env.SIGNING_KEY_DIR = inject("signingKeyDir");
