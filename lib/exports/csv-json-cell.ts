import { FORMULA_FIRST_CHARACTERS } from "../security/formula-cells";
import { byteTable, type LineBytes } from "./line-bytes";

/**
 * A jsonb value's text, as PostgreSQL sends it, written as the CSV cell of
 * `JSON.stringify(JSON.parse(text))` without parsing it, when the two are sure to be the same
 * bytes (docs/decisions/036). They are, but for whitespace, when the value is an object or an
 * array whose numbers are integers of at most 15 digits and whose keys are not all digits:
 * - PostgreSQL writes a space after each `:` and `,`; JSON.stringify writes no whitespace.
 * - Both escape a string's characters alike: `\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, and
 *   `\u00xx` for the other control characters; every other character is written as it is.
 * - jsonb keeps an object's keys in one order (shorter first); JSON.parse keeps that order,
 *   except that it puts keys that are array indexes ("0", "7") first.
 * - jsonb writes a number as it stores it (`1.50`, `100000000000000000000`); JavaScript writes
 *   `1.5` and `100000000000000000000` as a double rounds it. An integer of at most 15 digits is
 *   written the same by both.
 * Anything else (a fraction, an exponent, a longer or a negative-zero number, an all-digit key, a
 * value that is not an object or an array) returns false with nothing written, and the caller
 * parses the value. The cell is quoted, its quotes doubled, when it holds a quote or a comma: the
 * only characters of csvCell's quoting a JSON text without whitespace can hold outside its strings,
 * and the only ones inside them but the semicolon, where line ends are escaped. A semicolon comes
 * only inside a string, where it gets csvCell's apostrophe (neutraliseCsvText) when a formula's
 * first character follows it: there nothing else can, since a quote there would be escaped or
 * would end the string, and what may follow a string's end (`,`, `:`, `}`, `]`) starts no formula.
 */
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const SEMICOLON = 0x3b;
const APOSTROPHE = 0x27;
/** A formula's first characters by byte, for the cells written from bytes (here and in csv-line.ts). */
export const FORMULA_FIRST_BYTES = byteTable(FORMULA_FIRST_CHARACTERS);
const COLON = 0x3a;
const MINUS = 0x2d;
const ZERO = 0x30;
const NINE = 0x39;
const MAX_DIGITS = 15;

const isDigit = (b: number | undefined) => b !== undefined && b >= ZERO && b <= NINE;
const isWhitespace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
/** The characters a JSON number may hold besides digits: a fraction, an exponent, or a sign. */
const isNumberPart = (b: number | undefined) => isDigit(b) || b === 0x2e || b === 0x65 || b === 0x45 || b === 0x2b || b === MINUS;

export function jsonTextAsCsvCell(out: LineBytes, text: Buffer, start: number, end: number): boolean {
  const first = text[start];
  if (first !== 0x7b && first !== 0x5b) return false;
  const mark = out.at;
  // The most a cell can take: every byte a doubled quote, and its two quotes.
  out.reserve(2 * (end - start) + 2);
  const cell = out.buffer;
  let w = mark;
  cell[w++] = QUOTE;
  let quoted = false;
  let i = start;
  while (i < end) {
    const b = text[i]!;
    if (b === QUOTE) {
      quoted = true;
      cell[w++] = QUOTE;
      cell[w++] = QUOTE;
      const from = ++i;
      let digitsOnly = true;
      for (;;) {
        if (i >= end) return false;
        const c = text[i]!;
        if (c === QUOTE) break;
        if (c === SEMICOLON && i + 1 < end && FORMULA_FIRST_BYTES[text[i + 1]!]) {
          cell[w++] = SEMICOLON;
          cell[w++] = APOSTROPHE;
          digitsOnly = false;
          i++;
          continue;
        }
        if (c === BACKSLASH) {
          if (i + 1 >= end) return false;
          cell[w++] = BACKSLASH;
          const escaped = text[i + 1]!;
          cell[w++] = escaped;
          if (escaped === QUOTE) cell[w++] = QUOTE;
          digitsOnly = false;
          i += 2;
          continue;
        }
        if (!isDigit(c)) digitsOnly = false;
        cell[w++] = c;
        i++;
      }
      cell[w++] = QUOTE;
      cell[w++] = QUOTE;
      i++;
      if (digitsOnly && i - 1 > from) {
        let next = i;
        while (next < end && isWhitespace(text[next]!)) next++;
        if (next < end && text[next] === COLON) return false;
      }
    } else if (isWhitespace(b)) {
      i++;
    } else if (b === MINUS || isDigit(b)) {
      const from = i;
      let digits = 0;
      while (i < end && isNumberPart(text[i])) {
        if (!isDigit(text[i])) {
          if (i > from || text[i] !== MINUS) return false;
        } else digits++;
        i++;
      }
      if (digits === 0 || digits > MAX_DIGITS) return false;
      if (text[from] === MINUS && text[from + 1] === ZERO) return false;
      for (let at = from; at < i; at++) cell[w++] = text[at]!;
    } else {
      if (b === COMMA) quoted = true;
      cell[w++] = b;
      i++;
    }
  }
  if (quoted) {
    cell[w++] = QUOTE;
  } else {
    // Nothing to quote: the cell is the text alone, without the quote it was begun with.
    cell.copy(cell, mark, mark + 1, w);
    w--;
  }
  out.at = w;
  return true;
}
