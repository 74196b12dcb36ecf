/** A connection string fit for a log line: host, port and database, never the user's password. */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `PostgreSQL at ${parsed.hostname}:${parsed.port || "5432"}${parsed.pathname}`;
  } catch {
    return "PostgreSQL (unparsable DATABASE_URL)";
  }
}
