import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import { startJobRunner, type JobRunner } from "./job-runner";
import { JOBS_SCHEMA, QUEUES } from "./job-queues";
import { requestFullTaskRecompute } from "./recompute-request";

let runner: JobRunner | undefined;
afterAll(async () => {
  await runner?.stop();
});

const requested = async () =>
  Number(
    (
      await getDb().$queryRawUnsafe<{ n: bigint }[]>(
        `SELECT count(*) AS n FROM ${JOBS_SCHEMA}.job WHERE name = $1 AND singleton_key = 'settings-changed' AND data = '{}'::jsonb`,
        QUEUES.recomputeTasks,
      )
    )[0]?.n ?? 0,
  );

describe("asking for every case's tasks to be recomputed after a settings change", () => {
  it("sends a job for all cases, and requests close together make one more job, not one each", async () => {
    // A runner declares the queues; its stand-in handler leaves the jobs where they can be counted.
    runner = await startJobRunner({
      connectionString: process.env.DATABASE_URL ?? "",
      db: getDb(),
      mailer: null,
      log: () => {},
      run: async () => null,
    });
    await runner.boss.offWork(QUEUES.recomputeTasks);
    const before = await requested();
    await requestFullTaskRecompute(process.env.DATABASE_URL);
    expect(await requested()).toBe(before + 1);
    for (let i = 0; i < 3; i++) await requestFullTaskRecompute(process.env.DATABASE_URL);
    expect(await requested()).toBe(before + 2);
  }, 60_000);
});
