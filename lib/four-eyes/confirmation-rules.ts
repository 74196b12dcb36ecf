import { z } from "zod";
import { CaseStatus, ProsecutionStatus } from "../db/generated/enums";
import type { AgeCategory } from "../db/generated/enums";

/**
 * Which changes a second person must confirm before they take effect: the ones that decide a
 * person's fate or cut them off from help. One declaration, with the defaults a ministry starts
 * with; an administrator's settings replace them within this shape. A change that needs
 * confirmation is held, not applied, until a different authorised person confirms it.
 */
export const ConfirmationSettings = z.object({
  /** Prosecution statuses that, once reached, say what became of the person. */
  prosecutionStatuses: z.array(z.enum(ProsecutionStatus)),
  /** Any transition the table marks as a correction, whatever its target. */
  corrections: z.boolean(),
  /** Case statuses that end the work with the person. */
  caseStatuses: z.array(z.enum(CaseStatus)),
  /** Marking a program type "not required" for a minor. */
  minorNeedNotRequired: z.boolean(),
  /** Removing a child from a household. */
  childRemovedFromHousehold: z.boolean(),
  // No switch for a transfer: the receiving region's acceptance is its second person, always (docs/decisions/020).
});
export type ConfirmationSettings = z.infer<typeof ConfirmationSettings>;

export const DEFAULT_CONFIRMATION_SETTINGS: ConfirmationSettings = {
  prosecutionStatuses: ["CONVICTED", "ACQUITTED", "PROCEEDINGS_DROPPED", "RELEASED_AFTER_SENTENCE"],
  corrections: true,
  caseStatuses: ["CLOSED", "DECEASED", "LEFT_COUNTRY"],
  minorNeedNotRequired: true,
  childRemovedFromHousehold: true,
};

/** A change as the rules see it: only what decides whether it needs a second person. */
export type ProposedChange =
  | { kind: "prosecutionStatus"; to: ProsecutionStatus; isCorrection: boolean }
  | { kind: "caseStatus"; to: CaseStatus }
  | { kind: "needNotRequired"; ageCategory: AgeCategory }
  | { kind: "householdRemoval"; memberAgeCategory: AgeCategory };

export function needsConfirmation(change: ProposedChange, settings: ConfirmationSettings): boolean {
  switch (change.kind) {
    case "prosecutionStatus":
      return (change.isCorrection && settings.corrections) || settings.prosecutionStatuses.includes(change.to);
    case "caseStatus":
      return settings.caseStatuses.includes(change.to);
    case "needNotRequired":
      return change.ageCategory === "MINOR" && settings.minorNeedNotRequired;
    case "householdRemoval":
      return change.memberAgeCategory === "MINOR" && settings.childRemovedFromHousehold;
  }
}
