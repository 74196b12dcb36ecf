import ExcelJS from "exceljs";
import { MAX_SHEETS, MAX_UNPACKED_BYTES, MAX_XLSX_CELLS, MAX_ZIP_ENTRIES } from "./limits";
import type { FileProblemCode } from "./problems";
import { toCell } from "./xlsx-cell";
import type { Cell, MergedRange, Row, Sheet } from "./sheet";
import { checkUnpackedSizes, readZipDirectory, type ZipEntry } from "./zip-directory";

/**
 * Reads an XLSX into sheets. The ZIP's sizes are bounded before exceljs sees it
 * (`zip-directory.ts`); formulas are never evaluated, only their cached results read; a merged
 * range yields its value once, in its top-left cell, and is listed in `merged`.
 */
export type XlsxRead = { ok: true; sheets: Sheet[] } | { ok: false; code: FileProblemCode };

/** A ZIP that is not a workbook: OpenDocument files carry these two parts; anything else is some other archive. */
function kindOfZip(entries: ZipEntry[]): "xlsx" | "openDocument" | "other" {
  const names = new Set(entries.map((e) => e.name));
  if (names.has("xl/workbook.xml") && names.has("[Content_Types].xml")) return "xlsx";
  if (names.has("mimetype") && names.has("content.xml")) return "openDocument";
  return "other";
}

const WORKSHEET_PART = /^xl\/worksheets\/[^/]+\.xml$/;
/** How a sheet's XML opens a cell or a row; counting them needs no XML parser. */
const ELEMENT_STARTS = ["<c ", "<c>", "<row ", "<row>"].map((start) => Buffer.from(start, "latin1"));

function countElements(xml: Uint8Array): number {
  const buffer = Buffer.from(xml.buffer, xml.byteOffset, xml.byteLength);
  let count = 0;
  for (const start of ELEMENT_STARTS) {
    for (let at = buffer.indexOf(start); at !== -1; at = buffer.indexOf(start, at + start.byteLength)) count++;
  }
  return count;
}

/** Checks the unpacked sizes and counts the cells and rows the sheets declare, in one pass over the parts. */
function checkParts(bytes: Uint8Array, entries: ZipEntry[]): FileProblemCode | null {
  let elements = 0;
  const unpacked = checkUnpackedSizes(bytes, entries, (entry, xml) => {
    if (WORKSHEET_PART.test(entry.name)) elements += countElements(xml);
  });
  if (unpacked !== "ok") return unpacked;
  return elements > MAX_XLSX_CELLS ? "tooManyCells" : null;
}

/**
 * Merged ranges are gathered from the cells exceljs marks as merged into another, rather than
 * from `worksheet.model`, which would copy every row of the sheet to list them.
 */
function readSheet(worksheet: ExcelJS.Worksheet): Sheet {
  const rows: Row[] = [];
  const merged = new Map<string, MergedRange>();
  worksheet.eachRow({ includeEmpty: false }, (row, number) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      // exceljs reports the top-left value in every cell of a merged range; only that cell holds it.
      if (cell.type === ExcelJS.ValueType.Merge) {
        const { address, row: top, col: left } = cell.master.fullAddress;
        const range = merged.get(address) ?? { top, left, bottom: top, right: left };
        merged.set(address, { ...range, bottom: Math.max(range.bottom, number), right: Math.max(range.right, column) });
        return;
      }
      const value = toCell(cell.value);
      if (value !== null) cells[column - 1] = value;
    });
    if (cells.length > 0) rows.push({ number, cells: Array.from(cells, (c) => c ?? null) });
  });
  return { name: worksheet.name, rows, merged: [...merged.values()] };
}

export async function readXlsx(bytes: Uint8Array): Promise<XlsxRead> {
  const directory = readZipDirectory(bytes, MAX_ZIP_ENTRIES, MAX_UNPACKED_BYTES);
  if (!directory.ok) return directory;
  const kind = kindOfZip(directory.entries);
  if (kind === "openDocument") return { ok: false, code: "unsupportedFormat" };
  if (kind === "other") return { ok: false, code: "notASpreadsheet" };
  const problem = checkParts(bytes, directory.entries);
  if (problem) return { ok: false, code: problem };

  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(new Uint8Array(bytes).buffer);
  } catch {
    // A damaged workbook is an expected refusal, told to the user by its code; its details help no one.
    return { ok: false, code: "unreadable" };
  }
  if (workbook.worksheets.length > MAX_SHEETS) return { ok: false, code: "tooManySheets" };
  return { ok: true, sheets: workbook.worksheets.map(readSheet) };
}
