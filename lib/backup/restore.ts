import { createHash } from "node:crypto";
import { once } from "node:events";
import { finished } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom, type CopyStreamQuery } from "pg-copy-streams";
import type { VerificationResult } from "../audit/verify-chain";
import { verifyDatabase } from "../audit/verify-database";
import { BACKUP_TABLES, BackupRefused, COPY_SESSION, checkBackup, readBackup, type BackupHeader, type BackupTable } from "./backup-format";
import { tableColumns } from "./backup";
import { createDb } from "../db/client";
import { applyMigrations, listMigrationNames, readMigrationSql } from "../migrations/migrate";

export type RestoreSummary = { migrations: string[]; tables: { name: BackupTable; rows: number }[]; verification: VerificationResult };

/** The first application table holding a row, or null when there is none (or no table yet). */
async function firstTableWithRows(client: pg.ClientBase): Promise<string | null> {
  for (const table of BACKUP_TABLES) {
    const exists = await client.query<{ found: string | null }>("SELECT to_regclass($1)::text AS found", [client.escapeIdentifier(table)]);
    if (!exists.rows[0]?.found) continue;
    const { rows } = await client.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${client.escapeIdentifier(table)}) AS any`);
    if (rows[0]?.any) return table;
  }
  return null;
}

/** The recorded migrations must be this checkout's, byte for byte, or the rebuilt schema would differ from the one backed up. */
async function checkMigrations(header: BackupHeader): Promise<void> {
  const known = new Set(await listMigrationNames());
  for (const migration of header.migrations) {
    if (!known.has(migration.name))
      throw new BackupRefused(
        `restore refused: the backup was taken at migration ${migration.name}, which this version of the app does not have`,
      );
    const checksum = createHash("sha256")
      .update(await readMigrationSql(migration.name))
      .digest("hex");
    if (checksum !== migration.checksum)
      throw new BackupRefused(`restore refused: migration ${migration.name} differs from the one the backup was taken at (checksum)`);
  }
}

async function checkSchema(client: pg.ClientBase, header: BackupHeader): Promise<void> {
  const applied = (
    await client.query<{ migration_name: string }>(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name",
    )
  ).rows.map((row) => row.migration_name);
  const recorded = header.migrations.map((m) => m.name).sort();
  if (applied.join(",") !== recorded.join(","))
    throw new BackupRefused(
      `restore refused: the target database is at migrations ${applied.join(", ") || "(none)"}, the backup at ${recorded.join(", ")}; restore into a new, empty database`,
    );
  for (const table of header.tables) {
    const columns = await tableColumns(client, table.name);
    if ([...columns].sort().join(",") !== [...table.columns].sort().join(","))
      throw new BackupRefused(`restore refused: the columns of ${table.name} differ from the backup's`);
  }
}

/** Serial and identity columns continue after the highest id loaded, or the app's next insert would collide. */
async function resetSequences(client: pg.ClientBase): Promise<void> {
  for (const table of BACKUP_TABLES) {
    for (const column of await tableColumns(client, table)) {
      const { rows } = await client.query<{ sequence: string | null }>("SELECT pg_get_serial_sequence($1, $2) AS sequence", [
        client.escapeIdentifier(table),
        column,
      ]);
      const sequence = rows[0]?.sequence;
      if (!sequence) continue;
      // Names from BACKUP_TABLES and the catalog, quoted; the sequence is a bound parameter.
      const max = `(SELECT max(${client.escapeIdentifier(column)}) FROM ${client.escapeIdentifier(table)})`;
      await client.query(`SELECT setval($1::regclass, COALESCE(${max}, 1), ${max} IS NOT NULL)`, [sequence]);
    }
  }
}

/**
 * One table's COPY ... FROM STDIN. pg-copy-streams reports the server's refusal of a row as a bare
 * 'error' event, leaving the stream open, and a later write would fail obscurely: the refusal is
 * kept here and rethrown at the next write or at the end.
 */
class TableCopy {
  private refusal: Error | null = null;

  constructor(private readonly stream: CopyStreamQuery) {
    stream.on("error", (error: Error) => (this.refusal = error));
  }

  async write(line: Buffer): Promise<void> {
    if (this.refusal) throw this.refusal;
    if (!this.stream.write(line)) await once(this.stream, "drain");
  }

  async end(): Promise<void> {
    if (this.refusal) throw this.refusal;
    this.stream.end();
    await finished(this.stream);
  }

  /** A COPY left open would hold the connection, and the ROLLBACK queued behind it, for ever. */
  async abort(error: Error): Promise<void> {
    if (this.refusal || this.stream.destroyed || this.stream.writableFinished) return;
    this.stream.destroy(error);
    await finished(this.stream).catch(() => undefined);
  }
}

/** Streams every table's rows into COPY; the caller's transaction holds them until the checksum is confirmed. */
async function loadTables(client: pg.ClientBase, file: string, header: BackupHeader): Promise<void> {
  let copy: TableCopy | null = null;
  let loading: BackupTable | null = null;
  try {
    for await (const part of readBackup(file)) {
      if (!("kind" in part)) continue;
      if (part.table !== loading) {
        await copy?.end();
        loading = part.table;
        const table = header.tables.find((t) => t.name === part.table)!;
        // Names from BACKUP_TABLES, columns checked equal to the catalog's (checkSchema).
        const columns = table.columns.map((column) => client.escapeIdentifier(column)).join(", ");
        copy = new TableCopy(client.query(copyFrom(`COPY ${client.escapeIdentifier(table.name)} (${columns}) FROM STDIN`)));
      }
      for (const line of part.lines) await copy!.write(line);
    }
    await copy?.end();
  } catch (error) {
    await copy?.abort(error as Error);
    throw error;
  }
}

/**
 * Restores a backup into the empty database at `url`. The whole file is checked first (its
 * SHA-256 included), so a damaged file is refused before anything is written; then the recorded
 * migrations, and only those, are applied, and every table is loaded by COPY in one transaction,
 * which the file's checksum, read again to the end, must confirm before COMMIT. The hash chains
 * are verified afterwards; a broken chain is reported, never repaired: the restore is faithful.
 */
export async function restoreBackup(url: string, file: string): Promise<RestoreSummary> {
  const header = await checkBackup(file);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(COPY_SESSION);
    const occupied = await firstTableWithRows(client);
    if (occupied)
      throw new BackupRefused(
        `restore refused: the target database is not empty (table ${occupied} has rows); restore only into an empty database`,
      );
    await checkMigrations(header);
    await applyMigrations(url, { only: header.migrations.map((m) => m.name) });
    await checkSchema(client, header);

    await client.query("BEGIN");
    try {
      // Checked again inside the transaction: someone may have written between the check and now.
      const late = await firstTableWithRows(client);
      if (late)
        throw new BackupRefused(
          `restore refused: the target database is not empty (table ${late} has rows); restore only into an empty database`,
        );
      await loadTables(client, file, header);
      await resetSequences(client);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    }
  } finally {
    await client.end();
  }

  const db = createDb(url);
  try {
    return {
      migrations: header.migrations.map((m) => m.name),
      tables: header.tables.map((t) => ({ name: t.name, rows: t.rows })),
      verification: await verifyDatabase(db),
    };
  } finally {
    await db.$disconnect();
  }
}
