import PgBoss from "pg-boss";
import { env } from "../env";
import { reportUnexpected } from "../errors/report-unexpected";
import { JOBS_SCHEMA, QUEUES } from "./job-queues";

/** The window within which requests for a full recomputation are gathered into one job. */
const FULL_RECOMPUTE_DEBOUNCE_SECONDS = 30;

const SENDER = Symbol.for("zhusan.jobs.sender");
type WithSender = typeof globalThis & { [SENDER]?: Promise<PgBoss> };

/**
 * This process's client for sending jobs: no worker, schedule or maintenance of its own, so an app
 * server that only serves pages (ZHUSAN_JOBS_IN_SERVER=0) can still ask for work that the job
 * runners do. One per process, opened at the first request.
 */
function sender(connectionString: string): Promise<PgBoss> {
  const holder = globalThis as WithSender;
  holder[SENDER] ??= (async () => {
    const boss = new PgBoss({
      connectionString,
      schema: JOBS_SCHEMA,
      application_name: "zhusan-sender",
      max: 2,
      supervise: false,
      schedule: false,
    });
    boss.on("error", (error: Error) => reportUnexpected(error, "job sender"));
    return boss.start();
  })().catch((error: unknown) => {
    delete holder[SENDER];
    throw error;
  });
  return holder[SENDER];
}

/**
 * Asks for every case's tasks to be recomputed soon, after a change that can move any of them (the
 * task rules, the review queue's target or required types). Requests close together make at most
 * one job now and one after the window for those that came meanwhile, so a run that starts after
 * the last change always reads it, and ten saves are not ten runs. What changed is already committed; a
 * request that cannot be sent is logged and left to the nightly run, never shown as a failed save.
 */
export async function requestFullTaskRecompute(connectionString = env().DATABASE_URL): Promise<void> {
  try {
    const boss = await sender(connectionString);
    await boss.sendDebounced(QUEUES.recomputeTasks, {}, {}, FULL_RECOMPUTE_DEBOUNCE_SECONDS, "settings-changed");
  } catch (error) {
    reportUnexpected(error, "requestFullTaskRecompute");
  }
}
