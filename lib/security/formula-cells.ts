/**
 * A spreadsheet program treats a cell that starts with one of these as a formula. An apostrophe
 * in front makes it text, so a name or reason can never run as one: in an exported CSV, and in a
 * value imported from a file, which may be exported or downloaded later.
 */
export const FORMULA_FIRST_CHARACTERS = ["=", "+", "-", "@", "\t", "\r"] as const;

export function neutraliseFormula(text: string): string {
  return (FORMULA_FIRST_CHARACTERS as readonly string[]).includes(text.charAt(0)) ? `'${text}` : text;
}
