import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { binaryCopyRows, type CopyFields } from "./copy-binary";
import { databaseUrl, type Tx } from "./client";

/**
 * A second connection that sees exactly what an open repeatable-read transaction sees, for
 * reading many rows fast: streamed by COPY in its binary form and decoded from its bytes, without
 * the ORM's per-row mapping or the driver's per-row messages. The transaction that opened it must
 * stay open until `close`, since PostgreSQL lets a snapshot be shared only while its owner lives.
 */
export type SnapshotReader = {
  /**
   * The rows of `text`, streamed by PostgreSQL's binary COPY and decoded by `decode` from their
   * `fieldCount` fields, handed out as they arrive (no page is empty). Stopping early reads the
   * rest of the stream unused, which leaves the connection ready for its next statement.
   */
  copyPages: <Row>(text: string, values: unknown[], fieldCount: number, decode: (fields: CopyFields) => Row) => AsyncGenerator<Row[]>;
  close: () => Promise<void>;
};

/**
 * COPY takes no bind parameters. So each value is first set, through a bound parameter, as a
 * setting local to the transaction, and `$n` in the statement reads the n-th one back: no value
 * is ever spliced into SQL, whatever it holds.
 */
function withSettings(text: string, count: number): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    if (Number(n) < 1 || Number(n) > count) throw new Error(`$${n} has no value among ${count}`);
    return `current_setting('zhusan.copy_value_${n}')`;
  });
}

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
  return {
    async *copyPages<Row>(text: string, values: unknown[], fieldCount: number, decode: (fields: CopyFields) => Row): AsyncGenerator<Row[]> {
      const statement = withSettings(text, values.length);
      for (const [index, value] of values.entries())
        await client.query(`SELECT set_config('zhusan.copy_value_${index + 1}', $1::text, true)`, [value]);
      const rows = binaryCopyRows(fieldCount, decode);
      const chunks = client.query(copyTo(`COPY (${statement}) TO STDOUT (FORMAT binary)`))[Symbol.asyncIterator]();
      // Whether the stream may still hold data: not once it ended, nor once it failed.
      let flowing = true;
      const next = async () => {
        try {
          const chunk = await chunks.next();
          flowing = !chunk.done;
          return chunk;
        } catch (error) {
          flowing = false;
          throw error;
        }
      };
      try {
        for (let chunk = await next(); !chunk.done; chunk = await next()) {
          const page = rows.push(chunk.value as Buffer);
          if (page.length > 0) yield page;
        }
        rows.end();
      } finally {
        // The driver serves nothing else until the COPY is over, and it cannot be abandoned midway.
        while (flowing) await next();
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
