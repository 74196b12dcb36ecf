import { CALENDAR_TIME_ZONE } from "../calendar/calendar-day";

/**
 * The background jobs, as data: each queue, and when the nightly ones run (cron, in Kazakhstan's
 * time). pg-boss keeps the schedules in PostgreSQL, so every app server and worker that starts
 * declares the same ones and pg-boss sends each once (docs/decisions/021-jobs-on-postgresql.md).
 */
export const QUEUES = {
  /** Recomputes stored tasks: all cases nightly, or the case ids in its data after a change. */
  recomputeTasks: "tasks-recompute",
  /** Verifies every audit hash chain; the result is shown on /audit. */
  verifyChains: "audit-verify-chains",
  /** The daily e-mail of task counts to each user, when SMTP is configured. */
  taskDigest: "tasks-digest",
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const SCHEDULE_TIME_ZONE = CALENDAR_TIME_ZONE;

export const SCHEDULES: { queue: QueueName; cron: string }[] = [
  { queue: QUEUES.recomputeTasks, cron: "0 1 * * *" },
  { queue: QUEUES.verifyChains, cron: "30 2 * * *" },
  { queue: QUEUES.taskDigest, cron: "0 7 * * 1-5" },
];

/** pg-boss's own tables live in this schema, apart from the app's (a backup copies the app's only). */
export const JOBS_SCHEMA = "pgboss";
