import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/client";

export type { Prisma } from "./generated/client";
export type Db = PrismaClient;
/** The client handed to code that runs inside `db.$transaction(async (tx) => ...)`. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/**
 * Every session speaks UTC and ISO dates, whatever the server's defaults (an embedded server takes
 * the host's time zone): the ORM's driver adapter writes and reads timestamps as UTC wall time, and
 * code on the driver reads days as `::text` (docs/decisions/033); both are right only in such a
 * session. PostgreSQL decides when a named statement keeps one plan for all values; the few
 * statements that a kept plan served badly are sent unnamed (`rowsPlannedEachRun`, lib/db/sql.ts,
 * docs/decisions/035). Options the address already carries come first and are kept.
 */
const SESSION_OPTIONS = "-c TimeZone=UTC -c DateStyle=ISO";

/**
 * A pool of connections to `connectionString` (at most `max`, the driver's ten by default). Idle
 * connections do not keep a command's process alive, and a request waits at most ten seconds for
 * a connection rather than for ever.
 */
export function createPool(connectionString: string, max?: number): pg.Pool {
  const fromAddress = new URL(connectionString).searchParams.get("options");
  const pool = new pg.Pool({
    connectionString,
    ...(max === undefined ? {} : { max }),
    options: [fromAddress, SESSION_OPTIONS].filter(Boolean).join(" "),
    allowExitOnIdle: true,
    connectionTimeoutMillis: 10_000,
  });
  // An idle connection the server dropped (a restart) leaves the pool, and the next request opens
  // a new one; unheard, the pool's error would end the process.
  pool.on("error", () => undefined);
  return pool;
}

/** A client of its own (a command, a test's second database), on a pool it ends when disconnected. */
export function createDb(connectionString: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg(createPool(connectionString), { disposeExternalPool: true }) });
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
 * The process-wide pool of connections to DATABASE_URL, which the ORM's client and the reads and
 * writes that run on the driver (lib/db/sql.ts) share, so that the app holds one pool's
 * connections whichever way it works.
 */
export function getPool(): pg.Pool {
  holder.zhusanPool ??= createPool(databaseUrl());
  return holder.zhusanPool;
}

/** The process-wide client for DATABASE_URL, on the shared pool. */
export function getDb(): PrismaClient {
  holder.zhusanDb ??= new PrismaClient({ adapter: new PrismaPg(getPool()) });
  return holder.zhusanDb;
}

/**
 * Ends the process-wide client and its pool; the next use opens both again on DATABASE_URL as it
 * is then. For a script that works on several databases in turn: the client's `$disconnect` alone
 * leaves the shared pool, and its connections, on the database before.
 */
export async function closeDatabase(): Promise<void> {
  const { zhusanDb, zhusanPool } = holder;
  delete holder.zhusanDb;
  delete holder.zhusanPool;
  await zhusanDb?.$disconnect();
  await zhusanPool?.end();
}
