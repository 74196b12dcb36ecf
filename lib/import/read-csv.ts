import { decodeText } from "./decode-text";
import { MAX_CELL_CHARS } from "./limits";
import { detectDelimiter, parseCsv } from "./parse-csv";
import type { FileProblem } from "./problems";
import type { Cell, Delimiter, Row, TextEncoding, Workbook } from "./sheet";

/**
 * Reads CSV bytes into one sheet named "", every value as text: what a cell means (a date, an
 * IIN) is decided later, per field, so "050101500123" keeps its leading zero.
 */
export type CsvOptions = { encoding?: TextEncoding; delimiter?: Delimiter };
export type CsvRead = { ok: true; workbook: Workbook } | { ok: false; problem: FileProblem };

function toRow(number: number, fields: string[]): Row | null {
  const cells: Cell[] = fields.map((field) => (field.length > MAX_CELL_CHARS ? { problem: "tooLong" } : field === "" ? null : field));
  while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop();
  return cells.length > 0 ? { number, cells } : null;
}

export function readCsv(bytes: Uint8Array, options: CsvOptions = {}): CsvRead {
  const decoded = decodeText(bytes, options.encoding);
  if (!decoded.ok) return { ok: false, problem: { kind: "file", code: decoded.code } };
  const delimiter = options.delimiter ?? detectDelimiter(decoded.text);
  const parsed = parseCsv(decoded.text, delimiter);
  if (!parsed.ok) return { ok: false, problem: { kind: "row", sheet: "", row: parsed.row, code: parsed.code } };
  const rows = parsed.records.map((r) => toRow(r.number, r.fields)).filter((r): r is Row => r !== null);
  return { ok: true, workbook: { format: "csv", encoding: decoded.encoding, delimiter, sheets: [{ name: "", rows, merged: [] }] } };
}
