/**
 * PostgreSQL's binary COPY format, read a chunk at a time: a fixed header, then per row a 16-bit
 * field count and per field a 32-bit length (-1 for NULL) and its bytes, then a trailer whose
 * count is -1. Rows are decoded straight from the chunks' bytes: no per-row protocol message, no
 * per-field string unless the decoder asks for one.
 */

const SIGNATURE = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");
/** The signature, a 32-bit flags field and a 32-bit length of the header extension that follows. */
const HEADER_BYTES = SIGNATURE.length + 8;
/** 2000-01-01 in Unix milliseconds: binary timestamps count microseconds from there. */
const POSTGRES_EPOCH_MS = Date.UTC(2000, 0, 1);
const JSONB_VERSION = 1;

/** The fields of the row being decoded, read by position in the statement's select list. */
export class CopyFields {
  buffer: Buffer = Buffer.alloc(0);
  /** Start and length (-1 for NULL) of each field, two entries per field. */
  readonly spans: Int32Array;

  constructor(readonly count: number) {
    this.spans = new Int32Array(count * 2);
  }

  isNull(field: number): boolean {
    return this.spans[field * 2 + 1] === -1;
  }

  text(field: number): string | null {
    const start = this.spans[field * 2]!;
    const length = this.spans[field * 2 + 1]!;
    return length === -1 ? null : this.buffer.toString("utf8", start, start + length);
  }

  int4(field: number): number {
    return this.buffer.readInt32BE(this.sized(field, 4));
  }

  /** A timestamptz as a Date: exact for the millisecond columns this app stores. */
  timestamptz(field: number): Date {
    const start = this.sized(field, 8);
    const micros = this.buffer.readInt32BE(start) * 2 ** 32 + this.buffer.readUInt32BE(start + 4);
    return new Date(POSTGRES_EPOCH_MS + Math.floor(micros / 1000));
  }

  /** A jsonb value, parsed from its text as the driver would: a version byte, then the text. */
  jsonb(field: number): unknown {
    const start = this.spans[field * 2]!;
    const length = this.spans[field * 2 + 1]!;
    if (length === -1) return null;
    if (this.buffer[start] !== JSONB_VERSION) throw new Error(`unknown jsonb binary version ${this.buffer[start]}`);
    return JSON.parse(this.buffer.toString("utf8", start + 1, start + length));
  }

  /** Where a fixed-size field starts, once it is known to be present and of that size. */
  private sized(field: number, bytes: number): number {
    const length = this.spans[field * 2 + 1]!;
    if (length === -1) throw new Error(`field ${field} is NULL where a value was expected`);
    if (length !== bytes) throw new Error(`field ${field} has ${length} bytes where ${bytes} were expected`);
    return this.spans[field * 2]!;
  }
}

/**
 * Decodes the rows of a binary COPY with `fieldCount` fields each, as its chunks arrive: `push`
 * returns the rows completed by a chunk (a row split across chunks completes in the next one),
 * and `end` checks that the stream ended where a row did, after the trailer.
 */
export function binaryCopyRows<Row>(fieldCount: number, decode: (fields: CopyFields) => Row) {
  const fields = new CopyFields(fieldCount);
  // The bytes of a row not yet complete, kept as chunks: a row larger than many chunks is joined
  // once, when it can be read, not once per chunk.
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  /** How many bytes the incomplete row is known to need before reading it again can progress. */
  let needed = 0;
  let headerRead = false;
  let trailerRead = false;

  /** The rows wholly inside `buffer`, where the first incomplete one (or the end) starts, and what it needs. */
  const rowsIn = (buffer: Buffer): { rows: Row[]; rest: number; need: number } => {
    const rows: Row[] = [];
    let at = 0;
    if (!headerRead) {
      if (buffer.length < HEADER_BYTES) return { rows, rest: 0, need: HEADER_BYTES };
      if (!buffer.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw new Error("not a binary COPY stream");
      // Flags a COPY of ours never sets (row OIDs, or any critical flag of a later format).
      if (buffer.readUInt32BE(SIGNATURE.length) !== 0) throw new Error("a binary COPY stream with flags this reader does not know");
      const extension = buffer.readUInt32BE(SIGNATURE.length + 4);
      if (buffer.length < HEADER_BYTES + extension) return { rows, rest: 0, need: HEADER_BYTES + extension };
      at = HEADER_BYTES + extension;
      headerRead = true;
    }
    fields.buffer = buffer;
    const spans = fields.spans;
    while (!trailerRead) {
      if (buffer.length - at < 2) return { rows, rest: at, need: 2 };
      const count = buffer.readInt16BE(at);
      if (count === -1) {
        trailerRead = true;
        at += 2;
        break;
      }
      if (count !== fieldCount) throw new Error(`a COPY row has ${count} fields where ${fieldCount} were expected`);
      let next = at + 2;
      for (let field = 0; field < count; field++) {
        if (buffer.length - next < 4) return { rows, rest: at, need: next + 4 - at };
        const length = buffer.readInt32BE(next);
        next += 4;
        if (length > 0 && buffer.length - next < length) return { rows, rest: at, need: next + length - at };
        spans[field * 2] = next;
        spans[field * 2 + 1] = length;
        if (length > 0) next += length;
      }
      rows.push(decode(fields));
      at = next;
    }
    return { rows, rest: at, need: 0 };
  };

  return {
    push(chunk: Buffer): Row[] {
      if (trailerRead) throw new Error("data after the end of a binary COPY stream");
      if (pendingBytes + chunk.length < needed) {
        pending.push(chunk);
        pendingBytes += chunk.length;
        return [];
      }
      const buffer = pendingBytes > 0 ? Buffer.concat([...pending, chunk]) : chunk;
      const { rows, rest, need } = rowsIn(buffer);
      const left = buffer.subarray(rest);
      pending = left.length > 0 ? [left] : [];
      pendingBytes = left.length;
      needed = need;
      return rows;
    },
    end(): void {
      if (!trailerRead || pendingBytes > 0) throw new Error("a binary COPY stream ended inside a row");
    },
  };
}
