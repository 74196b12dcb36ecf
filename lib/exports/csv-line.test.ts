import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { to as copyTo } from "pg-copy-streams";
import type { PoolClient } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STORED_EVENT_COPY_COLUMNS, STORED_EVENT_COPY_FIELDS, storedEventOf, toChainedEvent } from "../audit/stored-event";
import { binaryCopyRows } from "../db/copy-binary";
import { getPool } from "../db/client";
import { Role } from "../db/generated/enums";
import { jsonTextAsCsvCell } from "./csv-json-cell";
import { csvLineOfEvent, csvLineOfRow } from "./csv-line";
import { LineBytes } from "./line-bytes";

// Stored events as the export reads them: a table of audit_event's columns, without its
// constraints, so that any value can be stored, read back by binary COPY and written both ways.
let client: PoolClient;
beforeAll(async () => {
  client = await getPool().connect();
  await client.query("CREATE TEMP TABLE probe_event AS SELECT * FROM audit_event WITH NO DATA");
});
afterAll(() => client.release());

type Probe = {
  seq: number;
  label: string | null;
  role: string | null;
  action: string;
  entityId: string | null;
  reason: string | null;
  before: string | null;
  after: string | null;
  context: string | null;
  prevHash: string | null;
};

/** Each stored probe's line both ways: from its row's bytes and from the event rebuilt from them. */
async function linesOf(probes: Probe[]): Promise<{ fromRow: string; fromEvent: string }[]> {
  await client.query("TRUNCATE probe_event");
  for (const [index, p] of probes.entries())
    await client.query(
      `INSERT INTO probe_event (id, chain, seq, prev_hash, hash, occurred_at, actor_id, actor_label, actor_role, action, entity_type, entity_id, person_id, reason, before, after, context)
       VALUES ($1, 'chain', $2, $3, 'hash', '2026-12-05T10:11:12.345Z'::timestamptz + make_interval(secs => $4), NULL, $5, $6::"Role", $7, 'person', $8, NULL, $9, $10::jsonb, $11::jsonb, $12::jsonb)`,
      [randomUUID(), p.seq, p.prevHash, index, p.label, p.role, p.action, p.entityId, p.reason, p.before, p.after, p.context],
    );
  const rows = binaryCopyRows(STORED_EVENT_COPY_FIELDS, (fields) => ({
    fromRow: csvLineOfRow(fields, 0).toString("utf8"),
    fromEvent: csvLineOfEvent(toChainedEvent(storedEventOf(fields, 0))),
  }));
  const lines: { fromRow: string; fromEvent: string }[] = [];
  const copy = `COPY (SELECT ${STORED_EVENT_COPY_COLUMNS} FROM probe_event e ORDER BY e.occurred_at) TO STDOUT (FORMAT binary)`;
  for await (const chunk of client.query(copyTo(copy))) lines.push(...rows.push(chunk as Buffer));
  rows.end();
  return lines;
}

/**
 * The cells a spreadsheet that splits lines at semicolons would run: those that start with a
 * formula character, after any quotes that would open them. There the comma file's quotes are
 * ordinary characters, so its line breaks end rows too.
 */
