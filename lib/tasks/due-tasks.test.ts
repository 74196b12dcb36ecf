import { describe, expect, it } from "vitest";
import { addDays, addMonths, comingOfAgeDays, dueTasks, type CaseState } from "./due-tasks";
import { DEFAULT_TASK_RULES, TaskRuleSettings, type TaskRules } from "./task-rules";
import { closingOf } from "./task-closing";

const adult: CaseState = {
  caseStatus: "OPEN",
  riskLevel: "HIGH",
  ageCategory: "ADULT_WOMAN",
  birthDate: "1990-03-15",
  registeredOn: "2026-01-10",
  lastCaseReviewOn: null,
  enrollments: [],
  followUps: [],
  requirementsReviewedOn: null,
  queueWaitingSince: null,
};

const RULES: TaskRules = { ...DEFAULT_TASK_RULES, waitingTargetDays: 30 };
const tasks = (changes: Partial<CaseState>) => dueTasks({ ...adult, ...changes }, RULES);

describe("dueTasks", () => {
  it.each([
    ["HIGH", "2026-02-09"],
    ["MEDIUM", "2026-04-10"],
    ["LOW", "2026-07-09"],
    ["UNASSESSED", "2026-07-09"],
  ] as const)("asks for a case review of a %s-risk case after its interval, counted from registration", (riskLevel, dueOn) => {
    expect(tasks({ riskLevel })).toEqual([{ rule: "caseReview", key: "caseReview:2026-01-10", dueOn }]);
  });

  it("counts the next review from the last one, under a new key, so the old task is the one the review did", () => {
    expect(tasks({ lastCaseReviewOn: "2026-11-20" })).toEqual([{ rule: "caseReview", key: "caseReview:2026-11-20", dueOn: "2026-12-20" }]);
  });

  it("asks for a follow-up 6 and 12 months after a completed enrollment, until each is recorded", () => {
    const enrollments = [{ id: "e1", status: "COMPLETED" as const, referredOn: "2025-01-05", completedOn: "2025-08-31" }];
    const followUps = tasks({ enrollments }).filter((t) => t.rule === "programFollowUp");
    expect(followUps).toEqual([
      { rule: "programFollowUp", key: "programFollowUp:e1:6", dueOn: "2026-02-28" },
      { rule: "programFollowUp", key: "programFollowUp:e1:12", dueOn: "2026-08-31" },
    ]);
    const afterFirst = tasks({ enrollments, followUps: [{ enrollmentId: "e1", afterMonths: 6 }] }).filter(
      (t) => t.rule === "programFollowUp",
    );
    expect(afterFirst.map((t) => t.key)).toEqual(["programFollowUp:e1:12"]);
  });

  it("asks nothing of an enrollment ended otherwise, and nudges a referral left waiting until it is answered", () => {
    const enrollments = [
      { id: "waiting", status: "REFERRED" as const, referredOn: "2026-11-01", completedOn: null },
      { id: "declined", status: "DECLINED" as const, referredOn: "2026-10-01", completedOn: null },
      { id: "enrolled", status: "ENROLLED" as const, referredOn: "2026-09-01", completedOn: null },
    ];
    expect(tasks({ enrollments }).filter((t) => t.rule !== "caseReview")).toEqual([
      { rule: "referralWaiting", key: "referralWaiting:waiting", dueOn: "2026-11-22" },
    ]);
  });

  it("asks for the required programs to be reviewed 30 days before a minor turns 18, until a review made from then on", () => {
    const minor = { ageCategory: "MINOR" as const, birthDate: "2009-02-14" };
    // One key per person; first stored only up to the day before the 18th birthday.
    const comingOfAge = { rule: "comingOfAge", key: "comingOfAge", dueOn: "2027-01-15", newUntil: "2027-02-13" };
    expect(tasks(minor).filter((t) => t.rule === "comingOfAge")).toEqual([comingOfAge]);
    expect(tasks({ ...minor, requirementsReviewedOn: "2026-06-01" }).filter((t) => t.rule === "comingOfAge")).toEqual([comingOfAge]);
    expect(tasks({ ...minor, requirementsReviewedOn: "2027-01-20" }).filter((t) => t.rule === "comingOfAge")).toEqual([]);
    expect(tasks({}).filter((t) => t.rule === "comingOfAge")).toEqual([]);
  });

  it("moves the coming-of-age task with a corrected birth date rather than adding another, and follows the rule's days", () => {
    const corrected = tasks({ ageCategory: "MINOR", birthDate: "2009-03-01" }).filter((t) => t.rule === "comingOfAge");
    expect(corrected.map((t) => [t.key, t.dueOn])).toEqual([["comingOfAge", "2027-01-30"]]);
    const rules = { ...RULES, comingOfAge: { daysBefore: 60 } };
    const earlier = dueTasks({ ...adult, ageCategory: "MINOR", birthDate: "2009-03-01" }, rules).filter((t) => t.rule === "comingOfAge");
    expect(earlier.map((t) => t.dueOn)).toEqual(["2026-12-31"]);
  });

  it("counts a 29 February birthday as 28 February in a year without one", () => {
    expect(comingOfAgeDays("2008-02-29", RULES)).toEqual({ adultOn: "2026-02-28", dueOn: "2026-01-29" });
  });

  it("asks the region's supervisors to act on a person waiting with no referral, due the day the queue's target is reached", () => {
    const queueTarget = (changes: Partial<CaseState>, rules = RULES) =>
      dueTasks({ ...adult, ...changes }, rules).filter((t) => t.rule === "queueTarget");
    expect(queueTarget({ queueWaitingSince: "2026-11-01" })).toEqual([
      { rule: "queueTarget", key: "queueTarget:2026-11-01", dueOn: "2026-12-01" },
    ]);
    expect(queueTarget({ queueWaitingSince: "2026-11-01" }, { ...RULES, waitingTargetDays: 45 })).toEqual([
      { rule: "queueTarget", key: "queueTarget:2026-11-01", dueOn: "2026-12-16" },
    ]);
    expect(queueTarget({ queueWaitingSince: null })).toEqual([]);
    expect(queueTarget({ queueWaitingSince: "2026-11-01" }, { ...RULES, queueTarget: { enabled: false } })).toEqual([]);
    expect(queueTarget({ queueWaitingSince: "2026-11-01", caseStatus: "CLOSED" })).toEqual([]);
  });

  it("counts a queue-target task done once the person leaves the queue, by a referral or otherwise", () => {
    const referred = { id: "e", status: "REFERRED" as const, referredOn: "2026-12-02", completedOn: null };
    const key = "queueTarget:2026-11-01";
    expect(closingOf(key, { ...adult, enrollments: [referred] })).toEqual({ state: "DONE", closedBy: "enrollment.referred" });
    expect(closingOf(key, adult)).toEqual({ state: "DONE", closedBy: "queue.left" });
    expect(closingOf(key, { ...adult, queueWaitingSince: "2026-11-01" })).toEqual({ state: "NO_LONGER_NEEDED", closedBy: "rules.changed" });
    expect(closingOf(key, { ...adult, caseStatus: "CLOSED" })).toEqual({ state: "NO_LONGER_NEEDED", closedBy: "case.closed" });
  });

  it.each(["CLOSED", "TRANSFERRED", "DECEASED", "LEFT_COUNTRY"] as const)(
    "asks nothing of a %s case: its tasks are no longer needed",
    (caseStatus) => {
      const enrollments = [{ id: "w", status: "REFERRED" as const, referredOn: "2026-11-01", completedOn: null }];
      expect(tasks({ caseStatus, enrollments, ageCategory: "MINOR", birthDate: "2009-02-14", queueWaitingSince: "2026-11-01" })).toEqual(
        [],
      );
    },
  );

  it("gives the same tasks however often it runs", () => {
    const state = {
      ...adult,
      enrollments: [{ id: "e", status: "COMPLETED" as const, referredOn: "2025-01-01", completedOn: "2025-06-30" }],
    };
    expect(dueTasks(state, RULES)).toEqual(dueTasks(state, RULES));
  });
});

