import type { Delimiter } from "./sheet";
import type { RowProblemCode } from "./problems";

/**
 * Splits CSV text into records per RFC 4180: fields separated by the delimiter, records by CRLF,
 * LF or CR, a quoted field may hold delimiters, line breaks and doubled quotes. A quote inside
 * an unquoted field is kept as written (`ООО "Береке"`), as spreadsheet programs do. A quote
 * that never closes, or text after a closing quote, refuses the file at that record: guessing
 * would shift every later cell into the wrong column. `number` counts records from 1, so it is
 * the row a spreadsheet program shows even when a quoted cell spans several lines.
 */
export type CsvRecord = { number: number; fields: string[] };
export type CsvParse = { ok: true; records: CsvRecord[] } | { ok: false; row: number; code: RowProblemCode };

export const DELIMITERS: readonly Delimiter[] = [";", ",", "\t"];

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

export function parseCsv(text: string, delimiter: Delimiter, maxRecords = Number.POSITIVE_INFINITY): CsvParse {
  const separator = delimiter.charCodeAt(0);
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let i = 0;
  const endRecord = () => {
    records.push({ number: records.length + 1, fields });
    fields = [];
  };
  while (i < text.length && records.length < maxRecords) {
    if (text.charCodeAt(i) === QUOTE) {
      let value = "";
      let from = i + 1;
      for (;;) {
        const close = text.indexOf('"', from);
        if (close === -1) return { ok: false, row: records.length + 1, code: "unclosedQuote" };
        value += text.slice(from, close);
        if (text.charCodeAt(close + 1) !== QUOTE) {
          i = close + 1;
          break;
        }
        value += '"';
        from = close + 2;
      }
      fields.push(value);
    } else {
      let end = i;
      while (end < text.length) {
        const c = text.charCodeAt(end);
        if (c === separator || c === CR || c === LF) break;
        end++;
      }
      fields.push(text.slice(i, end));
      i = end;
    }
    if (i >= text.length) break;
    const c = text.charCodeAt(i);
    if (c === separator) {
      i++;
      if (i >= text.length) fields.push("");
    } else if (c === CR || c === LF) {
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      endRecord();
    } else {
      return { ok: false, row: records.length + 1, code: "textAfterQuote" };
    }
  }
  if (fields.length > 0) endRecord();
  return { ok: true, records };
}

/** Records read to guess the delimiter: enough to see a pattern, few enough to be instant. */
const SAMPLE_RECORDS = 50;

/**
 * The delimiter under which the first records most often have the same number of fields, and
 * more than one; ties go to more fields, then to the semicolon (Excel's choice where the comma
 * is the decimal separator, as in Kazakhstan). A file with one column reads the same under any.
 */
export function detectDelimiter(text: string): Delimiter {
  let best: { delimiter: Delimiter; agreeing: number; fields: number } = { delimiter: ",", agreeing: 0, fields: 1 };
  for (const delimiter of DELIMITERS) {
    const parsed = parseCsv(text, delimiter, SAMPLE_RECORDS);
    if (!parsed.ok) continue;
    const counts = parsed.records.filter((r) => r.fields.some((f) => f.trim() !== "")).map((r) => r.fields.length);
    const first = counts[0] ?? 1;
    if (first < 2) continue;
    const agreeing = counts.filter((n) => n === first).length;
    if (agreeing > best.agreeing || (agreeing === best.agreeing && first > best.fields)) best = { delimiter, agreeing, fields: first };
  }
  return best.delimiter;
}
