import { MAX_FILE_BYTES } from "./limits";
import type { FileProblemCode } from "./problems";

/**
 * Decides what a file is from its bytes, never from its name: a PDF renamed to .xlsx, or an
 * executable renamed to .csv, is refused here. Text is anything left that holds no NUL byte and
 * almost no control characters; whether it is valid CSV is decided when it is parsed.
 */
export type Sniffed = { kind: "zip" } | { kind: "text" } | { kind: "refused"; code: FileProblemCode };

const starts = (bytes: Uint8Array, signature: number[]) => signature.every((byte, i) => bytes[i] === byte);

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d];
/** An old .xls, or a password-protected workbook, is an OLE compound file. */
const COMPOUND_FILE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** Excel's "Unicode text" is UTF-16 with one of these marks. */
const UTF16_MARKS = [
  [0xff, 0xfe],
  [0xfe, 0xff],
];
const SAMPLE_BYTES = 64 * 1024;
const UTF8_MARK = [0xef, 0xbb, 0xbf];
const LESS_THAN = 0x3c;
/** A CSV typed by hand may hold a stray control character; a binary file holds many. */
const MAX_CONTROL_SHARE = 0.01;

function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, SAMPLE_BYTES);
  let controls = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) controls++;
  }
  return controls > sample.byteLength * MAX_CONTROL_SHARE;
}

/**
 * Accounting and web systems often save an HTML table, or Excel 2003's XML, under an .xls name;
 * no CSV starts with "<", so such a file is named for what it is rather than read as one column.
 */
function looksLikeMarkup(bytes: Uint8Array): boolean {
  let at = starts(bytes, UTF8_MARK) ? UTF8_MARK.length : 0;
  while (at < bytes.byteLength && (bytes[at] === 0x20 || bytes[at] === 0x09 || bytes[at] === 0x0a || bytes[at] === 0x0d)) at++;
  return bytes[at] === LESS_THAN;
}

export function sniff(bytes: Uint8Array): Sniffed {
  if (bytes.byteLength === 0) return { kind: "refused", code: "empty" };
  if (bytes.byteLength > MAX_FILE_BYTES) return { kind: "refused", code: "tooLarge" };
  if (starts(bytes, ZIP)) return { kind: "zip" };
  if (starts(bytes, PDF)) return { kind: "refused", code: "notASpreadsheet" };
  if (starts(bytes, COMPOUND_FILE)) return { kind: "refused", code: "unsupportedFormat" };
  if (UTF16_MARKS.some((mark) => starts(bytes, mark))) return { kind: "refused", code: "unsupportedEncoding" };
  if (looksBinary(bytes)) return { kind: "refused", code: "notASpreadsheet" };
  if (looksLikeMarkup(bytes)) return { kind: "refused", code: "unsupportedFormat" };
  return { kind: "text" };
}
