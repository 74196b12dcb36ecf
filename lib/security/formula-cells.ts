/**
 * A spreadsheet program treats a cell that starts with one of these as a formula. An apostrophe
 * in front makes it text, so a name or reason can never run as one: in an exported CSV, and in a
 * value imported from a file, which may be exported or downloaded later.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
