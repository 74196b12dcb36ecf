/**
 * What an import accepts, stated once (docs/import.md): the upload form, the refusals and the
 * documentation all read these numbers, so a limit cannot differ between what is said and done.
 */

/** The largest file accepted, in bytes; larger uploads are refused before they are read. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/**
 * Rows of data in one sheet, not counting its header row or empty rows. A prosecution sheet has
 * a row per dated entry, so 10,000 persons with three entries each must fit in one sheet.
 */
export const MAX_DATA_ROWS = 50_000;

/** Columns holding a value in one sheet. */
export const MAX_COLUMNS = 100;

/** Characters in one cell; a longer cell is a problem of that cell, and the rest is still read. */
export const MAX_CELL_CHARS = 10_000;

/** Sheets in one workbook. */
export const MAX_SHEETS = 20;

/**
 * What an XLSX may unpack to, all its parts together. A 200 KB file can unpack to gigabytes (a
 * "zip bomb"), and the spreadsheet reader holds each part whole in memory, so the sizes are
 * checked before it sees the file.
 */
export const MAX_UNPACKED_BYTES = 100 * 1024 * 1024;

/**
 * Cells and rows an XLSX's sheets declare, formatted empty ones included. The spreadsheet reader
 * keeps several hundred bytes per cell in memory, so this, not the file size, bounds its memory:
 * a million cells is a few hundred megabytes, and twice the cells of 10,000 persons with their
 * histories and enrollments.
 */
export const MAX_XLSX_CELLS = 1_000_000;

/** Parts in one XLSX; a real workbook has a few dozen. */
export const MAX_ZIP_ENTRIES = 1_000;
