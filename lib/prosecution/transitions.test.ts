import { describe, expect, it } from "vitest";
import { ProsecutionStatus } from "../db/generated/enums";
import { TRANSITIONS, isAllowedTransition } from "./transitions";

describe("prosecution transitions", () => {
  it("refuse nonsense such as no proceedings straight to released after sentence", () => {
    expect(isAllowedTransition("NO_PROCEEDINGS", "RELEASED_AFTER_SENTENCE")).toBe(false);
    expect(isAllowedTransition("NOT_APPLICABLE", "CONVICTED")).toBe(false);
  });
  it("allow the ordinary path from investigation to release", () => {
    const path = ["UNDER_INVESTIGATION", "CHARGED", "ON_TRIAL", "CONVICTED", "SERVING_SENTENCE", "RELEASED_AFTER_SENTENCE"] as const;
    for (let i = 1; i < path.length; i++) expect(isAllowedTransition(path[i - 1]!, path[i]!)).toBe(true);
  });
  it("give every status a way out, so no case is stuck, and list each move once", () => {
    for (const status of Object.values(ProsecutionStatus)) expect(TRANSITIONS.some((t) => t.from === status)).toBe(true);
    const keys = TRANSITIONS.map((t) => `${t.from}>${t.to}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
  it("offer a correction path back from a conviction recorded in error", () => {
    expect(TRANSITIONS.find((t) => t.from === "CONVICTED" && t.to === "ON_TRIAL")?.isCorrection).toBe(true);
  });
});
