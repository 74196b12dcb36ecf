import "server-only";
import { getDb } from "../db/client";
import type { CurrentUser } from "../auth/current-user";
import { assignCaseworker } from "../cases/assign-caseworker";
import { DomainError } from "../errors/domain-error";
import { FieldProblems } from "../errors/field-problems";
import { reportUnexpected } from "../errors/report-unexpected";
import { caseScopeWhere } from "../policy/case-scope";
import { changeRequestRefusal } from "../access/hold-change";
import { markNeedNotRequired } from "../programs/needs";
import { referToProgram } from "../programs/enrollments";
import type { BulkReviewInput } from "../validation/review-actions";

/** What happened to one person of a bulk action: "ok", or the message key of why not. */
/**
 * `full`: referred, to a program with no free place, so the person waits for one. `held`: the
 * change waits for a second supervisor (a minor's need marked not required, decision 016).
 */
export type BulkOutcome = { caseId: string; caseNumber: string | null; result: string; reference?: string; full?: boolean; held?: boolean };

/**
 * Applies one action to each selected person in turn, each through its own domain function and
 * so in its own transaction with its own audit event: one full program or stale row fails that
 * person only, and the summary says who succeeded and why the others did not.
 */
export async function runBulkReview(user: CurrentUser, input: BulkReviewInput, now = new Date()): Promise<BulkOutcome[]> {
  const visible = await getDb().person.findMany({
    where: { AND: [caseScopeWhere(user, "review.view"), { id: { in: input.selected.map((s) => s.caseId) } }] },
    select: { id: true, caseNumber: true },
  });
  const numbers = new Map(visible.map((p) => [p.id, p.caseNumber]));
  const outcomes: BulkOutcome[] = [];
  for (const { caseId, version } of input.selected) {
    const caseNumber = numbers.get(caseId) ?? null;
    try {
      let full = false;
      let held = false;
      if (input.operation === "assign") await assignCaseworker(user, { caseId, version, caseworkerId: input.caseworkerId });
      else if (input.operation === "refer")
        full = (await referToProgram(user, { caseId, programId: input.programId, date: input.date, note: "" }, now)).full;
      else
        ({ held } = await markNeedNotRequired(user, {
          caseId,
          programTypeCode: input.programTypeCode,
          reasonId: input.reasonId,
          comment: input.comment,
        }));
      outcomes.push({ caseId, caseNumber, result: "ok", ...(full ? { full } : {}), ...(held ? { held } : {}) });
    } catch (error) {
      if (error instanceof FieldProblems) outcomes.push({ caseId, caseNumber, result: error.problems[0]?.message ?? "invalid" });
      else if (error instanceof DomainError)
        outcomes.push({ caseId, caseNumber, result: changeRequestRefusal(error)?.message ?? error.kind });
      else outcomes.push({ caseId, caseNumber, result: "unexpected", reference: reportUnexpected(error, "runBulkReview") });
    }
  }
  return outcomes;
}
