/**
 * A spreadsheet program treats a cell that starts with one of these as a formula. An apostrophe
 * in front makes it text, so a name or reason can never run as one: in an exported CSV, and in a
 * value imported from a file, which may be exported or downloaded later.
 */
export const FORMULA_FIRST_CHARACTERS = ["=", "+", "-", "@", "\t", "\r"] as const;

export function neutraliseFormula(text: string): string {
  return (FORMULA_FIRST_CHARACTERS as readonly string[]).includes(text.charAt(0)) ? `'${text}` : text;
}

/**
 * A semicolon or a line break before any of these (after any quotes) gets an apostrophe after it
 * in a CSV cell. A spreadsheet set to a locale whose list separator is the semicolon (Russian and
 * Kazakh among them) opens a CSV file by splitting its lines at semicolons, not commas, and the
 * comma file's quotes do not protect anything there (a quote opens a quoted cell only at a cell's
 * start). So a cell holding `x;=1+1` gives a cell of its own that starts with `=`, and one holding
 * a line break before `=1+1` a new row that starts with it. Quotes in between do not help, since
 * such a cell may open with them: `x;"=1+1"`.
 */
const AFTER_SEPARATOR = new RegExp(`[;\r\n](?="*[${FORMULA_FIRST_CHARACTERS.map((c) => c.replace(/[-\]\\^]/g, "\\$&")).join("")}])`, "g");

/** A CSV cell's text that no spreadsheet runs as a formula, whether it splits the line at commas or at semicolons. */
export function neutraliseCsvText(text: string): string {
  return neutraliseFormula(text).replace(AFTER_SEPARATOR, "$&'");
}
