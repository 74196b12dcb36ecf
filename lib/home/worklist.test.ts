import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import type { CurrentUser } from "../auth/session-store";
import { reviewQueue } from "../review/queue";
import { makePerson, makeProgram, makeRegion, makeTeam, makeUser } from "../testing/factories";
import { ReviewQuery } from "../validation/review";
import { REFERRAL_WAITING_DAYS, getWorklist } from "./worklist";

const TODAY = new Date("2026-06-15T00:00:00Z");
const daysBefore = (days: number) => new Date(TODAY.getTime() - days * 86_400_000);

let regionId: string;
let owner: CurrentUser;
let colleague: CurrentUser;

beforeAll(async () => {
  const team = await makeTeam();
  ({ owner, colleague } = team);
  regionId = team.region.id;
});

async function referral(caseworkerId: string, referredDaysAgo: number) {
  const person = await makePerson(regionId, caseworkerId);
  const program = await makeProgram(regionId, 5);
  await getDb().enrollment.create({
    data: { personId: person.id, programId: program.id, status: "REFERRED", referredOn: daysBefore(referredDaysAgo) },
  });
  return { person, program };
}

describe("a caseworker's worklist", () => {
  it("lists their own referrals left waiting past the limit, longest first, and nobody else's", async () => {
    const old = await referral(owner.id, 90);
    const recent = await referral(owner.id, REFERRAL_WAITING_DAYS - 1);
    const older = await referral(owner.id, 200);
    const colleagues = await referral(colleague.id, 300);
    const closed = await referral(owner.id, 120);
    await getDb().person.update({ where: { id: closed.person.id }, data: { caseStatus: "CLOSED" } });

    const { items } = await getWorklist(owner, TODAY);
    const waiting = items.filter((item) => item.kind === "referralWaiting");
    expect(waiting.map((item) => item.caseId)).toEqual([older.person.id, old.person.id]);
    expect(waiting[0]).toMatchObject({ days: 200, program: older.program.name, caseNumber: older.person.caseNumber });
    // A referral not yet overdue is no referral item (its person may still miss another type).
    expect(waiting.some((item) => item.caseId === recent.person.id)).toBe(false);
    for (const absent of [colleagues, closed]) expect(items.some((item) => item.caseId === absent.person.id)).toBe(false);
  });

  it("takes program needs from the review queue's own definition, past the target first", async () => {
    await makePerson(regionId, owner.id);
    const [{ items, targetDays }, queue] = await Promise.all([getWorklist(owner, TODAY), reviewQueue(owner, ReviewQuery.parse({}), TODAY)]);
    const needs = items.filter((item) => item.kind !== "referralWaiting");
    for (const item of needs) {
      const row = queue.rows.find((r) => r.id === item.caseId);
      expect(row, item.caseNumber).toBeDefined();
      expect(item.kind).toBe(row!.overdue ? "programOverdue" : "programMissing");
    }
    const kinds = items.map((item) => item.kind);
    expect(kinds.lastIndexOf("programOverdue")).toBeLessThan(
      kinds.indexOf("programMissing") === -1 ? Infinity : kinds.indexOf("programMissing"),
    );
    expect(targetDays).toBeGreaterThan(0);
  });

  it("shows nothing of a case out of the caseworker's reach", async () => {
    const stranger = await makeUser("CASEWORKER", [(await makeRegion()).id]);
    expect((await getWorklist(stranger, TODAY)).items).toEqual([]);
  });
});
