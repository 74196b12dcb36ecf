import { readDate, readIin } from "./cell-values";
import { synonymsOf, type ImportField, type ImportValueKind } from "./import-fields";
import type { HeaderProblemCode } from "./problems";
import { isUnreadable, type Cell } from "./sheet";
import { textKey } from "./text-key";

/**
 * Suggests which field each column of a sheet holds: from its header in any of the three
 * languages, then, for a column whose header names nothing, from its values (twelve-digit IINs,
 * dates). Each field is suggested for one column at most, the surest match winning; a column
 * nothing fits is suggested as `null`, for the person importing to map or leave out. These are
 * suggestions only: the person confirms or changes them before the preview.
 */
export type MatchedBy = "header" | "headerStart" | "abbreviation" | "values";
export type ColumnMatch<Key extends string> = { column: number; header: string; field: Key | null; by: MatchedBy | null };

const SCORE: Record<Exclude<MatchedBy, "values">, number> = { header: 3, abbreviation: 2, headerStart: 1 };

function headerText(cell: Cell): string {
  return typeof cell === "string" ? cell : typeof cell === "number" ? String(cell) : "";
}

/**
 * Below this length a cut word could stand for too much («Ст.» is as often «статья», the
 * article of a criminal code, as «статус»), so it abbreviates nothing.
 */
const SHORTEST_ABBREVIATION = 3;

const abbreviates = (word: string, full: string | undefined) =>
  full !== undefined && (word === full || (word.length >= SHORTEST_ABBREVIATION && full.startsWith(word)));

/** How a header names a synonym: exactly («Ф.И.О.» for «ФИО»), abbreviated word by word («Дата рожд.»), or followed by a note («ИИН (12 цифр)»). */
function compare(header: string, synonym: string): Exclude<MatchedBy, "values"> | null {
  if (header === "") return null;
  if (header.replaceAll(" ", "") === synonym.replaceAll(" ", "")) return "header";
  const headerWords = header.split(" ");
  const synonymWords = synonym.split(" ");
  if (headerWords.length === synonymWords.length && headerWords.every((word, i) => abbreviates(word, synonymWords[i])))
    return "abbreviation";
  if (headerWords.length > synonymWords.length && synonymWords.every((word, i) => headerWords[i] === word)) return "headerStart";
  return null;
}

function bestByHeader(header: string, field: ImportField): Exclude<MatchedBy, "values"> | null {
  let best: Exclude<MatchedBy, "values"> | null = null;
  for (const synonym of synonymsOf(field)) {
    const by = compare(header, textKey(synonym));
    if (by && (best === null || SCORE[by] > SCORE[best])) best = by;
  }
  return best;
}

/** A column is recognised by its values when nearly all of its filled sample cells read as that kind. */
const VALUE_SHARE = 0.8;
const SAMPLE_ROWS = 50;
/**
 * Excel's day number of 1 January 1910. Smaller numbers in a column are far more likely row
 * numbers or ages than dates, so they do not make it a date column (though a date field still
 * reads them as dates).
 */
const FIRST_LIKELY_SERIAL = 3654;

const looksLikeDate = (cell: Cell) => (typeof cell !== "number" || cell >= FIRST_LIKELY_SERIAL) && readDate(cell).ok;

function kindOfValues(cells: Cell[]): ImportValueKind | null {
  const filled = cells.filter((cell) => cell !== null && !isUnreadable(cell) && !(typeof cell === "string" && cell.trim() === ""));
  if (filled.length === 0) return null;
  const share = (looksLike: (cell: Cell) => boolean) => filled.filter(looksLike).length / filled.length;
  if (share((cell) => readIin(cell).ok) >= VALUE_SHARE) return "iin";
  if (share(looksLikeDate) >= VALUE_SHARE) return "date";
  return null;
}

export function suggestColumns<Key extends string>(
  headerRow: Cell[],
  dataRows: Cell[][],
  fields: readonly ImportField<Key>[],
): ColumnMatch<Key>[] {
  const samples = dataRows.slice(0, SAMPLE_ROWS);
  // Data may run past the last header, and such a column can still be recognised by its values.
  const width = Math.max(headerRow.length, ...samples.map((row) => row.length));
  const matches: ColumnMatch<Key>[] = Array.from({ length: width }, (_, i) => ({
    column: i + 1,
    header: headerText(headerRow[i] ?? null).trim(),
    field: null,
    by: null,
  }));
  const candidates = matches.flatMap((match) =>
    fields.flatMap((field) => {
      const by = bestByHeader(textKey(match.header), field);
      return by ? [{ match, field: field.key, by, score: SCORE[by] }] : [];
    }),
  );
  candidates.sort((a, b) => b.score - a.score || a.match.column - b.match.column);
  const taken = new Set<Key>();
  for (const candidate of candidates) {
    if (candidate.match.field !== null || taken.has(candidate.field)) continue;
    candidate.match.field = candidate.field;
    candidate.match.by = candidate.by;
    taken.add(candidate.field);
  }
  for (const match of matches) {
    if (match.field !== null) continue;
    const kind = kindOfValues(samples.map((row) => row[match.column - 1] ?? null));
    const field = kind && fields.find((f) => f.kind === kind && !taken.has(f.key));
    if (!field) continue;
    match.field = field.key;
    match.by = "values";
    taken.add(field.key);
  }
  return matches;
}

/**
 * "noHeaderRow" when a sheet's first row cannot be its headers: it holds no text, or none of its
 * cells names a field while some already reads as an IIN or a date, i.e. the data starts at once.
 */
export function headerRowProblem(headerRow: Cell[], fields: readonly ImportField[]): HeaderProblemCode | null {
  const texts = headerRow.filter((cell): cell is string => typeof cell === "string" && cell.trim() !== "");
  if (texts.length === 0) return "noHeaderRow";
  if (texts.some((text) => fields.some((field) => bestByHeader(textKey(text), field) !== null))) return null;
  return headerRow.some((cell) => kindOfValues([cell]) !== null) ? "noHeaderRow" : null;
}
