import "server-only";
import { z } from "zod";
import { rowsPlannedEachRun } from "../db/sql";
import type { CaseHistoryKind } from "../validation/case-page";
import type { AuthorizedCase } from "./get-case";

/** Events a page shows: a few screens of changes, and a page that stays small however old the case. */
export const HISTORY_PAGE_SIZE = 50;

export type HistoryEntry = {
  id: string;
  occurredAt: string;
  actor: string | null;
  action: string;
  reason: string | null;
  before: unknown;
  after: unknown;
  /** For a change applied on confirmation of a request: who asked for it and when (the event's actor confirmed it). */
  requested: { by: string | null; at: string } | null;
};

/** What an applied change's event says of the request it came from (lib/access/hold-change.ts). */
const ConfirmedContext = z.object({ changeRequest: z.uuid(), requestedBy: z.uuid(), requestedAt: z.iso.datetime() });

/** One page of the case's timeline, where it stands among the events of its kind, and the cursor of the next. */
export type HistoryPanel = { entries: HistoryEntry[]; total: number; earlier: number; nextCursor: string | null };

type Row = {
  total: number;
  earlier: number;
  id: string | null;
  occurred_at: Date;
  actor_label: string | null;
  actor_name: string | null;
  action: string;
  reason: string | null;
  before: unknown;
  after: unknown;
  context: unknown;
  requested_by_name: string | null;
};

/**
 * The case page's timeline: the changes to the case, newest first, one page at a time, of one
 * kind (an action family) or all. A case's chain is named by the case's id (lib/audit/record-event.ts)
 * and its seq orders the events as they were written, so the next page is read by seq through the
 * chain's own index, never by an offset. The cursor is an event looked up in this chain only:
 * another case's event, or none, gives the first page. One statement on the driver
 * (docs/decisions/033) gives the counts, the page and the names of the staff it mentions, where
 * the ORM sent four or five.
 */
export async function getHistoryPanel(
  opened: AuthorizedCase,
  query: { cursor?: string; kind?: CaseHistoryKind } = {},
): Promise<HistoryPanel> {
  // The page's timeline is the record of changes; views of the case and the bookkeeping of its tasks
  // (shown at the top of the page) stay in the audit log. $3 is the kind's action prefix, or null.
  const ofKind = `e.chain = $1 AND e.action <> 'case.viewed' AND left(e.action, 5) <> 'task.'
    AND ($3::text IS NULL OR left(e.action, length($3)) = $3)`;
  const rows = await rowsPlannedEachRun<Row>(
    `WITH last AS (SELECT e.seq FROM audit_event e WHERE e.id = $2::uuid AND e.chain = $1)
     SELECT counts.total, counts.earlier, page.*
     FROM (SELECT (SELECT count(*)::int FROM audit_event e WHERE ${ofKind}) AS total,
                  (SELECT count(*)::int FROM audit_event e, last WHERE ${ofKind} AND e.seq >= last.seq) AS earlier
          ) AS counts
     LEFT JOIN LATERAL (
       SELECT e.seq, e.id, e.occurred_at, e.actor_label, a.name AS actor_name, e.action, e.reason, e.before, e.after, e.context,
              r.name AS requested_by_name
       FROM audit_event e
         LEFT JOIN app_user a ON a.id = e.actor_id
         -- Compared as text: a context is whatever its event recorded, and only a confirmed
         -- change's (ConfirmedContext below) is read as naming who asked.
         LEFT JOIN app_user r ON r.id::text = e.context->>'requestedBy'
       WHERE ${ofKind} AND (NOT EXISTS (SELECT 1 FROM last) OR e.seq < (SELECT last.seq FROM last))
       ORDER BY e.seq DESC
       LIMIT $4
     ) AS page ON TRUE
     ORDER BY page.seq DESC`,
    [opened.id, query.cursor ?? null, query.kind ? `${query.kind}.` : null, HISTORY_PAGE_SIZE + 1],
  );
  // The counts' row always comes back, with the page's rows beside it, or nulls when it is empty.
  const { total, earlier } = rows[0]!;
  const history = rows.filter((row): row is Row & { id: string } => row.id !== null);
  // The timeline names staff as the rest of the app does; the stored label (the e-mail at the
  // time) stays the audit log's record and shows only for accounts that no longer exist.
  const entries = history.slice(0, HISTORY_PAGE_SIZE).map((h) => {
    const requested = ConfirmedContext.safeParse(h.context);
    return {
      id: h.id,
      occurredAt: h.occurred_at.toISOString(),
      actor: h.actor_name || h.actor_label,
      action: h.action,
      reason: h.reason,
      before: h.before,
      after: h.after,
      requested: requested.success ? { by: h.requested_by_name, at: requested.data.requestedAt } : null,
    };
  });
  return { entries, total, earlier, nextCursor: history.length > HISTORY_PAGE_SIZE ? (entries[entries.length - 1]?.id ?? null) : null };
}
