import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import { addDays } from "../tasks/due-tasks";
import { isoDayOf } from "../calendar/calendar-day";
import { makePerson, makeTeam, type Team } from "../testing/factories";
import { startSmtpSink } from "../testing/smtp-sink";
import { runJob } from "./job-handlers";
import { QUEUES } from "./job-queues";
import { mailerFromEnv } from "./smtp-mailer";
import { sendTaskDigests } from "./task-digest";

let team: Team;
let caseNumber: string;
let caseId: string;
const now = new Date();

beforeAll(async () => {
  team = await makeTeam();
  const person = await makePerson(team.region.id, team.owner.id, "Напоминаева");
  [caseNumber, caseId] = [person.caseNumber, person.id];
  // Serving a sentence: out of the review queue, so the review is the case's one task.
  await getDb().person.update({ where: { id: person.id }, data: { riskLevel: "HIGH", prosecutionStatus: "SERVING_SENTENCE" } });
  await getDb().caseReview.create({
    data: {
      personId: person.id,
      reviewedOn: new Date(`${addDays(isoDayOf(now), -31)}T00:00:00Z`),
      riskLevel: "HIGH",
      note: "n",
      reviewedById: team.owner.id,
    },
  });
});

describe("the job handlers, called directly", () => {
  it("the recompute job recomputes the cases it names, as of the moment given", async () => {
    const result = await runJob(QUEUES.recomputeTasks, { caseIds: [caseId] }, { db: getDb(), now, mailer: null });
    expect(result).toMatchObject({ cases: 1, created: 1 });
    expect(await getDb().task.count({ where: { personId: caseId, state: "OPEN" } })).toBe(1);
  });

  it("refuses a recompute job whose data is not a list of case ids", async () => {
    await expect(runJob(QUEUES.recomputeTasks, { caseIds: ["1; DROP TABLE task"] }, { db: getDb(), now, mailer: null })).rejects.toThrow();
  });

  it("the chain check records its result for /audit, as the system", async () => {
    const before = await getDb().auditVerification.count();
    // The whole shared test database is checked, where other tests tamper with chains of their
    // own on purpose: what matters here is that the job's answer is what it records, as the system.
    const result = await runJob(QUEUES.verifyChains, {}, { db: getDb(), now, mailer: null });
    expect(result).toMatchObject({ ok: expect.any(Boolean) as unknown, chains: expect.any(Number) as unknown });
    expect(await getDb().auditVerification.count()).toBe(before + 1);
    const last = await getDb().auditVerification.findFirstOrThrow({ orderBy: { finishedAt: "desc" } });
    expect(last).toMatchObject({ ok: (result as { ok: boolean }).ok, requestedById: null });
  });

  it("without SMTP configured the daily e-mail sends nothing and does not fail", async () => {
    expect(mailerFromEnv({})).toBeNull();
    expect(await runJob(QUEUES.taskDigest, {}, { db: getDb(), now, mailer: null })).toEqual({ sent: 0 });
  });

  it("the daily e-mail gives each person with tasks their counts and a link, never a name or a case number", async () => {
    await runJob(QUEUES.recomputeTasks, { caseIds: [caseId] }, { db: getDb(), now, mailer: null });
    const sink = await startSmtpSink();
    try {
      const mailer = mailerFromEnv({ SMTP_HOST: "127.0.0.1", SMTP_PORT: String(sink.port), SMTP_FROM: "zhusan@example.org" });
      expect(mailer).not.toBeNull();
      await sendTaskDigests(getDb(), mailer!, now, "https://zhusan.example.org");
      const to = (email: string) => sink.messages.filter((m) => m.to.some((t) => t.includes(email)));
      expect(to(team.colleague.email)).toEqual([]);
      for (const user of [team.owner, team.supervisor]) {
        const [message, ...more] = to(user.email);
        expect(more).toEqual([]);
        const text = message!.data;
        expect(text).toContain("Overdue: 1");
        expect(text).toContain("https://zhusan.example.org/tasks");
        expect(text).not.toContain(caseNumber);
        expect(text).not.toMatch(/Напоминаева|Иван/);
      }
      expect(to(team.auditor.email)).toEqual([]);
    } finally {
      await sink.stop();
    }
  });
});
