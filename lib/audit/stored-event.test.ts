import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb, getPool } from "../db/client";
import { openSnapshotReader } from "../db/snapshot-reader";
import { STORED_EVENT_COPY_COLUMNS, STORED_EVENT_COPY_FIELDS, storedEventOf } from "./stored-event";

// Values whose decoding differs most easily between COPY's bytes and the ORM: instants before
// 1970, before 2000 and far ahead, every role and none, text with control characters and
// astral characters, and jsonb with keys and numbers JavaScript treats specially.
const INSTANTS = [
  "0044-03-15T12:00:00.000Z",
  "1969-12-31T23:59:59.999Z",
  "1999-12-31T23:59:59.999Z",
  "2000-01-01T00:00:00.000Z",
  "2200-06-30T12:00:00.001Z",
];
const ROLES = [null, "CASEWORKER", "SUPERVISOR", "AUDITOR", "ADMINISTRATOR"];
const DOCUMENTS = [
  null,
  '{"__proto__": {"x": 1}, "constructor": "c", "n": 12345678901234567890, "f": 1.10, "e": 1e21, "z": -0.0, "s": "é😀"}',
  '{"2": "two", "10": "ten", "a": {"b": [null, {"c": "\\n\\t\\"\\\\"}]}}',
  "[]",
  '"plain"',
  "123.4560",
  "true",
  JSON.stringify({ long: "я".repeat(3000) }),
];

describe("a stored event read from COPY's bytes", () => {
  it("is the event the ORM reads, field for field", async () => {
    const chain = `stored-event-${randomUUID()}`;
    let seq = 0;
    for (const [i, document] of DOCUMENTS.entries())
      for (const [j, occurredAt] of INSTANTS.entries()) {
        seq++;
        await getPool().query(
          `INSERT INTO audit_event (id, chain, seq, prev_hash, hash, occurred_at, actor_id, actor_label, actor_role, action, entity_type, entity_id, person_id, reason, before, after, context)
           VALUES (gen_random_uuid(), $1, $2, $3, 'h', $4, $5, $6, $7::"Role", 'note.added', 'note', $8, $9, $10, $11::jsonb, $11::jsonb, $11::jsonb)`,
          [
            chain,
            seq,
            seq === 1 ? null : "p",
            occurredAt,
            seq % 2 ? randomUUID() : null,
            seq % 3 ? "Айгерим 😀\u0001\t\r\n" : "",
            ROLES[(i + j) % ROLES.length],
            seq % 2 ? "" : null,
            seq % 4 ? randomUUID() : null,
            seq % 5 ? "причина\r\n" : null,
            document,
          ],
        );
      }
    const read = await getDb().$transaction(
      async (tx) => {
        const reader = await openSnapshotReader(tx, 60_000);
        try {
          const events = [];
          const pages = reader.copyPages(
            `SELECT ${STORED_EVENT_COPY_COLUMNS} FROM audit_event e WHERE e.chain = $1 ORDER BY e.seq`,
            [chain],
            STORED_EVENT_COPY_FIELDS,
            (fields) => storedEventOf(fields, 0),
          );
          for await (const page of pages) events.push(...page);
          return events;
        } finally {
          await reader.close();
        }
      },
      { isolationLevel: "RepeatableRead" },
    );
    const orm = await getDb().auditEvent.findMany({ where: { chain }, orderBy: { seq: "asc" } });
    expect(orm).toHaveLength(DOCUMENTS.length * INSTANTS.length);
    expect(read).toEqual(orm);
  });
});
