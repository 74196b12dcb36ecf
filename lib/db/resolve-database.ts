import pg from "pg";
import { ConfigError } from "./config-error";
import { DEFAULT_EMBEDDED, startEmbeddedPostgres } from "./embedded";
import { describeDatabaseUrl } from "./redact-url";

export type ResolvedDatabase = {
  url: string;
  /** For the start-up log: where the data live, without any password. */
  describe: string;
  embedded: boolean;
  stop: () => Promise<void>;
};

/** Turns the usual ways a connection fails into one line a person can act on. */
function explainConnectionError(error: unknown, described: string): ConfigError {
  const code = (error as { code?: string }).code;
  const reasons: Record<string, string> = {
    ECONNREFUSED: "nothing is listening there",
    ENOTFOUND: "the host name does not resolve",
    ETIMEDOUT: "the connection timed out",
    "28P01": "the password was refused",
    "28000": "the user may not connect",
    "3D000": "the database does not exist",
  };
  return new ConfigError(`cannot connect to ${described} (DATABASE_URL): ${reasons[code ?? ""] ?? (error as Error).message}`);
}

/**
 * DATABASE_URL when it is set, checked with one connection; otherwise the embedded server in
 * .data/, started here and stopped by the returned `stop`.
 */
export async function resolveDatabase(): Promise<ResolvedDatabase> {
  const url = process.env.DATABASE_URL;
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) throw new ConfigError("DATABASE_URL must start with postgresql:// (see .env.example)");
    const describe = `${describeDatabaseUrl(url)} (DATABASE_URL)`;
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
    try {
      await client.connect();
    } catch (error) {
      throw explainConnectionError(error, describeDatabaseUrl(url));
    } finally {
      await client.end().catch(() => undefined);
    }
    return { url, describe, embedded: false, stop: async () => {} };
  }
  const server = await startEmbeddedPostgres(DEFAULT_EMBEDDED);
  return {
    url: server.url,
    describe: `embedded PostgreSQL in ${DEFAULT_EMBEDDED.dataDir} on 127.0.0.1:${server.port}`,
    embedded: true,
    stop: server.stop,
  };
}
