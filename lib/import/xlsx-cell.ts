import type ExcelJS from "exceljs";
import { MAX_CELL_CHARS } from "./limits";
import type { Cell } from "./sheet";

/**
 * One exceljs value as a plain cell: rich text and hyperlinks as their text, a formula as its
 * cached result (never evaluated: a formula the file never calculated has no value to import),
 * an error value (#N/A, #REF!) as a problem, an empty string as empty.
 */
type Plain = string | number | boolean | Date | ExcelJS.CellErrorValue | ExcelJS.CellRichTextValue | undefined | null;

function plainText(value: string | ExcelJS.CellRichTextValue): string {
  return typeof value === "string" ? value : value.richText.map((run) => run.text).join("");
}

function fromPlain(value: Plain): Cell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? { problem: "errorValue" } : value;
  if (typeof value === "number") return Number.isFinite(value) ? value : { problem: "errorValue" };
  if (typeof value === "boolean") return value;
  if (typeof value === "object" && "error" in value) return { problem: "errorValue" };
  const text = plainText(value);
  if (text.length > MAX_CELL_CHARS) return { problem: "tooLong" };
  return text === "" ? null : text;
}

export function toCell(value: ExcelJS.CellValue): Cell {
  if (value !== null && typeof value === "object" && !(value instanceof Date)) {
    if ("formula" in value || "sharedFormula" in value)
      return value.result === undefined ? { problem: "noCachedResult" } : fromPlain(value.result);
    // A hyperlink's text is rich text when any part of it is formatted, whatever the typings say; fromPlain reads both.
    if ("hyperlink" in value) return fromPlain(value.text);
  }
  return fromPlain(value);
}
