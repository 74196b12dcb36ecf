import { MAX_COLUMNS, MAX_DATA_ROWS, MAX_FILE_BYTES, MAX_SHEETS, MAX_UNPACKED_BYTES, MAX_XLSX_CELLS } from "./limits";
import type { FileProblem, FileProblemCode } from "./problems";
import { readCsv, type CsvOptions } from "./read-csv";
import { readXlsx } from "./read-xlsx";
import type { Sheet, Workbook } from "./sheet";
import { sniff } from "./sniff";

/**
 * The one entry point for an uploaded file's bytes. Guarantees: the format comes from the bytes
 * (an XLSX, or CSV in UTF-8 or Windows-1251), never from the file's name; every stated limit
 * (`limits.ts`) is enforced, each refusal a typed code (`problems.ts`) rather than a thrown
 * error; nothing is evaluated, written or fetched. On success every sheet holds only its rows
 * with a value, each with its row number in the file, and cells that could not be read carry
 * their problem in place (`sheet.ts`). `options` apply to CSV only: an encoding or delimiter the
 * person chose instead of the detected one.
 */
export type ReadResult = { ok: true; workbook: Workbook } | { ok: false; problem: FileProblem };

const FILE_LIMITS: Partial<Record<FileProblemCode, number>> = {
  tooLarge: MAX_FILE_BYTES,
  tooManySheets: MAX_SHEETS,
  unpackedTooLarge: MAX_UNPACKED_BYTES,
  tooManyCells: MAX_XLSX_CELLS,
};

function fileProblem(code: FileProblemCode): FileProblem {
  const limit = FILE_LIMITS[code];
  return limit === undefined ? { kind: "file", code } : { kind: "file", code, limit };
}

function limitProblem(sheet: Sheet): FileProblem | null {
  // The first row holds the headers; the limit counts the data below it.
  if (sheet.rows.length > MAX_DATA_ROWS + 1) return { kind: "sheet", sheet: sheet.name, code: "tooManyRows", limit: MAX_DATA_ROWS };
  if (sheet.rows.some((row) => row.cells.length > MAX_COLUMNS))
    return { kind: "sheet", sheet: sheet.name, code: "tooManyColumns", limit: MAX_COLUMNS };
  return null;
}

async function readByKind(bytes: Uint8Array, options: CsvOptions): Promise<ReadResult> {
  const sniffed = sniff(bytes);
  if (sniffed.kind === "refused") return { ok: false, problem: fileProblem(sniffed.code) };
  if (sniffed.kind === "text") return readCsv(bytes, options);
  const xlsx = await readXlsx(bytes);
  return xlsx.ok ? { ok: true, workbook: { format: "xlsx", sheets: xlsx.sheets } } : { ok: false, problem: fileProblem(xlsx.code) };
}

export async function readFile(bytes: Uint8Array, options: CsvOptions = {}): Promise<ReadResult> {
  const read = await readByKind(bytes, options);
  if (!read.ok) return read;
  if (read.workbook.sheets.every((sheet) => sheet.rows.length === 0)) return { ok: false, problem: fileProblem("empty") };
  for (const sheet of read.workbook.sheets) {
    const problem = limitProblem(sheet);
    if (problem) return { ok: false, problem };
  }
  return read;
}
