import { createHash } from "node:crypto";
import type { Pool, PoolClient } from "pg";
import { getPool, type Tx } from "./client";
import { Prisma } from "./generated/client";

/**
 * A transaction as code shared by both kinds of write sees it: SQL text with numbered
 * parameters, rows back. The ORM's interactive transaction costs about a fifth of a millisecond
 * of CPU per statement on top of the driver's, which is most of a short write's time
 * (docs/decisions/033); the busiest writes therefore run on the driver, and what they share with
 * the rest (the case guard, the audit record) is written once against this.
 *
 * Rows come back as the driver decodes them, which the ORM's raw queries match for the types
 * shared code reads, in the UTC sessions every pool opens (lib/db/client.ts): text, uuid, int4,
 * enums, timestamptz, jsonb, text[]. A `date` column is not among them (the driver reads it at
 * local midnight), nor `bigint` (a string); code on the driver reads a day as `::text` and a
 * count as `::int`.
 */
export type Sql = { rows: <Row>(text: string, values?: readonly unknown[]) => Promise<Row[]> };

/** A transaction on the driver: what `inDriverTransaction` hands its work. */
export class DriverTx implements Sql {
  constructor(private readonly client: PoolClient) {}

  rows<Row>(text: string, values: readonly unknown[] = []): Promise<Row[]> {
    return driverRows(this.client, text, values);
  }
}

/**
 * The driver sends the app's statements as named (prepared) ones. PostgreSQL parses a named
 * statement once per connection, and after five runs may keep one plan for all values when that
 * plan is no costlier than those made for each run's. An unnamed statement is parsed and planned
 * again on every run. On the small reads every page makes, that was much of their time: the review
 * queue's statement took 1.4-1.7 ms unnamed and 1.2 ms named; the case page's read of its person
 * spends 0.5 ms planning and 0.35 ms running.
 * The app's texts are few, since values are always bound. But the registry's filter combinations
 * could make many, and each prepared statement costs memory on every connection of the server.
 * So only the first PREPARED_LIMIT distinct texts are named; any text after them goes unnamed.
 */
export const PREPARED_LIMIT = 256;
const preparedNames = new Map<string, string>();

function statementName(text: string): string | undefined {
  let name = preparedNames.get(text);
  if (name === undefined && preparedNames.size < PREPARED_LIMIT) {
    name = `z_${createHash("sha256").update(text).digest("hex").slice(0, 32)}`;
    preparedNames.set(text, name);
  }
  return name;
}

/**
 * Whether an error says a named statement of the connection no longer serves: a migration changed
 * the type of a column it returns (0A000, "cached plan must not change result type"), or the
 * server no longer has it (26000). The driver still lists it as prepared and would fail each
 * time, so the connection is dropped. The pool drops a connection after any error of a statement
 * run on it; a transaction's connection is dropped here.
 */
function preparedStatementGone(error: unknown): boolean {
  const code = error instanceof Error && "code" in error ? error.code : undefined;
  return code === "0A000" || code === "26000";
}

/** A statement as the driver is given it: named while under the limit (above). */
export function preparedQuery(
  text: string,
  values: readonly unknown[] = [],
): { name: string | undefined; text: string; values: unknown[] } {
  return { name: statementName(text), text, values: [...values] };
}

async function driverRows<Row>(on: Pool | PoolClient, text: string, values: readonly unknown[]): Promise<Row[]> {
  return (await on.query(preparedQuery(text, values))).rows as Row[];
}

/**
 * The rows of a statement sent unnamed, on the pool: parsed and planned for its values on every
 * run, never served by a plan kept for all values (docs/decisions/035). For the few statements
 * whose best plan depends on their values: the notes and history pages of a case, where a plan
 * kept after short cases' runs made a long case's history page 4.3 ms instead of 1.9.
 */
export async function rowsPlannedEachRun<Row>(text: string, values: readonly unknown[] = []): Promise<Row[]> {
  return (await getPool().query({ text, values: [...values] })).rows as Row[];
}

/**
 * `LIMIT rows` for a page size the code fixes, written into the statement's text rather than
 * bound. With the limit bound PostgreSQL cannot tell the page is small, estimates a plan kept for
 * all values at several times one made for each run, and so plans the page on every run
 * (docs/decisions/035, "Later"). For the code's own constants only, never a number from a request.
 */
export function fixedLimit(rows: number): Prisma.Sql {
  if (!Number.isSafeInteger(rows) || rows < 1) throw new Error(`not a page size: ${rows}`);
  return Prisma.raw(`LIMIT ${rows}`);
}

/** Either kind of transaction; code that takes one runs its statements through `sqlOf`. */
export type AnyTx = Tx | DriverTx;

/** The statements of `tx`; with none, of the pool: each statement on its own, no transaction around them. */
export function sqlOf(tx?: AnyTx): Sql {
  if (tx === undefined) return { rows: (text, values = []) => driverRows(getPool(), text, values) };
  if (tx instanceof DriverTx) return tx;
  return { rows: <Row>(text: string, values: readonly unknown[] = []) => tx.$queryRawUnsafe<Row[]>(text, ...values) };
}

/**
 * The rows of a statement composed with `Prisma.sql` (its values numbered parameters, the policy's
 * scope one of its fragments): inside `tx`, or on the driver straight on the pool, one round trip
 * with no transaction around it.
 */
export function queryRows<Row>(statement: Prisma.Sql, tx?: AnyTx): Promise<Row[]> {
  return sqlOf(tx).rows<Row>(statement.text, statement.values);
}

/** A setting's stored value (parsed JSON), or undefined while none is saved; read in `tx`, or on the pool. */
export async function settingValue(tx: AnyTx | undefined, key: string): Promise<unknown> {
  return (await settingValues(tx, [key])).get(key);
}

/** Several settings' stored values in one read, by key; a key with none saved is absent. */
export async function settingValues(tx: AnyTx | undefined, keys: readonly string[]): Promise<Map<string, unknown>> {
  const rows = await sqlOf(tx).rows<{ key: string; value: unknown }>("SELECT key, value FROM setting WHERE key = ANY($1::text[])", [keys]);
  return new Map(rows.map((row) => [row.key, row.value]));
}

/**
 * Runs `work` in one read-committed transaction on a connection of the app's pool (the one the
 * ORM uses too), committing what it wrote when it returns and rolling all of it back when it throws.
 */
export async function inDriverTransaction<T>(work: (tx: DriverTx) => Promise<T>): Promise<T> {
  const client = await getPool().connect();
  let broken = false;
  // The pool stops listening to a connection it hands out: a connection the server drops in the
  // middle (a restart, a terminated backend) is heard here, fails the work, and is not reused.
  const dropped = () => {
    broken = true;
  };
  client.on("error", dropped);
  try {
    await client.query("BEGIN");
    const result = await work(new DriverTx(client));
    await client.query("COMMIT");
    return result;
  } catch (error) {
    // A connection that cannot even roll back is not handed to the next request, nor one whose
    // named statements no longer match the server's (below).
    if (preparedStatementGone(error)) broken = true;
    await client.query("ROLLBACK").catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    client.removeListener("error", dropped);
    client.release(broken);
  }
}
