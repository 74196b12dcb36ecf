import { inject } from "vitest";

// lib/db/client.ts reads DATABASE_URL; every test worker points it at this run's fresh database.
process.env.DATABASE_URL = inject("databaseUrl");
