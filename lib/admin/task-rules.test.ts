import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import type { CurrentUser } from "../auth/session-store";
import { fieldErrorsOf } from "../validation/action-state";
import { DEFAULT_TASK_RULES, TASK_RULES_SETTING } from "../tasks/task-rules";
import { TaskRulesInput } from "../tasks/task-rules-input";
import { savedTaskRuleSettings, taskRuleSettings } from "../tasks/task-settings";
import { makeTeam } from "../testing/factories";
import { outcome } from "../testing/outcome";
import { readTaskRules, saveTaskRules } from "./task-rules";

let administrator: CurrentUser;
let supervisor: CurrentUser;

beforeAll(async () => {
  ({ administrator, supervisor } = await makeTeam());
});

const form = (changes: Record<string, string> = {}) => ({
  version: "0",
  caseReviewHIGH: "30",
  caseReviewMEDIUM: "90",
  caseReviewLOW: "180",
  caseReviewUNASSESSED: "180",
  followUpMonths: "6, 12",
  referralWaitingDays: "21",
  comingOfAgeDaysBefore: "30",
  queueTarget: "on",
  reason: "Приказ министерства",
  ...changes,
});

describe("the task rules form", () => {
  it("reads the defaults as typed, with follow-up months in any order and the queue's target ticked", () => {
    const parsed = TaskRulesInput.parse(form({ followUpMonths: "12 6" }));
    expect(parsed.rules).toEqual(DEFAULT_TASK_RULES);
    expect(TaskRulesInput.parse(form({ queueTarget: "" })).rules.queueTarget).toEqual({ enabled: false });
  });

  it("answers each field out of bounds with its own message", () => {
    const result = TaskRulesInput.safeParse(
      form({
        caseReviewHIGH: "0",
        caseReviewLOW: "abc",
        followUpMonths: "6, 6",
        referralWaitingDays: "4000",
        comingOfAgeDaysBefore: "1.5",
        reason: " ",
      }),
    );
    expect(result.success).toBe(false);
    expect(fieldErrorsOf(result.error!)).toEqual({
      caseReviewHIGH: "dayCount",
      caseReviewLOW: "dayCount",
      followUpMonths: "monthsList",
      referralWaitingDays: "dayCount",
      comingOfAgeDaysBefore: "dayCount",
      reason: "required",
    });
    for (const months of ["", "6, 61", "1, 2, 3, 4, 5", "six"])
      expect(fieldErrorsOf(TaskRulesInput.safeParse(form({ followUpMonths: months })).error!)).toEqual({ followUpMonths: "monthsList" });
  });
});

// One test: the setting is one row shared by the run's database, so its steps must not interleave,
// and the value saved here (medium-risk reviews a day later) is one no other test reads.
describe("the administrator's task rules", () => {
  it("are saved from the version seen, audited, refused when stale or not an administrator's, and in force at once", async () => {
    expect(await outcome(readTaskRules(supervisor))).toBe("notFound");
    expect(await outcome(saveTaskRules(supervisor, TaskRulesInput.parse(form())))).toBe("notFound");

    const seen = await readTaskRules(administrator);
    expect(seen.rules).toEqual(DEFAULT_TASK_RULES);
    const changed = (version: number) => TaskRulesInput.parse(form({ version: String(version), caseReviewMEDIUM: "91" }));
    expect(await saveTaskRules(administrator, changed(seen.version))).toBe("saved");
    expect((await taskRuleSettings(getDb())).caseReview.MEDIUM).toBe(91);
    const event = await getDb().auditEvent.findFirstOrThrow({
      where: { entityId: TASK_RULES_SETTING, action: "settings.changed", actorId: administrator.id },
      orderBy: { occurredAt: "desc" },
    });
    expect(event).toMatchObject({
      reason: "Приказ министерства",
      before: { caseReview: { MEDIUM: 90 } },
      after: { caseReview: { MEDIUM: 91 } },
    });

    // The same form sent again from the version it was opened at: stale, and nothing is written.
    expect(await outcome(saveTaskRules(administrator, changed(seen.version)))).toBe("conflict");
    expect(await saveTaskRules(administrator, changed(seen.version + 1))).toBe("unchanged");
    expect((await readTaskRules(administrator)).version).toBe(seen.version + 1);

    await getDb().setting.delete({ where: { key: TASK_RULES_SETTING } });
    expect(await savedTaskRuleSettings(getDb())).toEqual(DEFAULT_TASK_RULES);
  });
});
