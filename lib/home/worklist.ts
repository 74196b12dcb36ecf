import "server-only";
import { getDb } from "../db/client";
import type { CurrentUser } from "../auth/current-user";
import { caseScopeWhere } from "../policy/case-scope";
import { reviewQueue } from "../review/queue";
import { ReviewQuery } from "../validation/review";
import type { Labels } from "../i18n/locales";
import { DEFAULT_TASK_RULES } from "../tasks/task-rules";

/** A referral nobody has acted on for this long needs a nudge (enrolled, declined or withdrawn): the task rule's. */
export const REFERRAL_WAITING_DAYS = DEFAULT_TASK_RULES.referralWaiting.days;
/** The home page lists the most urgent items; the review queue and the registry hold the rest. */
export const WORKLIST_LENGTH = 15;

/**
 * One thing to do on one case, most urgent kinds first: a person past the review target with no
 * program at all, a referral left waiting, a person still missing a required program type.
 */
export type WorkItem =
  | { kind: "programOverdue" | "programMissing"; caseId: string; caseNumber: string; name: string; days: number; types: Labels[] }
  | { kind: "referralWaiting"; caseId: string; caseNumber: string; name: string; days: number; program: string };

export type Worklist = { items: WorkItem[]; more: boolean; targetDays: number };

const URGENCY: Record<WorkItem["kind"], number> = { programOverdue: 0, referralWaiting: 1, programMissing: 2 };

/**
 * A caseworker's day, from the state of their own cases: the review queue's definition of who
 * needs a program (scoped by the policy inside reviewQueue) and the referrals of cases in their
 * reach that wait longer than REFERRAL_WAITING_DAYS. Longest waiting first within each kind.
 */
export async function getWorklist(user: CurrentUser, today = new Date()): Promise<Worklist> {
  const db = getDb();
  const cutoff = new Date(today.getTime() - REFERRAL_WAITING_DAYS * 86_400_000);
  const [overdue, waitingNeeds, referrals, types] = await Promise.all([
    reviewQueue(user, ReviewQuery.parse({ overdue: "1" }), today),
    reviewQueue(user, ReviewQuery.parse({}), today),
    db.enrollment.findMany({
      where: {
        status: "REFERRED",
        referredOn: { lt: cutoff },
        person: { AND: [caseScopeWhere(user, "case.view"), { caseStatus: "OPEN" }] },
      },
      orderBy: [{ referredOn: "asc" }, { id: "asc" }],
      take: WORKLIST_LENGTH + 1,
      select: {
        referredOn: true,
        program: { select: { name: true } },
        person: { select: { id: true, caseNumber: true, familyName: true, givenName: true, patronymic: true } },
      },
    }),
    db.programType.findMany({ select: { code: true, labelEn: true, labelRu: true, labelKk: true } }),
  ]);
  const typeLabels = new Map(types.map((t) => [t.code, { en: t.labelEn, ru: t.labelRu, kk: t.labelKk }]));
  const labelsOf = (codes: string[]) => codes.map((code) => typeLabels.get(code) ?? { en: code, ru: code, kk: code });
  const seen = new Set<string>();
  const needs: WorkItem[] = [...overdue.rows, ...waitingNeeds.rows]
    .filter((row) => !seen.has(row.id) && seen.add(row.id))
    .map((row) => ({
      kind: row.overdue ? "programOverdue" : "programMissing",
      caseId: row.id,
      caseNumber: row.caseNumber,
      name: row.name,
      days: row.daysWaiting,
      types: labelsOf(row.missingTypes),
    }));
  const waiting: WorkItem[] = referrals.map((r) => ({
    kind: "referralWaiting",
    caseId: r.person.id,
    caseNumber: r.person.caseNumber,
    name: [r.person.familyName, r.person.givenName, r.person.patronymic].filter(Boolean).join(" "),
    days: Math.floor((today.getTime() - r.referredOn.getTime()) / 86_400_000),
    program: r.program.name,
  }));
  const items = [...needs, ...waiting].sort((a, b) => URGENCY[a.kind] - URGENCY[b.kind] || b.days - a.days);
  const more =
    items.length > WORKLIST_LENGTH || overdue.nextCursor !== null || waitingNeeds.nextCursor !== null || referrals.length > WORKLIST_LENGTH;
  return { items: items.slice(0, WORKLIST_LENGTH), more, targetDays: overdue.targetDays };
}
