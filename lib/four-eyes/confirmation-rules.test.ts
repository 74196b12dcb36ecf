import { describe, expect, it } from "vitest";
import { ConfirmationSettings, DEFAULT_CONFIRMATION_SETTINGS, needsConfirmation, type ProposedChange } from "./confirmation-rules";

const byDefault = (change: ProposedChange) => needsConfirmation(change, DEFAULT_CONFIRMATION_SETTINGS);

describe("needsConfirmation, with the defaults", () => {
  it.each([
    [{ kind: "prosecutionStatus", to: "CONVICTED", isCorrection: false }, true],
    [{ kind: "prosecutionStatus", to: "ACQUITTED", isCorrection: false }, true],
    [{ kind: "prosecutionStatus", to: "PROCEEDINGS_DROPPED", isCorrection: false }, true],
    [{ kind: "prosecutionStatus", to: "RELEASED_AFTER_SENTENCE", isCorrection: false }, true],
    [{ kind: "prosecutionStatus", to: "CHARGED", isCorrection: false }, false],
    [{ kind: "prosecutionStatus", to: "UNDER_INVESTIGATION", isCorrection: true }, true],
    [{ kind: "caseStatus", to: "CLOSED" }, true],
    [{ kind: "caseStatus", to: "DECEASED" }, true],
    [{ kind: "caseStatus", to: "LEFT_COUNTRY" }, true],
    [{ kind: "caseStatus", to: "OPEN" }, false],
    [{ kind: "needNotRequired", ageCategory: "MINOR" }, true],
    [{ kind: "needNotRequired", ageCategory: "ADULT_MAN" }, false],
    [{ kind: "householdRemoval", memberAgeCategory: "MINOR" }, true],
    [{ kind: "householdRemoval", memberAgeCategory: "ADULT_WOMAN" }, false],
  ] satisfies [ProposedChange, boolean][])("%j needs a second person: %s", (change, expected) => {
    expect(byDefault(change)).toBe(expected);
  });
});

describe("needsConfirmation, as an administrator set it", () => {
  it("follows the settings, not the defaults", () => {
    const relaxed: ConfirmationSettings = {
      ...DEFAULT_CONFIRMATION_SETTINGS,
      prosecutionStatuses: [],
      corrections: false,
    };
    expect(needsConfirmation({ kind: "prosecutionStatus", to: "CONVICTED", isCorrection: false }, relaxed)).toBe(false);
    expect(needsConfirmation({ kind: "prosecutionStatus", to: "CHARGED", isCorrection: true }, relaxed)).toBe(false);
    expect(needsConfirmation({ kind: "caseStatus", to: "CLOSED" }, relaxed)).toBe(true);
  });

  it("refuses settings naming a status that does not exist", () => {
    expect(ConfirmationSettings.safeParse(DEFAULT_CONFIRMATION_SETTINGS).success).toBe(true);
    expect(ConfirmationSettings.safeParse({ ...DEFAULT_CONFIRMATION_SETTINGS, prosecutionStatuses: ["SENTENCED"] }).success).toBe(false);
  });
});
