import { createHash } from "node:crypto";
import { createWriteStream, existsSync } from "node:fs";
import { link, rm } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import {
  BACKUP_FORMAT,
  BACKUP_TABLES,
  COPY_SESSION,
  DERIVED_TABLES,
  BACKUP_VERSION,
  type BackupHeader,
  type BackupTable,
} from "./backup-format";
import { ConfigError } from "../db/config-error";

export type BackupSummary = { file: string; migrations: string[]; tables: { name: BackupTable; rows: number }[]; sha256: string };

/** The columns of one table in the order the database keeps them, which COPY names explicitly. */
export async function tableColumns(client: pg.ClientBase, table: BackupTable): Promise<string[]> {
  const { rows } = await client.query<{ column_name: string }>(
    "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
    [table],
  );
  return rows.map((row) => row.column_name);
}

/** Application tables in the database that BACKUP_TABLES leaves out and are not derived: a backup would silently miss their rows. */
export async function unlistedTables(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' AND NOT (table_name = ANY($1::text[])) ORDER BY table_name",
    [[...BACKUP_TABLES, ...DERIVED_TABLES]],
  );
  return rows.map((row) => row.table_name);
}

async function* backupLines(client: pg.ClientBase, header: BackupHeader, sealed: (sha256: string) => void): AsyncGenerator<Buffer> {
  const digest = createHash("sha256");
  const emit = (bytes: Buffer): Buffer => {
    digest.update(bytes);
    return bytes;
  };
  yield emit(Buffer.from(`${JSON.stringify(header)}\n`));
  for (const table of header.tables) {
    yield emit(Buffer.from(`table ${table.name} ${table.rows}\n`));
    const columns = table.columns.map((column) => client.escapeIdentifier(column)).join(", ");
    // Table and column names come from BACKUP_TABLES and the catalog, never from input.
    const copy = client.query(copyTo(`COPY ${client.escapeIdentifier(table.name)} (${columns}) TO STDOUT`));
    let rows = 0;
    for await (const chunk of copy as AsyncIterable<Buffer>) {
      for (let at = chunk.indexOf(0x0a); at !== -1; at = chunk.indexOf(0x0a, at + 1)) rows++;
      yield emit(chunk);
    }
    // COPY's text format escapes line feeds inside values, so each row ends in exactly one.
    if (rows !== table.rows) throw new Error(`${table.name}: ${rows} rows copied where the snapshot counted ${table.rows}`);
  }
  const sha256 = digest.digest("hex");
  sealed(sha256);
  yield Buffer.from(`sha256 ${sha256}\n`);
}

/**
 * Writes a backup of the database at `url` to `file` (docs/backup-format.md). Every count and
 * every row is read in one REPEATABLE READ, READ ONLY transaction, so the file is one snapshot
 * even while the app keeps writing; rows stream from COPY through gzip to disk, so memory stays
 * flat however large a table is. The file holds personal data: it is created owner-only, under a
 * temporary name given its own only once complete, and an existing file is never overwritten.
 */
export async function writeBackup(url: string, file: string): Promise<BackupSummary> {
  if (existsSync(file)) throw new ConfigError(`backup refused: ${file} already exists; choose a new name`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const partial = `${file}.partial`;
  try {
    await client.query(COPY_SESSION);
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const migrated = (await client.query<{ found: string | null }>("SELECT to_regclass('_prisma_migrations')::text AS found")).rows[0]
      ?.found;
    if (!migrated) throw new ConfigError("backup refused: the database has no migrations applied, so nothing of the app's to back up");
    const unlisted = await unlistedTables(client);
    if (unlisted.length)
      throw new ConfigError(
        `backup refused: table(s) ${unlisted.join(", ")} are not in BACKUP_TABLES (lib/backup/backup-format.ts); their rows would be missing`,
      );
    const migrations = (
      await client.query<{ migration_name: string; checksum: string }>(
        "SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name",
      )
    ).rows.map((row) => ({ name: row.migration_name, checksum: row.checksum }));
    const tables: BackupHeader["tables"] = [];
    for (const name of BACKUP_TABLES) {
      const columns = await tableColumns(client, name);
      if (!columns.length) throw new ConfigError(`backup refused: table ${name} is missing; run npm run db:migrate first`);
      const { rows } = await client.query<{ rows: string }>(`SELECT count(*)::text AS rows FROM ${client.escapeIdentifier(name)}`);
      tables.push({ name, columns, rows: Number(rows[0]!.rows) });
    }
    const version = (await client.query<{ server_version: string }>("SHOW server_version")).rows[0]!.server_version;
    const header: BackupHeader = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: new Date().toISOString(),
      server: `PostgreSQL ${version}`,
      migrations,
      tables,
    };
    let sha256 = "";
    await pipeline(
      Readable.from(backupLines(client, header, (hex) => (sha256 = hex))),
      createGzip(),
      createWriteStream(partial, { flags: "wx", mode: 0o600 }),
    );
    await client.query("COMMIT");
    // A link, unlike a rename, fails when the name is taken: an earlier backup is never replaced.
    await link(partial, file).catch((error: NodeJS.ErrnoException) => {
      throw error.code === "EEXIST" ? new ConfigError(`backup refused: ${file} already exists; choose a new name`) : error;
    });
    return { file, migrations: migrations.map((m) => m.name), tables: tables.map((t) => ({ name: t.name, rows: t.rows })), sha256 };
  } finally {
    await rm(partial, { force: true });
    await client.end();
  }
}
