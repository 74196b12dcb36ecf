import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import { createServer } from "node:net";
import pg from "pg";
import { startEmbeddedPostgres } from "./embedded";

export type FreshDatabase = { url: string; drop: () => Promise<void> };

/** A TCP port free on this machine now, for a server started next. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolvePort(address.port) : reject(new Error("no port"))));
    });
  });
}

/**
 * An empty database for one test run, so runs never see each other's rows: a new database on
 * the server TEST_DATABASE_URL names, or else a throwaway embedded server under .data/.
 */
export async function createFreshDatabase(label: string): Promise<FreshDatabase> {
  const name = `zhusan_${label}_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      drop: async () => {
        const client = new pg.Client({ connectionString: serverUrl });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await client.end();
      },
    };
  }
  const dataDir = `.data/${name}`;
  const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: "zhusan" });
  return {
    url: server.url,
    drop: async () => {
      await server.stop();
      await rm(server.dataDir, { recursive: true, force: true });
      await rm(`${server.dataDir}.password`, { force: true });
    },
  };
}
