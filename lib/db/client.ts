import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";

export type { Prisma } from "./generated/client";
export type Db = PrismaClient;
/** The client handed to code that runs inside `db.$transaction(async (tx) => ...)`. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

export function createDb(connectionString: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
}

// One client per process; kept on globalThis so that Next's dev reloads do not open a new pool each time.
const holder = globalThis as unknown as { zhusanDb?: PrismaClient };

/** The app's database: DATABASE_URL, which scripts/start.ts sets when the embedded server is used. */
export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start the app with `npm start`, which provides it.");
  return url;
}

/** The process-wide client for DATABASE_URL. */
export function getDb(): PrismaClient {
  holder.zhusanDb ??= createDb(databaseUrl());
  return holder.zhusanDb;
}