const cellsStartingAFormula = (line: string) =>
  line
    .split(/[;\r\n]/)
    .slice(1)
    .filter((cell) => /^"*[=+\-@\t]/.test(cell));

// jsonb stores no NUL character; everything else goes.
const storable = (text: string) => text.replace(/\0/g, "");
const TEXT = fc.oneof(
  fc.constantFrom(
    "",
    "=SUM(A1)",
    "+7 701",
    "-",
    "@here",
    "\tTab",
    "\rCR",
    'a "quoted" word',
    "a, b",
    "x;=1+1",
    "line\r\nend",
    "x\n=1+1;z",
    "Ерлан ұлы 😀",
  ),
  fc.string({ unit: "binary", maxLength: 40 }).map(storable),
);
/** JSON of every shape, and the ones whose text JSON.stringify writes otherwise than jsonb. */
const JSON_TEXT = fc.oneof(
  fc.constantFrom(
    '{"1": "index key", "b": 2}',
    '{"a": 1, "10": "an index key that jsonb puts after a shorter key"}',
    '{"b": {"c": 1, "22": 0}}',
    '{"0": 1}',
    '{"01": 1}',
    '{"a": 1.50}',
    '{"a": 1e3}',
    '{"a": 1.5e-7}',
    '{"a": 100000000000000000000}',
    '{"a": 123456789012345}',
    '{"a": -0}',
    '{"a": -0.0}',
    '{"a": -12}',
    '"=cmd"',
    "-5",
    "null",
    "[]",
    "{}",
    "[1, 2]",
    '{"a\\"b": "c\\\\d", "e": "\\u0001\\b\\f\\n\\r\\t\\u001f"}',
    '{"__proto__": {"x": 1}}',
    '{"long key first?": 1, "a": [true, false, null]}',
    '{"имя": "Ерлан ұлы 😀", "e\u0301": "é"}',
    '{"k": "v;=1", "m": "a;", "n;": -1, "o": "p; q;@r;+s;-t"}',
    '["x;", "=y", "z;\\"=w"]',
  ),
  fc.jsonValue({ maxDepth: 3 }).map((value) => storable(JSON.stringify(value))),
);
const PROBE: fc.Arbitrary<Probe> = fc.record({
  seq: fc.integer({ min: -5, max: 2 ** 31 - 1 }),
  label: fc.option(TEXT),
  role: fc.option(fc.constantFrom(...Object.values(Role))),
  action: TEXT,
  entityId: fc.option(TEXT),
  reason: fc.option(TEXT),
  before: fc.option(JSON_TEXT),
  after: fc.option(JSON_TEXT),
  context: fc.option(JSON_TEXT),
  prevHash: fc.option(TEXT),
});

describe("a CSV line made from a stored row's bytes", () => {
  it("is byte for byte the line of the event rebuilt from that row, for any stored values", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(PROBE, { minLength: 1, maxLength: 20 }), async (probes) => {
        const lines = await linesOf(probes);
        expect(lines).toHaveLength(probes.length);
        for (const line of lines) {
          expect(line.fromRow).toBe(line.fromEvent);
          expect(cellsStartingAFormula(line.fromRow)).toEqual([]);
        }
      }),
      { numRuns: 60, seed: 20261205 },
    );
  });

  it("writes no cell that a spreadsheet splitting lines at semicolons would run as a formula", async () => {
    const probe: Probe = {
      seq: 1,
      label: "x;=1+1",
      role: null,
      action: "note.added",
      entityId: 'id;"=1"',
      reason: "a;b;-c\n=1+1;z",
      before: null,
      after: '{"k": "v;@1"}',
      context: '{"k": "v; ok"}',
      prevHash: null,
    };
    const [line] = await linesOf([probe]);
    expect(line!.fromRow).toBe(line!.fromEvent);
    expect(line!.fromRow).toContain(`,"x;'=1+1",`);
    expect(line!.fromRow).toContain(`,"id;'""=1""",`);
    expect(line!.fromRow).toContain(`,"a;b;'-c\n'=1+1;z",`);
    expect(line!.fromRow).toContain(`"{""k"":""v;'@1""}"`);
    expect(line!.fromRow).toContain(`"{""k"":""v; ok""}"`);
    expect(cellsStartingAFormula(line!.fromRow)).toEqual([]);
  });

  it("writes a jsonb text without parsing it only where its bytes are sure to be the same", async () => {
    const cellOf = async (json: string): Promise<string | null> => {
      const { rows } = await client.query<{ text: string }>("SELECT ($1::jsonb)::text AS text", [json]);
      const text = Buffer.from(rows[0]!.text, "utf8");
      const out = LineBytes.begin();
      return jsonTextAsCsvCell(out, text, 0, text.length) ? out.take().toString("utf8") : null;
    };
    expect(await cellOf('{"b": [1, -2, "x, y"], "a": {"c": null}}')).toBe('"{""a"":{""c"":null},""b"":[1,-2,""x, y""]}"');
    expect(await cellOf('{"m": "a;", "k": "v;=1"}')).toBe(`"{""k"":""v;'=1"",""m"":""a;""}"`);
    expect(await cellOf("[]")).toBe("[]");
    expect(await cellOf("[1, 2]")).toBe('"[1,2]"');
    expect(await cellOf('{"k": "say \\"hi\\""}')).toBe('"{""k"":""say \\""hi\\""""}"');
    for (const parsed of ['{"1": 1}', '{"a": 1.5}', '{"a": 1e30}', '{"a": 1234567890123456}', '"text"', "7", "null"])
      expect(await cellOf(parsed)).toBeNull();
  });
});
