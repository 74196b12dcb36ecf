import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { basename } from "node:path";
import type { Db } from "../db/client";
import type { BackupHeader } from "./backup-format";
import { recordAuditEvent, SYSTEM_ACTOR } from "../audit/record-event";

async function sha256Of(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/**
 * After `db:restore`, the restored log itself says that it was restored: from which file (its name
 * and SHA-256, so the very backup can be found again), made when and by which server, at which
 * migration, how many rows, and by which operating-system user. Written after the load's own
 * transaction, since the rows arrive by COPY; it is the first event of the system chain past the
 * backup's end, so anything the backup held stays exactly as it was backed up.
 */
export async function recordRestore(db: Db, file: string, header: BackupHeader, operator: string): Promise<void> {
  const sha256 = await sha256Of(file);
  await db.$transaction((tx) =>
    recordAuditEvent(tx, {
      actor: SYSTEM_ACTOR,
      action: "backup.restored",
      entityType: "database",
      reason: "db:restore run on the server",
      context: {
        via: "db:restore",
        operator,
        file: basename(file),
        sha256,
        backedUpAt: header.createdAt,
        backedUpFrom: header.server,
        migration: header.migrations.at(-1)?.name ?? null,
        rows: header.tables.reduce((sum, table) => sum + table.rows, 0),
      },
    }),
  );
}
