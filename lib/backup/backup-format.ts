import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { createGunzip } from "node:zlib";
import { z } from "zod";
import { ConfigError } from "../db/config-error";

/**
 * The backup file (docs/backup-format.md): gzip around lines. The first line is the JSON header,
 * then for each table a line `table NAME ROWS` followed by exactly ROWS lines of PostgreSQL's COPY
 * text format, then `sha256 HEX`, the SHA-256 of every byte before that line.
 */
export const BACKUP_FORMAT = "zhusan-backup";
export const BACKUP_VERSION = 1;

/**
 * Every application table, parents before children, so loading in this order satisfies each
 * foreign key as it is checked. A backup refuses a database holding a table not listed here,
 * so a new table cannot be left out silently (backup.test.ts checks the order against the catalog).
 */
export const BACKUP_TABLES = [
  "region",
  "app_user",
  "user_region",
  "session",
  "sign_in_attempt",
  "recovery_code",
  "return_operation",
  "program_type",
  "reason",
  "program_requirement",
  "setting",
  "case_number_counter",
  "person",
  "alias",
  "household",
  "household_member",
  "prosecution_transition",
  "prosecution_entry",
  "program",
  "enrollment",
  "program_need",
  "note",
  "case_review",
  "requirements_review",
  "follow_up",
  "task",
  "change_request",
  "import_batch",
  "import_row",
  "import_mapping",
  "audit_event",
  "audit_chain_head",
  "audit_verification",
] as const;
export type BackupTable = (typeof BACKUP_TABLES)[number];

/**
 * Tables derived from the others and kept current by triggers: not in a backup, since a restore
 * rebuilds them as the rows they derive from are loaded.
 */
export const DERIVED_TABLES = ["person_need", "person_figures", "dashboard_tally"] as const;

export const BackupHeader = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  createdAt: z.string(),
  server: z.string(),
  migrations: z.array(z.object({ name: z.string(), checksum: z.string() })),
  tables: z.array(z.object({ name: z.enum(BACKUP_TABLES), columns: z.array(z.string()).min(1), rows: z.number().int().nonnegative() })),
});
export type BackupHeader = z.infer<typeof BackupHeader>;

/**
 * Session settings under which COPY writes and reads values: fixed, so that a server configured
 * with another DateStyle or time zone neither writes rows in another form nor misreads them.
 */
export const COPY_SESSION =
  "SET DateStyle = ISO; SET IntervalStyle = postgres; SET TimeZone = 'UTC'; SET extra_float_digits = 3; SET client_encoding = 'UTF8'";

export type BackupPart = { kind: "rows"; table: BackupTable; lines: Buffer[] };

const NEWLINE = 0x0a;
// Rows are handed on in groups, so a large table costs one await per group instead of per row.
const GROUP = 500;

/** A backup or a target refused: one line saying why, printed without a stack (a ConfigError). */
export class BackupRefused extends ConfigError {}

async function* splitLines(file: string): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  const input = createReadStream(file).pipe(createGunzip());
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      let start = 0;
      for (let at = chunk.indexOf(NEWLINE); at !== -1; at = chunk.indexOf(NEWLINE, start)) {
        const piece = chunk.subarray(start, at + 1);
        yield pending.length ? Buffer.concat([...pending, piece]) : piece;
        pending = [];
        start = at + 1;
      }
      if (start < chunk.length) pending.push(chunk.subarray(start));
    }
  } catch (error) {
    throw new BackupRefused(`${file} is not an intact backup: it is damaged or incomplete (gzip: ${(error as Error).message})`);
  }
  if (pending.length) yield Buffer.concat(pending);
}

/**
 * Reads a backup through once, checking its structure and its SHA-256 as it goes: the header
 * first, then the rows of each table in groups. Whoever consumes the rows must treat them as
 * unconfirmed until the generator has finished, since only the last line confirms the whole.
 */
export async function* readBackup(file: string): AsyncGenerator<BackupHeader | BackupPart> {
  const hash = createHash("sha256");
  const refuse = (why: string): BackupRefused => new BackupRefused(`${file} is not an intact backup: ${why}`);
  const lines = splitLines(file);
  const next = async (): Promise<Buffer> => {
    const result = await lines.next();
    if (result.done) throw refuse("it ends early (truncated)");
    return result.value;
  };

  const first = await next();
  hash.update(first);
  let header: BackupHeader;
  try {
    header = BackupHeader.parse(JSON.parse(first.toString("utf8")));
  } catch {
    throw refuse(`its first line is not a ${BACKUP_FORMAT} version ${BACKUP_VERSION} header`);
  }
  if (header.tables.map((t) => t.name).join(",") !== BACKUP_TABLES.join(","))
    throw refuse("its tables are not this version's tables, in order");
  yield header;

  for (const table of header.tables) {
    const marker = await next();
    hash.update(marker);
    if (marker.toString("utf8") !== `table ${table.name} ${table.rows}\n`)
      throw refuse(`the rows of ${table.name} are not where its header says`);
    let group: Buffer[] = [];
    for (let row = 0; row < table.rows; row++) {
      const line = await next();
      if (line[line.length - 1] !== NEWLINE) throw refuse("it ends early (truncated)");
      hash.update(line);
      group.push(line);
      if (group.length === GROUP) {
        yield { kind: "rows", table: table.name, lines: group };
        group = [];
      }
    }
    if (group.length) yield { kind: "rows", table: table.name, lines: group };
  }

  const expected = `sha256 ${hash.digest("hex")}\n`;
  const trailer = await next();
  if (trailer.toString("utf8") !== expected) throw refuse("its SHA-256 does not match its contents (checksum)");
  if (!(await lines.next()).done) throw refuse("it goes on after its checksum");
}

/** The whole file checked, nothing kept: the header when intact, BackupRefused otherwise. */
export async function checkBackup(file: string): Promise<BackupHeader> {
  let header: BackupHeader | null = null;
  for await (const part of readBackup(file)) if (!("kind" in part)) header = part;
  if (!header) throw new BackupRefused(`${file} is not an intact backup: it has no header`);
  return header;
}
