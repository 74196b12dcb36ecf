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
   * `fieldCount` fields, handed out as they arrive (no page is empty). One statement at a time;
   * `$n` is `values[n - 1]`, which may not be NULL. Stopping early reads the rest of the stream
   * unused, which leaves the connection ready for its next statement.
   */
  copyPages: <Row>(text: string, values: unknown[], fieldCount: number, decode: (fields: CopyFields) => Row) => AsyncGenerator<Row[]>;
  /** Ends the reader's transaction and connection, first reading to its end any COPY left paused. */
  close: () => Promise<void>;
};

/**
 * COPY takes no bind parameters. So each value is first set, through a bound parameter, as a
 * setting local to the transaction, and `$n` in the statement reads the n-th one back: no value
 * is ever spliced into SQL, whatever it holds. The statement is always the code's own, so a `$n`
 * never stands inside one of its literals.
 */
function withSettings(text: string, count: number): string {
  return text.replace(/\$(\d+)/g, (_, digits: string) => {
    const n = Number(digits);
    if (n < 1 || n > count) throw new Error(`$${digits} has no value among ${count}`);
    return `current_setting('zhusan.copy_value_${n}')`;
  });
}

// The form pg_export_snapshot() gives (for example 00000003-0000001B-1): checked, because
// SET TRANSACTION SNAPSHOT takes a literal, not a parameter.
const SNAPSHOT_ID = /^[0-9A-F]+(-[0-9A-F]+)+$/i;

export async function openSnapshotReader(tx: Tx, timeoutMs: number): Promise<SnapshotReader> {
  if (!Number.isSafeInteger(timeoutMs) || timeoutMs <= 0)
    throw new Error(`a snapshot reader's timeout must be a positive whole number of ms`);
  const [exported] = await tx.$queryRaw<{ snapshot: string }[]>`SELECT pg_export_snapshot() AS snapshot`;
  const snapshot = exported?.snapshot ?? "";
  if (!SNAPSHOT_ID.test(snapshot)) throw new Error(`unexpected snapshot id from pg_export_snapshot(): ${JSON.stringify(snapshot)}`);
  const client = new pg.Client({ connectionString: databaseUrl() });
  // A connection the server drops (a restart, a terminated backend) fails the statement in
  // progress, or the next one; unheard, the client's error would end the process.
  client.on("error", () => undefined);
  await client.connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    await client.query(`SET TRANSACTION SNAPSHOT '${snapshot}'`);
    // One COPY lasts as long as its rows take to send on, so the server's limit for a statement
    // becomes the export's own bound (checked above to be a whole number).
    await client.query(`SET LOCAL statement_timeout = ${timeoutMs}`);
    // Its reads go through indexes a batch at a time: compiling them cost more than it saved
    // (500 cases of 100 events: 0.27 s a batch with it, 0.15 s without).
    await client.query("SET LOCAL jit = off");
  } catch (error) {
    await client.end();
    throw error;
  }
  let busy = false;
  /** The COPY whose rows may still be arriving: the connection serves nothing else until it ends. */
  let streaming: AsyncIterator<unknown> | null = null;
  const nextChunk = async (chunks: AsyncIterator<unknown>): Promise<IteratorResult<unknown>> => {
    if (streaming !== chunks) return { done: true, value: undefined };
    try {
      const chunk = await chunks.next();
      if (chunk.done) streaming = null;
      return chunk;
    } catch (error) {
      streaming = null;
      throw error;
    }
  };
  // A COPY cannot be abandoned midway: what is left of it is read unused.
  const drain = async () => {
    while (streaming) await nextChunk(streaming);
  };
  return {
    async *copyPages<Row>(text: string, values: unknown[], fieldCount: number, decode: (fields: CopyFields) => Row): AsyncGenerator<Row[]> {
      if (busy) throw new Error("a snapshot reader streams one statement at a time");
      busy = true;
      try {
        const statement = withSettings(text, values.length);
        for (const [index, value] of values.entries()) {
          // A setting holds text: NULL would come back as an empty string.
          if (value === null || value === undefined) throw new Error(`$${index + 1} of a COPY may not be NULL`);
          await client.query(`SELECT set_config('zhusan.copy_value_${index + 1}', $1::text, true)`, [value]);
        }
        const rows = binaryCopyRows(fieldCount, decode);
        const chunks = client.query(copyTo(`COPY (${statement}) TO STDOUT (FORMAT binary)`))[Symbol.asyncIterator]();
        streaming = chunks;
        for (let chunk = await nextChunk(chunks); !chunk.done; chunk = await nextChunk(chunks)) {
          const page = rows.push(chunk.value as Buffer);
          if (page.length > 0) yield page;
        }
        rows.end();
      } finally {
        await drain();
        busy = false;
      }
    },
    close: async () => {
      try {
        // A read left paused by its reader still holds the connection.
        await drain();
        await client.query("COMMIT");
      } finally {
        await client.end();
      }
    },
  };
}
