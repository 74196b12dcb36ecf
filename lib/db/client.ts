import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/client";

export type { Prisma } from "./generated/client";
export type Db = PrismaClient;
/** The client handed to code that runs inside `db.$transaction(async (tx) => ...)`. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

export function createDb(connectionString: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
}

// One pool and one client per process; kept on globalThis so that Next's dev reloads do not open a new pool each time.
const holder = globalThis as unknown as { zhusanDb?: PrismaClient; zhusanPool?: pg.Pool };

/** The app's database: DATABASE_URL, which scripts/start.ts sets when the embedded server is used. */
export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start the app with `npm start`, which provides it.");
  return url;
}

/**
 * The process-wide pool of connections to DATABASE_URL, which the ORM's client and the writes
 * that run on the driver (lib/db/sql.ts) share, so that the app holds one pool's connections
 * whichever way it writes. Idle connections do not keep a command's process alive.
 */
export function getPool(): pg.Pool {
  if (!holder.zhusanPool) {
    holder.zhusanPool = new pg.Pool({ connectionString: databaseUrl(), allowExitOnIdle: true });
    // An idle connection the server dropped (a restart) leaves the pool, and the next request opens
    // a new one; unheard, the pool's error would end the process.
    holder.zhusanPool.on("error", () => undefined);
  }
  return holder.zhusanPool;
}

/** The process-wide client for DATABASE_URL, on the shared pool. */
export function getDb(): PrismaClient {
  holder.zhusanDb ??= new PrismaClient({ adapter: new PrismaPg(getPool()) });
  return holder.zhusanDb;
}
