import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import { TRANSITIONS } from "../prosecution/transitions";
import { makePerson, makeProgram, makeTeam, type Team } from "../testing/factories";
import { addNote } from "./add-note";
import { getHistoryPanel } from "./case-history";
import { getHouseholdPanel } from "./case-household";
import { getNotesPanel } from "./case-notes";
import { getProgramsPanel } from "./case-programs";
import { getProsecutionPanel } from "./case-prosecution";
import { getCase } from "./get-case";
import { getCaseTasks } from "./case-tasks";
import { getFollowUpOptions } from "./follow-up-options";
import { savedTaskRuleSettings } from "../tasks/task-settings";
import { recomputeTasks } from "../task-store/recompute-tasks";
import { recordCaseReview } from "./record-case-review";
import { addDays } from "../tasks/due-tasks";
import { isoDayOf } from "../calendar/calendar-day";

// The owner's case, with a mother on the owner's own caseload and a sibling on the colleague's.
let team: Team;
let caseId: string;
let mother: { id: string; caseNumber: string };
let sibling: { id: string };

beforeAll(async () => {
  await getDb().prosecutionTransition.createMany({
    data: TRANSITIONS.map((t) => ({ fromStatus: t.from, toStatus: t.to, isCorrection: t.isCorrection })),
    skipDuplicates: true,
  });
  team = await makeTeam();
  const person = await makePerson(team.region.id, team.owner.id, "Панелева");
  caseId = person.id;
  mother = await makePerson(team.region.id, team.owner.id, "Материна");
  sibling = await makePerson(team.region.id, team.colleague.id, "Сестрина");
  await getDb().household.create({
    data: {
      label: "Test household",
      members: {
        create: [
          { personId: caseId, relationship: "CHILD" },
          { personId: mother.id, relationship: "MOTHER" },
          { personId: sibling.id, relationship: "SIBLING" },
        ],
      },
    },
  });
  await makeProgram(team.region.id, 3);
  await addNote(team.owner, { caseId, body: "Первая беседа" });
});

describe("the case page's panels", () => {
  it("the header shows the person and the rights the viewer has on the case", async () => {
    const opened = await getCase(team.owner, caseId);
    expect(opened.detail).toMatchObject({ id: caseId, familyName: "Панелева", aliases: [] });
    expect({ canEdit: opened.canEdit, canExport: opened.canExport }).toEqual({ canEdit: true, canExport: false });
  });

  it("the prosecution panel offers the next statuses to an editor and none to a reader", async () => {
    const forOwner = await getProsecutionPanel(await getCase(team.owner, caseId));
    expect(forOwner.nextStatuses.map((s) => s.status)).toContain("PRELIMINARY_CHECK");
    expect((await getProsecutionPanel(await getCase(team.auditor, caseId))).nextStatuses).toEqual([]);
  });

  it("the prosecution panel lists the statuses oldest first, with the days the case spent in the one before", async () => {
    const person = await makePerson(team.region.id, team.owner.id, "Прокуророва");
    const entry = (effectiveDate: string, status: "PRELIMINARY_CHECK" | "CHARGED", extra: object = {}) =>
      getDb().prosecutionEntry.create({
        data: { personId: person.id, status, effectiveDate: new Date(effectiveDate), reason: `На ${effectiveDate}`, ...extra },
        select: { id: true },
      });
    // Written out of order: the panel orders by the day the status took effect.
    const charged = await entry("2024-03-01", "CHARGED", { articles: ["256", "257"], authority: "Суд", sentenceMonths: 18 });
    const check = await entry("2024-02-10", "PRELIMINARY_CHECK");
    const { entries } = await getProsecutionPanel(await getCase(team.owner, person.id));
    const [first, second] = entries.slice(-2);
    // The first one's days depend on the entry the factory's case began with, if any.
    expect(first).toMatchObject({
      id: check.id,
      status: "PRELIMINARY_CHECK",
      effectiveDate: "2024-02-10",
      articles: [],
      authority: null,
      sentenceMonths: null,
      reason: "На 2024-02-10",
    });
    expect(second).toEqual({
      id: charged.id,
      status: "CHARGED",
      effectiveDate: "2024-03-01",
      articles: ["256", "257"],
      authority: "Суд",
      sentenceMonths: 18,
      reason: "На 2024-03-01",
      daysInPrevious: 20,
    });
  });

  it("the programs panel offers the region's programs with their free places to an editor only", async () => {
    const forOwner = await getProgramsPanel(await getCase(team.owner, caseId));
    expect(forOwner.programOptions.length).toBeGreaterThan(0);
    expect(forOwner.programOptions.every((p) => p.free === 3)).toBe(true);
    const forAuditor = await getProgramsPanel(await getCase(team.auditor, caseId));
    expect({ programOptions: forAuditor.programOptions, reasons: forAuditor.reasons }).toEqual({ programOptions: [], reasons: [] });
  });

  it("the household panel names relatives in the viewer's reach and only relates the others", async () => {
    const members = (await getHouseholdPanel(await getCase(team.owner, caseId))).flatMap((h) => h.members);
    expect(members.find((m) => m.personId === mother.id)).toMatchObject({ relationship: "MOTHER", caseNumber: mother.caseNumber });
    expect(members.find((m) => m.personId === sibling.id)).toMatchObject({ relationship: "SIBLING", name: null, caseNumber: null });
  });

  it("the notes panel lists the case's notes with their author", async () => {
    expect(await getNotesPanel(await getCase(team.owner, caseId))).toMatchObject({
      notes: [{ body: "Первая беседа", author: team.owner.name }],
      total: 1,
      earlier: 0,
      nextCursor: null,
    });
  });

  it("the history panel lists the changes, by staff name, and leaves the openings out", async () => {
    const history = (await getHistoryPanel(await getCase(team.auditor, caseId))).entries;
    expect(history.map((h) => h.action)).toContain("note.added");
    expect(history.map((h) => h.action)).not.toContain("case.viewed");
    expect(history.find((h) => h.action === "note.added")?.actor).toBe(team.owner.name);
  });
});

