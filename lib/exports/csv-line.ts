import type { JsonValue } from "../audit/canonical-json";
import type { CopyFields } from "../db/copy-binary";
import { STORED_EVENT_FIELD } from "../audit/stored-event";
import { neutraliseCsvText } from "../security/formula-cells";
import { FORMULA_FIRST_BYTES, jsonTextAsCsvCell } from "./csv-json-cell";
import { byteTable, LineBytes } from "./line-bytes";

/**
 * One event's line of the CSV export, after its case's two cells, made two ways that give the
 * same bytes: from the event object (`csvLineOfEvent`, for a pseudonymised export, whose events
 * are rewritten before they are written), and straight from the bytes of its stored row
 * (`csvLineOfRow`, for a full export: docs/decisions/036). The columns are declared once, here.
 */

/** Column names are part of the file format, for parsers, so they are not translated. */
export const CSV_COLUMNS = [
  "case_number",
  "chain",
  "seq",
  "occurred_at",
  "actor_label",
  "actor_role",
  "action",
  "entity_type",
  "entity_id",
  "reason",
  "before",
  "after",
  "context",
  "prev_hash",
  "hash",
] as const;

/**
 * A cell holding one of these is quoted (RFC 4180), as is one neutralised (neutraliseCsvText). The
 * semicolon is among them for readers that guess the separator, so that they find it inside a
 * quoted cell; what keeps a semicolon-splitting spreadsheet from running a formula is the
 * neutralising.
 */
const QUOTED_CHARACTERS = ['"', ",", ";", "\r", "\n"];

export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  const text = typeof value === "string" ? value : String(value);
  const safe = neutraliseCsvText(text);
  return safe !== text || QUOTED_CHARACTERS.some((character) => safe.includes(character)) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A JSON cell: the value as JSON.stringify writes it; none for a missing value or JSON null. */
function jsonCell(value: JsonValue | undefined): string {
  return csvCell(value === null || value === undefined ? null : JSON.stringify(value));
}

type Row = { [key: string]: JsonValue | undefined };

/** The line of an event object, with its line end. */
export function csvLineOfEvent(raw: JsonValue): string {
  const event = raw as Row;
  const actor = (event.actor ?? {}) as Row;
  const entity = (event.entity ?? {}) as Row;
  const cells = [
    csvCell(event.seq as number),
    csvCell(event.occurredAt as string),
    csvCell((actor.label as string | undefined) ?? null),
    csvCell((actor.role as string | undefined) ?? null),
    csvCell(event.action as string),
    csvCell((entity.type as string | undefined) ?? null),
    csvCell((entity.id as string | undefined) ?? null),
    csvCell((event.reason as string | undefined) ?? null),
    jsonCell(event.before),
    jsonCell(event.after),
    jsonCell(event.context),
    csvCell((event.prevHash as string | undefined) ?? null),
    csvCell((event.hash as string | undefined) ?? null),
  ];
  return `${cells.join(",")}\r\n`;
}

const QUOTED_ANYWHERE = byteTable(QUOTED_CHARACTERS);
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;

/** The field of the COPY row, a text column, as csvCell would write its value. */
function textCell(out: LineBytes, fields: CopyFields, field: number): void {
  const start = fields.spans[field * 2]!;
  const length = fields.spans[field * 2 + 1]!;
  if (length <= 0) return;
  const bytes = fields.buffer;
  if (!FORMULA_FIRST_BYTES[bytes[start]!]) {
    // Copied as it is checked, a byte at a time: cells are short, and a native copy per cell cost more.
    out.reserve(length);
    const line = out.buffer;
    let w = out.at;
    let i = start;
    const end = start + length;
    for (; i < end; i++) {
      const b = bytes[i]!;
      if (QUOTED_ANYWHERE[b]) break;
      line[w++] = b;
    }
    if (i === end) {
      out.at = w;
      return;
    }
  }
  out.text(csvCell(fields.text(field)));
}

/** The field of the COPY row, a jsonb column, as jsonCell would write its parsed value. */
function jsonbCell(out: LineBytes, fields: CopyFields, field: number): void {
  const start = fields.spans[field * 2]!;
  const length = fields.spans[field * 2 + 1]!;
  if (length === -1) return;
  // Past the binary jsonb's version byte (which fields.jsonb checks on the way that parses).
  if (fields.buffer[start] === 1 && jsonTextAsCsvCell(out, fields.buffer, start + 1, start + length)) return;
  out.text(jsonCell(fields.jsonb(field) as JsonValue));
}

const F = STORED_EVENT_FIELD;
/** The text columns between the action's time and the JSON cells, and after them, in the file's order. */
const TEXT_BEFORE_JSON = [F.actorLabel, F.actorRole, F.action, F.entityType, F.entityId, F.reason];
const JSON_FIELDS = [F.before, F.after, F.context];
const TEXT_AFTER_JSON = [F.prevHash, F.hash];

/**
 * The line of a stored event whose STORED_EVENT_COPY_COLUMNS begin at field `first` of a binary
 * COPY row, with its line end: the bytes csvLineOfEvent gives for toChainedEvent(storedEventOf(…)).
 */
export function csvLineOfRow(fields: CopyFields, first: number): Buffer {
  const out = LineBytes.begin();
  out.text(csvCell(fields.int4(first + F.seq)));
  out.byte(COMMA);
  out.text(csvCell(fields.timestamptz(first + F.occurredAt).toISOString()));
  for (const field of TEXT_BEFORE_JSON) {
    out.byte(COMMA);
    textCell(out, fields, first + field);
  }
  for (const field of JSON_FIELDS) {
    out.byte(COMMA);
    jsonbCell(out, fields, first + field);
  }
  for (const field of TEXT_AFTER_JSON) {
    out.byte(COMMA);
    textCell(out, fields, first + field);
  }
  out.byte(CR);
  out.byte(LF);
  return out.take();
}
