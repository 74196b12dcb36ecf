import type { PieceWrite } from "../http/chunked-write";
import type { JsonValue } from "../audit/canonical-json";
import type { ExportPlan } from "./export-history";
import { neutraliseFormula } from "../security/formula-cells";

/** Column names are part of the file format, for parsers, so they are not translated. */
export const CSV_COLUMNS = [
  "case_number",
  "chain",
  "seq",
  "occurred_at",
  "actor_label",
  "actor_role",
  "action",
  "entity_type",
  "entity_id",
  "reason",
  "before",
  "after",
  "context",
  "prev_hash",
  "hash",
] as const;

const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  const text = typeof value === "string" ? value : String(value);
  const safe = neutraliseFormula(text);
  return safe !== text || NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The cells of one line, separated and ended as the format says. */
function csvLine(cells: readonly (string | number | null)[]): string {
  let line = csvCell(cells[0] ?? null);
  for (let i = 1; i < cells.length; i++) line += `,${csvCell(cells[i] ?? null)}`;
  return `${line}\r\n`;
}

function json(value: JsonValue | undefined): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

type Row = { [key: string]: JsonValue | undefined };

/** One row per event, UTF-8 with a byte-order mark so spreadsheet programs read Cyrillic, RFC 4180 quoting and CRLF line ends. */
export async function writeHistoryCsv(plan: ExportPlan, write: PieceWrite): Promise<void> {
  await write(`\uFEFF${CSV_COLUMNS.join(",")}\r\n`);
  for await (const exported of plan.cases()) {
    // The case's own cells begin each of its lines: quoted once per case, not once per event.
    const caseCells = `${csvCell(exported.summary.caseNumber)},${csvCell(exported.summary.chain)},`;
    for await (const run of exported.events) {
      for (const raw of run) {
        const event = raw as Row;
        const actor = (event.actor ?? {}) as Row;
        const entity = (event.entity ?? {}) as Row;
        // A line at a time: the chunk encodes small pieces several times faster than one long string.
        await write(
          caseCells +
            csvLine([
              event.seq as number,
              event.occurredAt as string,
              (actor.label as string | undefined) ?? null,
              (actor.role as string | undefined) ?? null,
              event.action as string,
              (entity.type as string | undefined) ?? null,
              (entity.id as string | undefined) ?? null,
              (event.reason as string | undefined) ?? null,
              json(event.before),
              json(event.after),
              json(event.context),
              (event.prevHash as string | undefined) ?? null,
              (event.hash as string | undefined) ?? null,
            ]),
        );
      }
    }
  }
}
