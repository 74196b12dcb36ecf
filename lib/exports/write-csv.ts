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

export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  const text = String(value);
  const safe = neutraliseFormula(text);
  return /[",\r\n]/.test(safe) || safe !== text ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function json(value: JsonValue | undefined): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

type Row = { [key: string]: JsonValue | undefined };

/** One row per event, UTF-8 with a byte-order mark so spreadsheet programs read Cyrillic, RFC 4180 quoting and CRLF line ends. */
export async function writeHistoryCsv(plan: ExportPlan, write: PieceWrite): Promise<void> {
  await write(`\uFEFF${CSV_COLUMNS.join(",")}\r\n`);
  for await (const exported of plan.cases()) {
    for await (const run of exported.events) {
      for (const raw of run) {
        const event = raw as Row;
        const actor = (event.actor ?? {}) as Row;
        const entity = (event.entity ?? {}) as Row;
        const cells: (string | number | null)[] = [
          exported.summary.caseNumber,
          exported.summary.chain,
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
        ];
        // A line at a time: the chunk encodes small pieces several times faster than one long string.
        await write(`${cells.map(csvCell).join(",")}\r\n`);
      }
    }
  }
}
