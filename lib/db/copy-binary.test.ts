import { to as copyTo } from "pg-copy-streams";
import { describe, expect, it } from "vitest";
import { getPool } from "./client";
import { binaryCopyRows, type CopyFields } from "./copy-binary";

// Every kind of value the decoder reads, with the awkward ones: NULLs, Cyrillic and a surrogate
// pair, a tab and a newline, negative and extreme integers, instants before 2000 and at a
// millisecond, jsonb whose text the driver would parse the same way.
const VALUES = `(VALUES
  (1, 'Айгерим 😀', '2019-05-07T10:11:12.345Z'::timestamptz, '{"b": [1, 2.5, "x"], "a": null, "1": true}'::jsonb),
  (-2147483648, E'tab\\there\\nnewline', '1969-12-31T23:59:59.999Z'::timestamptz, 'null'::jsonb),
  (2147483647, '', '2000-01-01T00:00:00.000Z'::timestamptz, '"строка"'::jsonb),
  (0, NULL, '2097-01-01T00:00:00.001Z'::timestamptz, NULL)
) AS v(number, label, at, doc)`;
const STATEMENT = `SELECT number, label, at, doc FROM ${VALUES} ORDER BY number`;

type Row = { number: number; label: string | null; at: Date; doc: unknown };
const decode = (fields: CopyFields): Row => ({
  number: fields.int4(0),
  label: fields.text(1),
  at: fields.timestamptz(2),
  doc: fields.jsonb(3),
});

async function binaryCopyOf(statement: string): Promise<Buffer> {
  const client = await getPool().connect();
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of client.query(copyTo(`COPY (${statement}) TO STDOUT (FORMAT binary)`))) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  } finally {
    client.release();
  }
}

function decodeInPieces(bytes: Buffer, pieceLengths: (at: number) => number): Row[] {
  const rows = binaryCopyRows(4, decode);
  const decoded: Row[] = [];
  for (let at = 0; at < bytes.length;) {
    const length = pieceLengths(at);
    decoded.push(...rows.push(bytes.subarray(at, at + length)));
    at += length;
  }
  rows.end();
  return decoded;
}

describe("reading PostgreSQL's binary COPY", () => {
  it("decodes every row as the driver reads the same statement, however the stream is cut into chunks", async () => {
    const bytes = await binaryCopyOf(STATEMENT);
    const expected = (await getPool().query<Row>(STATEMENT)).rows;
    expect(expected).toHaveLength(4);
    expect(decodeInPieces(bytes, () => bytes.length)).toEqual(expected);
    // One byte at a time cuts every length, every field and the header somewhere.
    expect(decodeInPieces(bytes, () => 1)).toEqual(expected);
    for (const piece of [2, 3, 7, 13, 64]) expect(decodeInPieces(bytes, () => piece)).toEqual(expected);
  });

  it("refuses a stream that stops inside a row, one with another row shape, and data after its end", async () => {
    const bytes = await binaryCopyOf(STATEMENT);
    const truncated = binaryCopyRows(4, decode);
    truncated.push(bytes.subarray(0, bytes.length - 20));
    expect(() => truncated.end()).toThrow("ended inside a row");

    expect(() => binaryCopyRows(5, decode).push(bytes)).toThrow("4 fields where 5 were expected");

    const finished = binaryCopyRows(4, decode);
    finished.push(bytes);
    expect(() => finished.push(Buffer.from([0, 1]))).toThrow("after the end");

    expect(() => binaryCopyRows(4, decode).push(Buffer.from("number\tlabel\n1\tx\n000000000000000"))).toThrow("not a binary COPY stream");
  });

  it("refuses to read a NULL as a number or an instant rather than invent one", async () => {
    const bytes = await binaryCopyOf("SELECT NULL::int, NULL::text, NULL::timestamptz, NULL::jsonb");
    const fields: string[] = [];
    binaryCopyRows(4, (row) => {
      fields.push(String(row.text(1)), JSON.stringify(row.jsonb(3)));
      expect(() => row.int4(0)).toThrow("NULL");
      expect(() => row.timestamptz(2)).toThrow("NULL");
      return null;
    }).push(bytes);
    expect(fields).toEqual(["null", "null"]);
  });
});
