import { defineConfig } from "prisma/config";

// The datasource URL lives here in Prisma 7. The CLI is used only for `generate` (migrations run
// through lib/migrations/migrate.ts), so a missing DATABASE_URL must not stop it.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://unused@127.0.0.1:1/unused" },
});
