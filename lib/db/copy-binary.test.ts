import { to as copyTo } from "pg-copy-streams";
import { describe, expect, it, vi } from "vitest";
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

  it("reads past a header extension, and refuses flags it does not know", async () => {
    const bytes = await binaryCopyOf(STATEMENT);
    const expected = decodeInPieces(bytes, () => bytes.length);
    // The header is the signature (11 bytes), the flags (4) and the extension's length (4), which
    // PostgreSQL sends as 0: the same stream with a five-byte extension reads the same.
    const extended = Buffer.concat([bytes.subarray(0, 15), Buffer.from([0, 0, 0, 5, 1, 2, 3, 4, 5]), bytes.subarray(19)]);
    for (const piece of [1, 3, 16, 22]) expect(decodeInPieces(extended, () => piece)).toEqual(expected);
    const flagged = Buffer.from(bytes);
    flagged.writeUInt32BE(1 << 16, 11);
    expect(() => binaryCopyRows(4, decode).push(flagged)).toThrow("flags");
  });

  it("refuses a number or an instant whose size is not its type's", async () => {
    const bytes = await binaryCopyOf("SELECT 7::int8, 'x'::text, now()::date, NULL::jsonb");
    binaryCopyRows(4, (row) => {
      expect(() => row.int4(0)).toThrow("8 bytes where 4 were expected");
      expect(() => row.timestamptz(2)).toThrow("4 bytes where 8 were expected");
      return null;
    }).push(bytes);
  });

  it("reads a row many chunks long without joining its bytes again for each chunk", async () => {
    const bytes = await binaryCopyOf(`SELECT 1, repeat('я', 2000000), now(), '{"a": 1}'::jsonb`);
    const joined = vi.spyOn(Buffer, "concat");
    try {
      const [row] = decodeInPieces(bytes, () => 64 * 1024);
      expect(row?.label).toHaveLength(2000000);
      expect(row?.doc).toEqual({ a: 1 });
      // About 4 MB in 64 KB chunks: joined once when the row is whole, and once for the trailer.
      expect(joined.mock.calls.length).toBeLessThanOrEqual(3);
    } finally {
      joined.mockRestore();
    }
  });
});
