import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import { enqueueTaskRecompute, startJobRunner, type JobRunner } from "./job-runner";
import { JOBS_SCHEMA, QUEUES, SCHEDULES } from "./job-queues";
import { requestFullTaskRecompute } from "./recompute-request";

const runners: JobRunner[] = [];
/** What the runners' stand-in handler was given, by which server. */
const runs: { server: number; caseIds: string[] }[] = [];
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

  // After the test above, in this file, so its count of runs is not disturbed by these.
  it("a page's request for a full recomputation after a settings change is worked as one, and requests close together make one more job, not one each", async () => {
    const fullRuns = () => runs.filter((r) => r.caseIds.length === 0).length;
    const requested = async () =>
      Number(
        (
          await getDb().$queryRawUnsafe<{ n: bigint }[]>(
            `SELECT count(*) AS n FROM ${JOBS_SCHEMA}.job WHERE name = $1 AND singleton_key = 'settings-changed'`,
            QUEUES.recomputeTasks,
          )
        )[0]?.n ?? 0,
      );
    const before = fullRuns();
    await requestFullTaskRecompute(process.env.DATABASE_URL);
    await until(() => fullRuns() === before + 1);
    // One more job for the requests that came while the first was in its window; two if a window
    // happens to end between them; never one each.
    const sent = await requested();
    for (let i = 0; i < 3; i++) await requestFullTaskRecompute(process.env.DATABASE_URL);
    expect(await requested()).toBeGreaterThanOrEqual(sent + 1);
    expect(await requested()).toBeLessThanOrEqual(sent + 2);
  }, 60_000);
});
