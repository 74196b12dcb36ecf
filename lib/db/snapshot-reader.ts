import pg from "pg";
import { databaseUrl, type Tx } from "./client";

/**
 * A second connection that sees exactly what an open repeatable-read transaction sees, for
 * reading many rows fast: straight through the driver, a page at a time from a server-side
 * cursor, without the ORM's per-row mapping. The transaction that opened it must stay open
 * until `close`, since PostgreSQL lets a snapshot be shared only while its owner lives.
 */
export type SnapshotReader = {
  /**
   * The rows of `text`, fetched and handed out `pageSize` at a time (the last page may be
   * shorter, and none is empty); stopping early closes the cursor.
   */
  pages: <Row>(text: string, values: unknown[], pageSize: number) => AsyncGenerator<Row[]>;
  close: () => Promise<void>;
};

// The form pg_export_snapshot() gives (for example 00000003-0000001B-1): checked, because
// SET TRANSACTION SNAPSHOT takes a literal, not a parameter.
const SNAPSHOT_ID = /^[0-9A-F]+(-[0-9A-F]+)+$/i;

export async function openSnapshotReader(tx: Tx): Promise<SnapshotReader> {
  const [exported] = await tx.$queryRaw<{ snapshot: string }[]>`SELECT pg_export_snapshot() AS snapshot`;
  const snapshot = exported?.snapshot ?? "";
  if (!SNAPSHOT_ID.test(snapshot)) throw new Error(`unexpected snapshot id from pg_export_snapshot(): ${JSON.stringify(snapshot)}`);
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    await client.query(`SET TRANSACTION SNAPSHOT '${snapshot}'`);
  } catch (error) {
    await client.end();
    throw error;
  }
  let cursors = 0;
  return {
    async *pages<Row>(text: string, values: unknown[], pageSize: number): AsyncGenerator<Row[]> {
      const cursor = `snapshot_rows_${++cursors}`;
      await client.query(`DECLARE ${cursor} NO SCROLL CURSOR FOR ${text}`, values);
      // After a failed statement the transaction accepts no CLOSE; the failure is what must surface.
      let failed = false;
      const fetchPage = () => {
        const page = client.query(`FETCH ${pageSize} FROM ${cursor}`);
        // Awaited below unless the reader stops early; then its failure has no one to tell.
        page.catch(() => undefined);
        return page;
      };
      try {
        // The next page is asked for before this one is handed out, so the database reads it
        // while this one is being written.
        let pending = fetchPage();
        for (;;) {
          const page = await pending;
          const more = page.rows.length === pageSize;
          if (more) pending = fetchPage();
          if (page.rows.length > 0) yield page.rows as Row[];
          if (!more) return;
        }
      } catch (error) {
        failed = true;
        throw error;
      } finally {
        if (!failed) await client.query(`CLOSE ${cursor}`);
      }
    },
    close: async () => {
      try {
        await client.query("COMMIT");
      } finally {
        await client.end();
      }
    },
  };
}
