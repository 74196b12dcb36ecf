import type { EnrollmentStatus, ReasonKind } from "../db/generated/enums";

/**
 * The enrollment lifecycle: referred -> enrolled -> completed, or declined /
 * withdrawn / dropped out. This table is its one declaration: the step form's choices and its
 * zod enum, the column each step dates, the capacity rule and the labels are read from it.
 */
type StatusRule = {
  /** The enrollment's column that holds the day it reached this status. */
  dateColumn: "referredOn" | "enrolledOn" | "completedOn" | "endedOn";
  /** It holds one of the program's places: capacity counts it, and reaching it waits for a free place. */
  takesPlace: boolean;
  /** It meets the need for its program type ("Needs a program"): the case page, review queue, registry and dashboard agree. */
  meetsNeed: boolean;
  label: string;
  /** Reached only by an accepted transfer (docs/decisions/020): no step, form or import sets it. */
  byTransferOnly?: true;
};

export const ENROLLMENT_STATUSES = {
  REFERRED: { dateColumn: "referredOn", takesPlace: false, meetsNeed: true, label: "case.enrollmentStatus.REFERRED" },
  ENROLLED: { dateColumn: "enrolledOn", takesPlace: true, meetsNeed: true, label: "case.enrollmentStatus.ENROLLED" },
  COMPLETED: { dateColumn: "completedOn", takesPlace: false, meetsNeed: true, label: "case.enrollmentStatus.COMPLETED" },
  DECLINED: { dateColumn: "endedOn", takesPlace: false, meetsNeed: false, label: "case.enrollmentStatus.DECLINED" },
  WITHDRAWN: { dateColumn: "endedOn", takesPlace: false, meetsNeed: false, label: "case.enrollmentStatus.WITHDRAWN" },
  DROPPED_OUT: { dateColumn: "endedOn", takesPlace: false, meetsNeed: false, label: "case.enrollmentStatus.DROPPED_OUT" },
  // Set only by an accepted transfer, never by a step: the need opens again in the new region (docs/decisions/020).
  TRANSFERRED: {
    dateColumn: "endedOn",
    takesPlace: false,
    meetsNeed: false,
    label: "case.enrollmentStatus.TRANSFERRED",
    byTransferOnly: true,
  },
} as const satisfies Record<EnrollmentStatus, StatusRule>;

type StepRule = {
  from: EnrollmentStatus;
  to: EnrollmentStatus;
  /** The kind of reason the step asks for, from the reference list; null when it asks for none. */
  reasonKind: ReasonKind | null;
  label: string;
};

export const ENROLLMENT_STEPS = {
  enrol: { from: "REFERRED", to: "ENROLLED", reasonKind: null, label: "programForm.steps.enrol" },
  decline: { from: "REFERRED", to: "DECLINED", reasonKind: "DECLINE", label: "programForm.steps.decline" },
  complete: { from: "ENROLLED", to: "COMPLETED", reasonKind: null, label: "programForm.steps.complete" },
  withdraw: { from: "ENROLLED", to: "WITHDRAWN", reasonKind: "WITHDRAW", label: "programForm.steps.withdraw" },
  drop_out: { from: "ENROLLED", to: "DROPPED_OUT", reasonKind: "DROP_OUT", label: "programForm.steps.drop_out" },
} as const satisfies Record<string, StepRule>;

export type EnrollmentStep = keyof typeof ENROLLMENT_STEPS;
export const ENROLLMENT_STEP_NAMES = Object.keys(ENROLLMENT_STEPS) as [EnrollmentStep, ...EnrollmentStep[]];

/** The step that reaches a status (the ending step of a decline, a withdrawal, a drop-out); null for one no step reaches. */
export function stepInto(status: EnrollmentStatus): EnrollmentStep | null {
  return ENROLLMENT_STEP_NAMES.find((step) => ENROLLMENT_STEPS[step].to === status) ?? null;
}

const STATUSES = Object.keys(ENROLLMENT_STATUSES) as EnrollmentStatus[];

/** Statuses that hold a place in the program. */
export const PLACE_TAKING_STATUSES: EnrollmentStatus[] = STATUSES.filter((status) => ENROLLMENT_STATUSES[status].takesPlace);

/** Statuses that meet the need for the program's type. */
export const MEETS_NEED: EnrollmentStatus[] = STATUSES.filter((status) => ENROLLMENT_STATUSES[status].meetsNeed);

/** The kinds of reason an enrollment's steps ask for. */
export const STEP_REASON_KINDS: ReasonKind[] = [
  ...new Set(Object.values(ENROLLMENT_STEPS).flatMap((step: StepRule) => (step.reasonKind ? [step.reasonKind] : []))),
];

export function stepsFrom(status: EnrollmentStatus): EnrollmentStep[] {
  return ENROLLMENT_STEP_NAMES.filter((step) => ENROLLMENT_STEPS[step].from === status);
}
