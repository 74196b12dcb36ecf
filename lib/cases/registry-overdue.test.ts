import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import { makePerson, makeTeam, type Team } from "../testing/factories";
import { recomputeTasks } from "../task-store/recompute-tasks";
import { RegistryQuery } from "../validation/registry";
import { listCases } from "./registry";

// Two cases of the owner's: one whose case review is a day overdue, one registered today.
let team: Team;
let overdueId: string;
let freshId: string;

beforeAll(async () => {
  team = await makeTeam();
  const overdue = await makePerson(team.region.id, team.owner.id, "Просроченова");
  const fresh = await makePerson(team.region.id, team.owner.id, "Свежева");
  [overdueId, freshId] = [overdue.id, fresh.id];
  // Serving a sentence: out of the review queue, so the review is each case's one task.
  await getDb().person.updateMany({
    where: { id: { in: [overdueId, freshId] } },
    data: { riskLevel: "HIGH", prosecutionStatus: "SERVING_SENTENCE" },
  });
  await getDb().person.update({ where: { id: overdueId }, data: { createdAt: new Date(Date.now() - 31 * 86_400_000) } });
  await recomputeTasks(getDb(), { now: new Date(), caseIds: [overdueId, freshId] });
});

async function marks(user: Team["owner"]): Promise<Record<string, boolean>> {
  const page = await listCases(user, RegistryQuery.parse({ region: team.region.id }));
  return Object.fromEntries(page.rows.filter((row) => [overdueId, freshId].includes(row.id)).map((row) => [row.id, row.overdueTask]));
}

describe("the registry's overdue marks", () => {
  it("marks the case whose task is overdue, for its caseworker and the region's supervisor", async () => {
    expect(await marks(team.owner)).toEqual({ [overdueId]: true, [freshId]: false });
    expect(await marks(team.supervisor)).toEqual({ [overdueId]: true, [freshId]: false });
  });
});
