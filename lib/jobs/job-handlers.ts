import { z } from "zod";
import type { Db } from "../db/client";
import { SYSTEM_ACTOR } from "../audit/record-event";
import { recordVerification, verifyDatabase } from "../audit/verify-database";
import { recomputeTasks } from "../task-store/recompute-tasks";
import { sendTaskDigests, type Mailer } from "./task-digest";
import { QUEUES, type QueueName } from "./job-queues";

/** A recompute job names the cases a change touched, or none for all of them (the nightly run). */
export const RecomputeData = z.object({ caseIds: z.array(z.uuid()).max(10_000).optional() });

/**
 * What each job does, callable without a queue: the worker calls these, and so do tests, with the
 * moment they count as, so no test waits for a schedule.
 */
export async function runJob(queue: QueueName, data: unknown, context: { db: Db; now: Date; mailer: Mailer | null }): Promise<unknown> {
  switch (queue) {
    case QUEUES.recomputeTasks: {
      const { caseIds } = RecomputeData.parse(data ?? {});
      return recomputeTasks(context.db, { now: context.now, caseIds });
    }
    case QUEUES.verifyChains: {
      const result = await verifyDatabase(context.db);
      await recordVerification(context.db, result, context.now, SYSTEM_ACTOR);
      return { ok: result.ok, chains: result.chains, events: result.events };
    }
    case QUEUES.taskDigest:
      // Without SMTP configured there is nothing to send, and that is not a failure.
      return context.mailer ? sendTaskDigests(context.db, context.mailer, context.now) : { sent: 0 };
  }
}
