import "server-only";
import { getDb } from "../db/client";
import type { ProsecutionStatus } from "../db/generated/enums";
import { day } from "./case-labels";
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

/** The case page's prosecution panel: the status history and, for an editor, the next statuses. */
export async function getProsecutionPanel(opened: AuthorizedCase): Promise<ProsecutionPanel> {
  const db = getDb();
  const [entries, transitions] = await Promise.all([
    db.prosecutionEntry.findMany({
      where: { personId: opened.id },
      orderBy: [{ effectiveDate: "asc" }, { createdAt: "asc" }],
      select: { id: true, status: true, effectiveDate: true, articles: true, authority: true, sentenceMonths: true, reason: true },
    }),
    opened.canEdit
      ? db.prosecutionTransition.findMany({
          where: { fromStatus: opened.prosecutionStatus },
          orderBy: [{ isCorrection: "asc" }, { toStatus: "asc" }],
          select: { toStatus: true, isCorrection: true },
        })
      : Promise.resolve([]),
  ]);
  return {
    entries: entries.map((e, i, all) => {
      const previous = all[i - 1];
      return {
        id: e.id,
        status: e.status,
        effectiveDate: day(e.effectiveDate) ?? "",
        articles: e.articles,
        authority: e.authority,
        sentenceMonths: e.sentenceMonths,
        reason: e.reason,
        daysInPrevious: previous ? Math.round((e.effectiveDate.getTime() - previous.effectiveDate.getTime()) / 86_400_000) : null,
      };
    }),
    nextStatuses: transitions.map((t) => ({ status: t.toStatus, isCorrection: t.isCorrection })),
  };
}
