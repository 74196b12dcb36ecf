import type { ProsecutionStatus } from "../db/generated/enums";

/**
 * The allowed moves between prosecution statuses (DOMAIN.md "Prosecution record"). This list
 * is the single source: the seed writes it to `prosecution_transition`, which the app reads,
 * so a correction path exists and nonsense (no proceedings straight to released) is refused.
 */
export type Transition = { from: ProsecutionStatus; to: ProsecutionStatus; isCorrection: boolean };

const FORWARD: [ProsecutionStatus, ProsecutionStatus[]][] = [
  // A child who comes of age, or about whom information emerges.
  ["NOT_APPLICABLE", ["NO_PROCEEDINGS", "PRELIMINARY_CHECK"]],
  ["NO_PROCEEDINGS", ["PRELIMINARY_CHECK", "UNDER_INVESTIGATION"]],
  ["PRELIMINARY_CHECK", ["UNDER_INVESTIGATION", "NO_PROCEEDINGS", "PROCEEDINGS_DROPPED"]],
  ["UNDER_INVESTIGATION", ["CHARGED", "PROCEEDINGS_DROPPED"]],
  ["CHARGED", ["ON_TRIAL", "PROCEEDINGS_DROPPED"]],
  ["ON_TRIAL", ["CONVICTED", "ACQUITTED", "PROCEEDINGS_DROPPED"]],
  // A suspended sentence, or time served in pre-trial detention, releases at once.
  ["CONVICTED", ["SERVING_SENTENCE", "RELEASED_AFTER_SENTENCE"]],
  ["SERVING_SENTENCE", ["RELEASED_AFTER_SENTENCE"]],
  // An appeal against an acquittal, a case reopened, a new offence.
  ["ACQUITTED", ["ON_TRIAL"]],
  ["PROCEEDINGS_DROPPED", ["PRELIMINARY_CHECK", "UNDER_INVESTIGATION"]],
  ["RELEASED_AFTER_SENTENCE", ["PRELIMINARY_CHECK", "UNDER_INVESTIGATION"]],
];

// One step back, for an entry recorded in error; the UI asks for the reason like any other.
const CORRECTIONS: [ProsecutionStatus, ProsecutionStatus][] = [
  ["NO_PROCEEDINGS", "NOT_APPLICABLE"],
  ["PRELIMINARY_CHECK", "NO_PROCEEDINGS"],
  ["UNDER_INVESTIGATION", "PRELIMINARY_CHECK"],
  ["CHARGED", "UNDER_INVESTIGATION"],
  ["ON_TRIAL", "CHARGED"],
  ["CONVICTED", "ON_TRIAL"],
  ["ACQUITTED", "ON_TRIAL"],
  ["SERVING_SENTENCE", "CONVICTED"],
  ["RELEASED_AFTER_SENTENCE", "SERVING_SENTENCE"],
  ["PROCEEDINGS_DROPPED", "ON_TRIAL"],
];

export const TRANSITIONS: readonly Transition[] = [
  ...FORWARD.flatMap(([from, targets]) => targets.map((to) => ({ from, to, isCorrection: false }))),
  ...CORRECTIONS.filter(([from, to]) => !FORWARD.some(([f, t]) => f === from && t.includes(to))).map(([from, to]) => ({ from, to, isCorrection: true })),
];

/** Statuses a new case may start in: nothing yet, or what was already under way at return. */
export const INITIAL_STATUSES: readonly ProsecutionStatus[] = ["NOT_APPLICABLE", "NO_PROCEEDINGS", "PRELIMINARY_CHECK", "UNDER_INVESTIGATION"];

/** Statuses that make a person convicted (DOMAIN.md). */
export const CONVICTED_STATUSES: readonly ProsecutionStatus[] = ["CONVICTED", "SERVING_SENTENCE", "RELEASED_AFTER_SENTENCE"];

/** Statuses of a person never in criminal proceedings; any other means prosecuted. */
export const NEVER_PROSECUTED: readonly ProsecutionStatus[] = ["NOT_APPLICABLE", "NO_PROCEEDINGS"];

export function isAllowedTransition(from: ProsecutionStatus, to: ProsecutionStatus): boolean {
  return TRANSITIONS.some((t) => t.from === from && t.to === to);
}