describe("the case page's tasks", () => {
  it("a high-risk person registered 31 days ago has one overdue case review; recording the review moves it 30 days on", async () => {
    const person = await makePerson(team.region.id, team.owner.id, "Задачева");
    const registered = new Date(Date.now() - 31 * 86_400_000);
    // Serving a sentence: out of the review queue, so the review is the case's one task.
    await getDb().person.update({
      where: { id: person.id },
      data: { riskLevel: "HIGH", createdAt: registered, prosecutionStatus: "SERVING_SENTENCE" },
    });
    await recomputeTasks(getDb(), { now: new Date(), caseIds: [person.id] });

    const before = await getCaseTasks(await getCase(team.owner, person.id));
    expect(before).toEqual([
      {
        rule: "caseReview",
        key: `caseReview:${isoDayOf(registered)}`,
        dueOn: addDays(isoDayOf(registered), 30),
        overdue: true,
        supervisors: false,
      },
    ]);

    const today = isoDayOf(new Date());
    await recordCaseReview(team.owner, { caseId: person.id, version: 1, reviewedOn: today, riskLevel: "HIGH", note: "Риск подтверждён" });
    const after = await getCaseTasks(await getCase(team.owner, person.id));
    expect(after).toEqual([
      { rule: "caseReview", key: `caseReview:${today}`, dueOn: addDays(today, 30), overdue: false, supervisors: false },
    ]);
  });

  it("lists a referral left waiting and a completed enrollment's follow-ups", async () => {
    const person = await makePerson(team.region.id, team.owner.id, "Долгожданова");
    const program = await getDb().program.create({
      data: {
        name: "Waiting list",
        programTypeCode: (await getDb().programType.findFirstOrThrow()).code,
        provider: "Test",
        regionId: team.region.id,
        capacity: 5,
      },
      select: { id: true },
    });
    const [waiting, completed] = await Promise.all([
      getDb().enrollment.create({
        data: { personId: person.id, programId: program.id, status: "REFERRED", referredOn: new Date("2026-01-05") },
        select: { id: true },
      }),
      getDb().enrollment.create({
        data: {
          personId: person.id,
          programId: program.id,
          status: "COMPLETED",
          referredOn: new Date("2025-01-05"),
          enrolledOn: new Date("2025-02-01"),
          completedOn: new Date("2025-06-30"),
        },
        select: { id: true },
      }),
    ]);
    await recomputeTasks(getDb(), { now: new Date(), caseIds: [person.id] });
    // The follow-up form offers the completed enrollment, with the months the rule follows up after.
    expect(await getFollowUpOptions(await getCase(team.owner, person.id))).toEqual({
      enrollments: [{ id: completed.id, program: "Waiting list", completedOn: "2025-06-30" }],
      afterMonths: (await savedTaskRuleSettings(getDb())).programFollowUp.afterMonths,
    });
    const tasks = await getCaseTasks(await getCase(team.owner, person.id));
    expect(tasks.filter((t) => t.rule !== "caseReview")).toEqual([
      { rule: "programFollowUp", key: `programFollowUp:${completed.id}:6`, dueOn: "2025-12-30", overdue: true, supervisors: false },
      { rule: "referralWaiting", key: `referralWaiting:${waiting.id}`, dueOn: "2026-01-26", overdue: true, supervisors: false },
      { rule: "programFollowUp", key: `programFollowUp:${completed.id}:12`, dueOn: "2026-06-30", overdue: true, supervisors: false },
    ]);
  });

  it("a closed case calls for no task, and every reader of the case sees the same list", async () => {
    const person = await makePerson(team.region.id, team.owner.id, "Закрытова");
    await recomputeTasks(getDb(), { now: new Date(), caseIds: [person.id] });
    expect(await getCaseTasks(await getCase(team.auditor, person.id))).toEqual(await getCaseTasks(await getCase(team.owner, person.id)));
    // Its review, and the review queue's target (waiting since 2019 with no program), the supervisors' to act on.
    expect((await getCaseTasks(await getCase(team.owner, person.id))).map((t) => [t.rule, t.supervisors])).toEqual([
      ["queueTarget", true],
      ["caseReview", false],
    ]);
    await getDb().person.update({ where: { id: person.id }, data: { caseStatus: "CLOSED" } });
    await recomputeTasks(getDb(), { now: new Date(), caseIds: [person.id] });
    expect(await getCaseTasks(await getCase(team.supervisor, person.id))).toEqual([]);
  });
});
