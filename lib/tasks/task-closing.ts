import type { CaseState } from "./due-tasks";

export type Closing = { state: "DONE" | "NO_LONGER_NEEDED"; closedBy: string };

/**
 * Why a stored task is no longer due, read from the case's state now: the work was done (a review
 * recorded, a referral answered, a follow-up noted), or it is no longer needed (the case closed,
 * the enrollment it was about ended otherwise). The same answer whether the action that changed
 * the state closes it at once or the nightly recomputation finds it, since both read the state.
 * `closedBy` is the audit action of what closed it.
 */
export function closingOf(dueKey: string, state: CaseState): Closing {
  if (state.caseStatus !== "OPEN") return { state: "NO_LONGER_NEEDED", closedBy: `case.${state.caseStatus.toLowerCase()}` };
  const [rule, subject, months] = dueKey.split(":");
  const enrollment = state.enrollments.find((e) => e.id === subject);
  switch (rule) {
    case "caseReview":
      // Its key is the day the review was counted from: only a newer review moves it.
      return { state: "DONE", closedBy: "case.reviewed" };
    case "referralWaiting":
      if (enrollment && ["ENROLLED", "DECLINED", "WITHDRAWN"].includes(enrollment.status))
        return { state: "DONE", closedBy: `enrollment.${enrollment.status.toLowerCase()}` };
      return { state: "NO_LONGER_NEEDED", closedBy: "enrollment.changed" };
    case "programFollowUp":
      if (state.followUps.some((f) => f.enrollmentId === subject && String(f.afterMonths) === months))
        return { state: "DONE", closedBy: "followUp.recorded" };
      return { state: "NO_LONGER_NEEDED", closedBy: "enrollment.changed" };
    case "comingOfAge":
      // Still a minor's case and reviewed: a review made once it was due (an older one keeps it due).
      if (state.ageCategory === "MINOR" && state.requirementsReviewedOn !== null) return { state: "DONE", closedBy: "need.reviewed" };
      return { state: "NO_LONGER_NEEDED", closedBy: "person.updated" };
    case "queueTarget": {
      // Its key is the day the wait began: still waiting since then, only the rule switched off ends it;
      // waiting since another day (the return date corrected), a new task replaces it.
      if (state.queueWaitingSince === subject) return { state: "NO_LONGER_NEEDED", closedBy: "rules.changed" };
      if (state.queueWaitingSince !== null) return { state: "NO_LONGER_NEEDED", closedBy: "queue.changed" };
      const referred = state.enrollments.some((e) => ["REFERRED", "ENROLLED", "COMPLETED"].includes(e.status));
      return { state: "DONE", closedBy: referred ? "enrollment.referred" : "queue.left" };
    }
    default:
      return { state: "NO_LONGER_NEEDED", closedBy: "rules.changed" };
  }
}
