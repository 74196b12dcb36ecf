import "server-only";
import { Prisma } from "../db/generated/client";
import { queryRows } from "../db/sql";
import type { ProsecutionStatus } from "../db/generated/enums";
import type { AuthorizedCase } from "./get-case";

export type ProsecutionPanel = {
  /** Oldest first, each with the days the case spent in the status before it. */
  entries: {
    id: string;
    status: ProsecutionStatus;
    effectiveDate: string;
    articles: string[];
    authority: string | null;
    sentenceMonths: number | null;
    reason: string;
    daysInPrevious: number | null;
  }[];
  /** The statuses this case may move to, from the table the server also enforces; empty when read-only. */
  nextStatuses: { status: ProsecutionStatus; isCorrection: boolean }[];
};

type PanelRow = {
  entries: Omit<ProsecutionPanel["entries"][number], "daysInPrevious">[];
  transitions: ProsecutionPanel["nextStatuses"];
};

const DAY_MS = 86_400_000;

/**
 * The case page's prosecution panel: the status history and, for an editor, the next statuses.
 * Both in one statement on the driver (docs/decisions/033); days come back as ISO text, and
 * articles never recorded (NULL, which the ORM read as none) as an empty list.
 */
export async function getProsecutionPanel(opened: AuthorizedCase): Promise<ProsecutionPanel> {
  const [row] = await queryRows<PanelRow>(Prisma.sql`
    SELECT
      (SELECT coalesce(json_agg(json_build_object('id', e.id, 'status', e.status, 'effectiveDate', e.effective_date, 'articles', coalesce(e.articles, '{}'),
                                                  'authority', e.authority, 'sentenceMonths', e.sentence_months, 'reason', e.reason)
                                ORDER BY e.effective_date, e.created_at), '[]')
         FROM prosecution_entry e WHERE e.person_id = ${opened.id}::uuid) AS entries,
      (SELECT coalesce(json_agg(json_build_object('status', t.to_status, 'isCorrection', t.is_correction)
                                ORDER BY t.is_correction, t.to_status), '[]')
         FROM prosecution_transition t
         WHERE ${opened.canEdit} AND t.from_status = ${opened.prosecutionStatus}::"ProsecutionStatus") AS transitions`);
  // Scalar subqueries only: the statement always gives one row.
  const { entries, transitions } = row!;
  return {
    entries: entries.map((e, i, all) => {
      const previous = all[i - 1];
      return {
        ...e,
        daysInPrevious: previous ? Math.round((Date.parse(e.effectiveDate) - Date.parse(previous.effectiveDate)) / DAY_MS) : null,
      };
    }),
    nextStatuses: transitions,
  };
}
