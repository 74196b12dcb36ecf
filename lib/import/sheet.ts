import type { ReadCellProblemCode } from "./problems";

/**
 * A spreadsheet as read, before any column is known to mean anything. A value is text, a number,
 * a boolean or a date (a calendar day, at midnight UTC); an empty cell is null. A cell that could
 * not be read holds its problem instead, so no later step can mistake it for an empty cell.
 */
export type CellValue = string | number | boolean | Date;
export type UnreadableCell = { problem: ReadCellProblemCode };
export type Cell = CellValue | UnreadableCell | null;

/** A row that holds at least one value; `number` is its row in the file, from 1. `cells[0]` is column 1. */
export type Row = { number: number; cells: Cell[] };

/** Cells merged into one; only the top-left cell holds the value, the others read as empty. */
export type MergedRange = { top: number; left: number; bottom: number; right: number };

export type Sheet = { name: string; rows: Row[]; merged: MergedRange[] };

export type TextEncoding = "utf-8" | "windows-1251";
export type Delimiter = "," | ";" | "\t";

export type Workbook =
  { format: "xlsx"; sheets: Sheet[] } | { format: "csv"; encoding: TextEncoding; delimiter: Delimiter; sheets: [Sheet] };

export function isUnreadable(cell: Cell): cell is UnreadableCell {
  return cell !== null && typeof cell === "object" && !(cell instanceof Date);
}
