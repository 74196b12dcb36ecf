import type { PieceWrite } from "../http/chunked-write";
import type { EventEncoding, ExportPlan } from "./export-history";
import { CSV_COLUMNS, csvCell, csvLineOfEvent, csvLineOfRow } from "./csv-line";

/** Each event as the bytes of its line, after its case's cells. */
const AS_CSV_LINES: EventEncoding<Buffer> = {
  fromRow: csvLineOfRow,
  fromEvent: (event) => Buffer.from(csvLineOfEvent(event), "utf8"),
};

/** One row per event, UTF-8 with a byte-order mark so spreadsheet programs read Cyrillic, RFC 4180 quoting and CRLF line ends. */
export async function writeHistoryCsv(plan: ExportPlan, write: PieceWrite): Promise<void> {
  await write(`\uFEFF${CSV_COLUMNS.join(",")}\r\n`);
  for await (const exported of plan.cases(AS_CSV_LINES)) {
    // The case's own cells begin each of its lines: quoted once per case, not once per event.
    const caseCells = Buffer.from(`${csvCell(exported.summary.caseNumber)},${csvCell(exported.summary.chain)},`, "utf8");
    // A run at a time: one write for all of its lines.
    for await (const run of exported.events) await write(Buffer.concat(run.flatMap((line) => [caseCells, line])));
  }
}
