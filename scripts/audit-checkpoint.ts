/**
 * `npm run audit:checkpoint [-- --out DIR]`: writes a signed checkpoint of every chain's head to
 * DIR (default CHECKPOINT_DIR, else .data/checkpoints) and records it in the system chain. Run it
 * periodically from the host's scheduler (cron, a systemd timer) on one machine, and copy the
 * files somewhere the database's administrators cannot write: a checkpoint kept beside the
 * database proves nothing against them.
 */
import { once } from "node:events";
import { createWriteStream, mkdirSync, renameSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { createDb } from "../lib/db/client";
import { resolveDatabase } from "../lib/db/resolve-database";
import { writeCheckpoint } from "../lib/auditing/checkpoint";
import { recordAuditEvent } from "../lib/audit/record-event";
import { activeSigningKey } from "../lib/signing/key-store";
import { runScript } from "./run-script";

runScript("audit:checkpoint", async () => {
  const { values } = parseArgs({ options: { out: { type: "string" } } });
  const configured = z
    .object({ CHECKPOINT_DIR: z.preprocess((value) => (value === "" ? undefined : value), z.string().optional()) })
    .parse(process.env).CHECKPOINT_DIR;
  const dir = resolve(values.out ?? configured ?? ".data/checkpoints");
  mkdirSync(dir, { recursive: true });
  const database = await resolveDatabase();
  const db = createDb(database.url);
  try {
    const partial = join(dir, `.checkpoint-${process.pid}.partial`);
    const file = createWriteStream(partial, { mode: 0o644 });
    const summary = await writeCheckpoint(db, activeSigningKey(), async (text) => {
      if (!file.write(text)) await once(file, "drain");
    });
    file.end();
    await once(file, "finish");
    const target = join(dir, `zhusan-checkpoint-${summary.createdAt.replace(/[:.]/g, "-")}.json`);
    renameSync(partial, target);
    await db.$transaction((tx) =>
      recordAuditEvent(tx, {
        actor: { id: null, label: "audit:checkpoint", role: null },
        action: "audit.checkpoint_created",
        entityType: "audit_checkpoint",
        entityId: summary.checkpointId,
        context: { createdAt: summary.createdAt, chains: summary.chains, events: summary.events, headsSha256: summary.headsSha256 },
      }),
    );
    console.log(`[audit:checkpoint] ${summary.chains} chains, ${summary.events} events, signed: ${target}`);
  } finally {
    await db.$disconnect();
    await database.stop();
  }
});