describe("calendar arithmetic", () => {
  it.each([
    ["2026-01-31", 1, "2026-02-28"],
    ["2027-08-31", 6, "2028-02-29"],
    ["2026-12-15", 1, "2027-01-15"],
    ["2009-02-28", 216, "2027-02-28"],
  ])("%s plus %i months is %s", (from, months, to) => {
    expect(addMonths(from, months)).toBe(to);
  });

  it("adds days across a year's end and backwards", () => {
    expect(addDays("2026-12-20", 21)).toBe("2027-01-10");
    expect(addDays("2027-02-14", -30)).toBe("2027-01-15");
  });
});

describe("TaskRuleSettings", () => {
  it("accepts the defaults and refuses intervals out of bounds or repeated follow-up months", () => {
    expect(TaskRuleSettings.safeParse(DEFAULT_TASK_RULES).success).toBe(true);
    expect(TaskRuleSettings.safeParse({ ...DEFAULT_TASK_RULES, referralWaiting: { days: 0 } }).success).toBe(false);
    expect(TaskRuleSettings.safeParse({ ...DEFAULT_TASK_RULES, programFollowUp: { afterMonths: [6, 6] } }).success).toBe(false);
    expect(TaskRuleSettings.safeParse({ ...DEFAULT_TASK_RULES, programFollowUp: { afterMonths: [] } }).success).toBe(false);
  });
});
