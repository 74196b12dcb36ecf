import type { AgeCategory, CaseStatus, EnrollmentStatus, RiskLevel } from "../db/generated/enums";
import type { TaskRule, TaskRules } from "./task-rules";

/**
 * The tasks a case's state calls for, computed from that state alone: nothing is remembered
 * between runs, so computing twice gives the same answer and a task disappears as soon as the
 * state that called for it changes (a review recorded, a referral answered, a case closed).
 *
 * Each task has a key that names its occurrence (the rule and what it is about, e.g. the 6-month
 * follow-up of one enrollment), so whoever stores tasks can tell a task already known from a new
 * one, and one that is no longer called for from one that was done.
 */

/** Days are ISO calendar days (yyyy-mm-dd), as the record stores them. */
export type CaseState = {
  caseStatus: CaseStatus;
  riskLevel: RiskLevel;
  ageCategory: AgeCategory;
  birthDate: string;
  /** The day the case was registered: the first review is counted from it. */
  registeredOn: string;
  lastCaseReviewOn: string | null;
  enrollments: { id: string; status: EnrollmentStatus; referredOn: string; completedOn: string | null }[];
  /** Follow-ups already recorded, by enrollment and the month after completion they answer. */
  followUps: { enrollmentId: string; afterMonths: number }[];
  /** The last day a supervisor reviewed the person's required program types. */
  requirementsReviewedOn: string | null;
  /**
   * The day the person has waited since in the review queue with no referral, enrollment or
   * completion of any type (person_figures.waiting_since, docs/decisions/025); null when not waiting.
   */
  queueWaitingSince: string | null;
};

export type DueTask = {
  rule: TaskRule;
  key: string;
  dueOn: string;
  /**
   * The last day a task not stored yet may be stored: past it the occurrence is history, not work
   * (a coming of age is asked of minors only). A task stored by then stays until it is answered.
   */
  newUntil?: string;
};

/** Only open cases call for work; a closed, transferred, deceased or departed person's tasks end. */
const ACTIVE: readonly CaseStatus[] = ["OPEN"];

export function dueTasks(state: CaseState, rules: TaskRules): DueTask[] {
  if (!ACTIVE.includes(state.caseStatus)) return [];
  return [
    ...caseReview(state, rules),
    ...programFollowUps(state, rules),
    ...referralsWaiting(state, rules),
    ...comingOfAge(state, rules),
    ...queueTarget(state, rules),
  ];
}

function caseReview(state: CaseState, rules: TaskRules): DueTask[] {
  const since = state.lastCaseReviewOn ?? state.registeredOn;
  return [{ rule: "caseReview", key: `caseReview:${since}`, dueOn: addDays(since, rules.caseReview[state.riskLevel]) }];
}

function programFollowUps(state: CaseState, rules: TaskRules): DueTask[] {
  return state.enrollments.flatMap((enrollment) => {
    if (enrollment.status !== "COMPLETED" || enrollment.completedOn === null) return [];
    const completedOn = enrollment.completedOn;
    return rules.programFollowUp.afterMonths
      .filter((months) => !state.followUps.some((f) => f.enrollmentId === enrollment.id && f.afterMonths === months))
      .map((months) => ({
        rule: "programFollowUp" as const,
        key: `programFollowUp:${enrollment.id}:${months}`,
        dueOn: addMonths(completedOn, months),
      }));
  });
}

function referralsWaiting(state: CaseState, rules: TaskRules): DueTask[] {
  return state.enrollments
    .filter((enrollment) => enrollment.status === "REFERRED")
    .map((enrollment) => ({
      rule: "referralWaiting",
      key: `referralWaiting:${enrollment.id}`,
      dueOn: addDays(enrollment.referredOn, rules.referralWaiting.days),
    }));
}

/** A person's 18th birthday, and the day the supervisor's review of their required program types falls due. */
export function comingOfAgeDays(birthDate: string, rules: TaskRules): { adultOn: string; dueOn: string } {
  const adultOn = addMonths(birthDate, 18 * 12);
  return { adultOn, dueOn: addDays(adultOn, -rules.comingOfAge.daysBefore) };
}

/**
 * One per person (the key names no date, so a corrected birth date moves the task rather than adding
 * one), first stored only while the person is a minor: someone who came of age before the app knew
 * them gets no task from the past.
 */
function comingOfAge(state: CaseState, rules: TaskRules): DueTask[] {
  if (state.ageCategory !== "MINOR") return [];
  const { adultOn, dueOn } = comingOfAgeDays(state.birthDate, rules);
  // A review of the requirements made once the task was due answers it; an older one does not.
  if (state.requirementsReviewedOn !== null && state.requirementsReviewedOn >= dueOn) return [];
  return [{ rule: "comingOfAge", key: "comingOfAge", dueOn, newUntil: addDays(adultOn, -1) }];
}

/**
 * Due on the day the person reaches the review queue's target; overdue from the next, exactly when
 * the queue marks them overdue. Keyed by the day they wait since, so a referral declined later
 * starts a new wait and a new task rather than reopening the one a referral answered.
 */
function queueTarget(state: CaseState, rules: TaskRules): DueTask[] {
  if (!rules.queueTarget.enabled || state.queueWaitingSince === null) return [];
  const since = state.queueWaitingSince;
  return [{ rule: "queueTarget", key: `queueTarget:${since}`, dueOn: addDays(since, rules.waitingTargetDays) }];
}

const MS_PER_DAY = 86_400_000;

function dayOf(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

export function addDays(iso: string, days: number): string {
  return new Date(dayOf(iso).getTime() + days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Calendar months; a day the target month lacks becomes its last (31 August + 6 months = 28 or 29 February). */
export function addMonths(iso: string, months: number): string {
  const start = dayOf(iso);
  const firstOfTarget = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(firstOfTarget.getUTCFullYear(), firstOfTarget.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(firstOfTarget.getUTCFullYear(), firstOfTarget.getUTCMonth(), Math.min(start.getUTCDate(), lastDay)))
    .toISOString()
    .slice(0, 10);
}
