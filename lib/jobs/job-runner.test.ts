import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import { enqueueTaskRecompute, startJobRunner, type JobRunner } from "./job-runner";
import { JOBS_SCHEMA, QUEUES, SCHEDULES } from "./job-queues";

const runners: JobRunner[] = [];
afterAll(async () => {
  await Promise.all(runners.map((r) => r.stop()));
});

async function until(done: () => boolean, timeoutMs = 20_000) {
  const start = Date.now();
  while (!done()) {
    if (Date.now() - start > timeoutMs) throw new Error("timed out waiting for the jobs");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("the job runner on PostgreSQL", () => {
  it("two app servers share one schedule, and each job sent by either runs exactly once", async () => {
    const runs: { server: number; caseIds: string[] }[] = [];
    const start = (server: number) =>
      startJobRunner({
        connectionString: process.env.DATABASE_URL ?? "",
        db: getDb(),
        mailer: null,
        log: () => {},
        pollingIntervalSeconds: 0.5,
        // Counts instead of recomputing: the real handlers are tested on their own (job-handlers.test.ts).
        run: async (_queue, data) => {
          runs.push({ server, caseIds: (data as { caseIds?: string[] }).caseIds ?? [] });
          return null;
        },
      });
    runners.push(...(await Promise.all([start(1), start(2)])));
    const [first, second] = runners as [JobRunner, JobRunner];

    const schedules = await getDb().$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM ${JOBS_SCHEMA}.schedule ORDER BY name`);
    expect(schedules.map((s) => s.name)).toEqual(SCHEDULES.map((s) => s.queue).sort());

    // The same change reported by both servers at once is one job; twenty others, one run each.
    const same = [randomUUID()];
    const others = Array.from({ length: 20 }, () => [randomUUID()]);
    await Promise.all([enqueueTaskRecompute(first.boss, same), enqueueTaskRecompute(second.boss, same)]);
    await Promise.all(others.map((ids, i) => enqueueTaskRecompute(i % 2 ? first.boss : second.boss, ids)));
    await until(() => runs.filter((r) => r.caseIds.length > 0).length >= 21);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const count = (ids: string[]) => runs.filter((r) => r.caseIds.join() === ids.join()).length;
    expect(count(same)).toBe(1);
    for (const ids of others) expect(count(ids)).toBe(1);
    // And the catch-up run each server asks for on start is one run, not two.
    expect(runs).toHaveLength(22);
    expect(runs.filter((r) => r.caseIds.length === 0)).toHaveLength(1);
    expect(await first.boss.getQueue(QUEUES.recomputeTasks)).toMatchObject({ name: QUEUES.recomputeTasks });
  }, 60_000);
});
