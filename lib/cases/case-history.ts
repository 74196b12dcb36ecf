import "server-only";
import { z } from "zod";
import { getDb } from "../db/client";
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

/**
 * The case page's timeline: the changes to the case, newest first, one page at a time, of one
 * kind (an action family) or all. A case's chain is named by the case's id (lib/audit/record-event.ts)
 * and its seq orders the events as they were written, so the next page is read by seq through the
 * chain's own index, never by an offset. The cursor is an event looked up in this chain only:
 * another case's event, or none, gives the first page.
 */
export async function getHistoryPanel(
  opened: AuthorizedCase,
  query: { cursor?: string; kind?: CaseHistoryKind } = {},
): Promise<HistoryPanel> {
  const db = getDb();
  const last = query.cursor
    ? await db.auditEvent.findFirst({ where: { id: query.cursor, chain: opened.id }, select: { seq: true } })
    : null;
  // The page's timeline is the record of changes; views of the case and the bookkeeping of its tasks
  // (shown at the top of the page) stay in the audit log.
  const ofKind = {
    chain: opened.id,
    action: { not: "case.viewed", ...(query.kind ? { startsWith: `${query.kind}.` } : {}) },
    NOT: { action: { startsWith: "task." } },
  };
  const [history, total, earlier] = await Promise.all([
    db.auditEvent.findMany({
      where: { ...ofKind, ...(last ? { seq: { lt: last.seq } } : {}) },
      orderBy: { seq: "desc" },
      take: HISTORY_PAGE_SIZE + 1,
      select: {
        id: true,
        occurredAt: true,
        actorId: true,
        actorLabel: true,
        action: true,
        reason: true,
        before: true,
        after: true,
        context: true,
      },
    }),
    db.auditEvent.count({ where: ofKind }),
    last ? db.auditEvent.count({ where: { ...ofKind, seq: { gte: last.seq } } }) : 0,
  ]);
  const page = history.slice(0, HISTORY_PAGE_SIZE);
  // The timeline names staff as the rest of the app does; the stored label (the e-mail at the
  // time) stays the audit log's record and shows only for accounts that no longer exist.
  const requests = new Map(
    page.flatMap((h) => {
      const parsed = ConfirmedContext.safeParse(h.context);
      return parsed.success ? [[h.id, parsed.data] as const] : [];
    }),
  );
  const actorIds = [
    ...new Set([...page.flatMap((h) => (h.actorId ? [h.actorId] : [])), ...[...requests.values()].map((r) => r.requestedBy)]),
  ];
  const actors = await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } });
  const actorName = new Map(actors.map((a) => [a.id, a.name]));
  const entries = page.map((h) => ({
    id: h.id,
    occurredAt: h.occurredAt.toISOString(),
    actor: (h.actorId && actorName.get(h.actorId)) || h.actorLabel,
    action: h.action,
    reason: h.reason,
    before: h.before,
    after: h.after,
    requested: requestedOf(requests.get(h.id), actorName),
  }));
  return { entries, total, earlier, nextCursor: history.length > HISTORY_PAGE_SIZE ? (entries[entries.length - 1]?.id ?? null) : null };
}

function requestedOf(context: z.infer<typeof ConfirmedContext> | undefined, names: Map<string, string>): HistoryEntry["requested"] {
  return context ? { by: names.get(context.requestedBy) ?? null, at: context.requestedAt } : null;
}
