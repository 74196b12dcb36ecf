import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyDatabase } from "../audit/verify-database";
import { checkBackup } from "./backup-format";
import { writeBackup } from "./backup";
import { createDb } from "../db/client";
import { createFreshDatabase, type FreshDatabase } from "../db/fresh-database";
import { applyMigrations } from "../migrations/migrate";
import { restoreBackup } from "./restore";
import { recordRestore } from "./record-restore";

let source: FreshDatabase;
let target: FreshDatabase;
let folder: string;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), "zhusan-restore-event-"));
  source = await createFreshDatabase("restore_event_source");
  target = await createFreshDatabase("restore_event_target");
  await applyMigrations(source.url);
}, 240_000);

afterAll(async () => {
  await source?.drop();
  await target?.drop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe("recordRestore", () => {
  it("leaves in the restored log which backup was restored, by whom, and the chains still verify", async () => {
    const file = join(folder, "office.backup.gz");
    await writeBackup(source.url, file);
    const header = await checkBackup(file);
    await restoreBackup(target.url, file);
    const db = createDb(target.url);
    try {
      const before = await db.auditEvent.count();
      await recordRestore(db, file, header, "operator-on-duty");
      const event = await db.auditEvent.findFirstOrThrow({
        where: { action: "backup.restored" },
        select: { chain: true, actorLabel: true, context: true },
      });
      expect(event).toEqual({
        chain: "system",
        actorLabel: "system",
        context: {
          via: "db:restore",
          operator: "operator-on-duty",
          file: "office.backup.gz",
          sha256: createHash("sha256").update(readFileSync(file)).digest("hex"),
          backedUpAt: header.createdAt,
          backedUpFrom: header.server,
          migration: header.migrations.at(-1)!.name,
          rows: header.tables.reduce((sum, table) => sum + table.rows, 0),
        },
      });
      expect(await db.auditEvent.count()).toBe(before + 1);
      expect((await verifyDatabase(db)).ok).toBe(true);
    } finally {
      await db.$disconnect();
    }
  }, 120_000);
});
