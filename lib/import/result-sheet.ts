import ExcelJS from "exceljs";
import type { ImportRowOutcome } from "../db/generated/enums";
import type { Locale } from "../i18n/locales";
import { neutraliseFormula } from "../security/formula-cells";
import { catalogText } from "./catalog-text";
import { PERSON_IMPORT_FIELDS } from "./import-fields";
import { PROBLEM_GROUPS } from "./problems";

/**
 * The result of a committed batch as a workbook: one line per row of the file with what it
 * became and the case it became or joined, in the reader's language. Every text cell goes through
 * the exports' formula rule, since the file name and the reasons come from the uploaded file.
 */
export type ResultLine = { row: number; outcome: ImportRowOutcome; caseNumber: string | null; error: string | null };
export type ResultBatch = { fileName: string; fileSha256: string; sheet: string; results: ResultLine[] };

const CELL_CODES: ReadonlySet<string> = new Set<string>(PROBLEM_GROUPS.cell);
const COMMIT_ERRORS: ReadonlySet<string> = new Set(["iinElsewhere", "notInReach", "regionNotYours"]);

/** A stored error in words: a cell problem is `field:code`, a refusal of the commit its own key. */
export function resultErrorText(locale: Locale, error: string): string {
  const [field, code] = error.includes(":") ? error.split(":", 2) : [null, error];
  if (field !== null && code !== undefined) {
    const header = PERSON_IMPORT_FIELDS.find((f) => f.key === field)?.headers[locale][0] ?? field;
    const message = catalogText(locale, `import.problems.cell.${CELL_CODES.has(code) ? code : "invalid"}`);
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
  const header = sheet.addRow([text("columns.row"), text("columns.outcome"), text("columns.caseNumber"), text("columns.error")]);
  header.font = { bold: true };
  for (const line of batch.results) {
    sheet.addRow([
      line.row,
      text(`outcomes.${line.outcome}`),
      line.caseNumber ?? "",
      line.error === null ? "" : neutraliseFormula(resultErrorText(locale, line.error)),
    ]);
  }
  sheet.columns.forEach((column, i) => (column.width = [10, 24, 18, 60][i] ?? 20));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
