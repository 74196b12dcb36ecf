import type { ProsecutionStatus } from "../db/generated/enums";

/**
 * The allowed moves between prosecution statuses (docs/domain.md, "Allowed prosecution transitions"; decision 013). This list
 * is the single source: every `db:migrate` makes `prosecution_transition`, which the app
 * reads, equal to it (lib/reference-data/install.ts), so a correction path exists and
 * nonsense (no proceedings straight to released) is refused.
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
  ...CORRECTIONS.filter(([from, to]) => !FORWARD.some(([f, t]) => f === from && t.includes(to))).map(([from, to]) => ({
    from,
    to,
    isCorrection: true,
  })),
];

/**
 * What each status says about the person, declared once: the
 * registry's filters, the review queue, the dashboard and the sentence rule read it.
 * `prosecuted`: the person is or was in criminal proceedings. `convicted`: the status is a
 * conviction or follows one, and so the only kind for which a sentence length is recorded.
 */
const STATUS_MEANING = {
  NOT_APPLICABLE: { prosecuted: false, convicted: false },
  NO_PROCEEDINGS: { prosecuted: false, convicted: false },
  PRELIMINARY_CHECK: { prosecuted: true, convicted: false },
  UNDER_INVESTIGATION: { prosecuted: true, convicted: false },
  CHARGED: { prosecuted: true, convicted: false },
  ON_TRIAL: { prosecuted: true, convicted: false },
  CONVICTED: { prosecuted: true, convicted: true },
  ACQUITTED: { prosecuted: true, convicted: false },
  PROCEEDINGS_DROPPED: { prosecuted: true, convicted: false },
  SERVING_SENTENCE: { prosecuted: true, convicted: true },
  RELEASED_AFTER_SENTENCE: { prosecuted: true, convicted: true },
} as const satisfies Record<ProsecutionStatus, { prosecuted: boolean; convicted: boolean }>;

const STATUSES = Object.keys(STATUS_MEANING) as ProsecutionStatus[];

/** Statuses that make a person convicted (docs/domain.md, "Convicted"). */
export const CONVICTED_STATUSES: readonly ProsecutionStatus[] = STATUSES.filter((status) => STATUS_MEANING[status].convicted);

/** Statuses of a person never in criminal proceedings; any other means prosecuted. */
export const NEVER_PROSECUTED: readonly ProsecutionStatus[] = STATUSES.filter((status) => !STATUS_MEANING[status].prosecuted);

export function isConviction(status: ProsecutionStatus): boolean {
  return STATUS_MEANING[status].convicted;
}

export function isAllowedTransition(from: ProsecutionStatus, to: ProsecutionStatus): boolean {
  return TRANSITIONS.some((t) => t.from === from && t.to === to);
}

/**
 * The sentence rule of a prosecution entry, declared once for the status form and the import:
 * a sentence is recorded only for a conviction, and a conviction needs one.
 */
export function sentenceProblem(status: ProsecutionStatus, sentenceMonths: number | undefined): "noSentence" | "sentenceRequired" | null {
  if (sentenceMonths !== undefined && !isConviction(status)) return "noSentence";
  if (status === "CONVICTED" && sentenceMonths === undefined) return "sentenceRequired";
  return null;
}
