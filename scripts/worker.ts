/**
 * `npm run worker`: works the background jobs (lib/jobs/) without serving pages, for deployments
 * that run them apart from the app servers (then set ZHUSAN_JOBS_IN_SERVER=0 on those). Uses
 * DATABASE_URL; stops on Ctrl-C or SIGTERM after the job in hand.
 */
import { createDb } from "../lib/db/client";
import { startJobRunner } from "../lib/jobs/job-runner";
import { mailerFromEnv } from "../lib/jobs/smtp-mailer";

const log = (line: string) => console.log(`[zhusan worker] ${line}`);

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: the worker uses the same database as the app servers");
  const db = createDb(url);
  const mailer = mailerFromEnv();
  const runner = await startJobRunner({ connectionString: url, db, mailer, log });
  log(`working the job queues${mailer ? "" : " (daily e-mail off: SMTP_HOST is not set)"}`);
  const stop = async () => {
    await runner.stop();
    await db.$disconnect();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
}

main().catch((error: unknown) => {
  console.error("[zhusan worker] cannot start:", error);
  process.exit(1);
});
