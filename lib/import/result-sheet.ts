import ExcelJS from "exceljs";
import type { ImportRowOutcome } from "../db/generated/enums";
import type { Locale } from "../i18n/locales";
import { neutraliseFormula } from "../security/formula-cells";
import { catalogText } from "./catalog-text";
import { IMPORT_SHEET_NAMES, IMPORT_SHEETS, type ImportField } from "./import-fields";
import { PROBLEM_GROUPS } from "./problems";

/**
 * The result of a committed batch as a workbook: one line per row of each sheet of the file with
 * what it became and the case it became, joined or was written to, in the reader's language. Every text cell goes through
 * the exports' formula rule, since the file name and the reasons come from the uploaded file.
 */
export type ResultLine = { sheet: string; row: number; outcome: ImportRowOutcome; caseNumber: string | null; error: string | null };
export type ResultBatch = { fileName: string; fileSha256: string; sheet: string; results: ResultLine[] };

const CELL_CODES: ReadonlySet<string> = new Set<string>(PROBLEM_GROUPS.cell);
const LINK_CODES: ReadonlySet<string> = new Set<string>(PROBLEM_GROUPS.link);
const COMMIT_ERRORS: ReadonlySet<string> = new Set(["iinElsewhere", "notInReach", "regionNotYours", "changedMeanwhile"]);
/** Every sheet's fields; a key names the same column on every sheet that has it (the person key). */
const FIELDS: readonly ImportField[] = IMPORT_SHEET_NAMES.flatMap((sheet) => IMPORT_SHEETS[sheet] as readonly ImportField[]);

/**
 * A stored error in words: a problem of a row is `field:code` (a forbidden transition adds
 * `:FROM>TO`), a refusal of the commit its own key.
 */
export function resultErrorText(locale: Locale, error: string): string {
  const [field, code, move] = error.includes(":") ? error.split(":", 3) : [null, error];
  if (field !== null && code !== undefined) {
    const header = FIELDS.find((f) => f.key === field)?.headers[locale][0] ?? field;
    const [from, to] = (move ?? "").split(">").map((status) => (status ? catalogText(locale, `enums.prosecution.${status}`) : ""));
    const message = LINK_CODES.has(code)
      ? catalogText(locale, `import.problems.link.${code}`, { from: from ?? "", to: to ?? "" })
      : catalogText(locale, `import.problems.cell.${CELL_CODES.has(code) ? code : "invalid"}`);
    return `${header}: ${message}`;
  }
  return catalogText(locale, `import.result.errors.${COMMIT_ERRORS.has(error) ? error : "other"}`);
}

export async function buildResultSheet(locale: Locale, batch: ResultBatch): Promise<Uint8Array<ArrayBuffer>> {
  const text = (key: string) => catalogText(locale, `import.result.${key}`);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(text("sheet"));
  sheet.addRow([text("file"), neutraliseFormula(batch.fileName)]);
  sheet.addRow([text("sha256"), batch.fileSha256]);
  sheet.addRow([text("fileSheet"), neutraliseFormula(batch.sheet)]);
  sheet.addRow([]);
  const header = sheet.addRow([
    text("columns.sheet"),
    text("columns.row"),
    text("columns.outcome"),
    text("columns.caseNumber"),
    text("columns.error"),
  ]);
  header.font = { bold: true };
  for (const line of batch.results) {
    sheet.addRow([
      neutraliseFormula(line.sheet),
      line.row,
      // A row of the other sheets writes a fact to a case; only a persons row creates one.
      line.sheet !== batch.sheet && line.outcome === "CREATED" ? text("written") : text(`outcomes.${line.outcome}`),
      line.caseNumber ?? "",
      line.error === null ? "" : neutraliseFormula(resultErrorText(locale, line.error)),
    ]);
  }
  sheet.columns.forEach((column, i) => (column.width = [20, 10, 24, 18, 60][i] ?? 20));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
