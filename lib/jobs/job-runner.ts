import { createHash } from "node:crypto";
import { Client } from "pg";
import PgBoss from "pg-boss";
import type { Db } from "../db/client";
import { runJob } from "./job-handlers";
import { JOBS_SCHEMA, QUEUES, SCHEDULES, SCHEDULE_TIME_ZONE, type QueueName } from "./job-queues";
import type { Mailer } from "./task-digest";

export type JobRunner = { boss: PgBoss; stop(): Promise<void> };

/**
 * Starts pg-boss on the app's database and works every queue. Each process that does this (every
 * app server by default, or `npm run worker`) declares the same schedules; pg-boss keeps them in
 * its schema and sends each scheduled job once however many processes run, and a job is fetched
 * by one worker only (docs/decisions/021-jobs-on-postgresql.md). A job that throws is retried by
 * pg-boss and its error logged here, without a case's content.
 */
export async function startJobRunner(options: {
  connectionString: string;
  db: Db;
  mailer: Mailer | null;
  log: (line: string) => void;
  /** What a job does: runJob, or a test's stand-in that counts the runs. */
  run?: typeof runJob;
  pollingIntervalSeconds?: number;
}): Promise<JobRunner> {
  const run = options.run ?? runJob;
  const boss = new PgBoss({ connectionString: options.connectionString, schema: JOBS_SCHEMA, application_name: "zhusan-jobs", max: 4 });
  boss.on("error", (error: Error) => options.log(`job queue error: ${error.message}`));
  await boss.start();
  // Declared by one process at a time: two servers starting together deadlocked in pg-boss's
  // createQueue (job-runner.test.ts), so an advisory lock on a connection of its own orders them.
  const lock = new Client({ connectionString: options.connectionString });
  await lock.connect();
  try {
    await lock.query("SELECT pg_advisory_lock(hashtext('zhusan.jobs.declare'))");
    for (const queue of Object.values(QUEUES)) {
      // "singleton": one job of a queue active at a time, so two recomputations never run side by side.
      if (!(await boss.getQueue(queue))) await boss.createQueue(queue, { name: queue, policy: "singleton", retryLimit: 3, retryDelay: 60 });
    }
    for (const { queue, cron } of SCHEDULES) await boss.schedule(queue, cron, {}, { tz: SCHEDULE_TIME_ZONE });
  } finally {
    await lock.end();
  }
  for (const queue of Object.values(QUEUES) as QueueName[]) {
    await boss.work(queue, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async (jobs) => {
      for (const job of jobs) {
        const started = Date.now();
        const result = await run(queue, job.data, { db: options.db, now: new Date(), mailer: options.mailer });
        options.log(`job ${queue} done in ${Date.now() - started} ms: ${JSON.stringify(result)}`);
      }
    });
  }
  // Catches up on whatever changed while no process worked the queue (a fresh install, the demo
  // data, a night the servers were down): once an hour at most, however many processes start.
  await boss.send(QUEUES.recomputeTasks, {}, { singletonKey: "on-start", singletonSeconds: 3600 });
  return { boss, stop: () => boss.stop({ graceful: true, timeout: 30_000 }) };
}

/**
 * Asks for the tasks of these cases to be recomputed soon, by whichever process works the queue:
 * for changes that do not settle their tasks themselves. Jobs of the same cases sent within a
 * minute are one job.
 */
export async function enqueueTaskRecompute(boss: PgBoss, caseIds: readonly string[]): Promise<void> {
  if (caseIds.length === 0) return;
  const ids = [...new Set(caseIds)].sort();
  const key = createHash("sha256").update(ids.join(",")).digest("hex");
  await boss.send(QUEUES.recomputeTasks, { caseIds: ids }, { singletonKey: key, singletonSeconds: 60 });
}
