import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "../../prisma/seed/seed";
import { BACKUP_TABLES, checkBackup, DERIVED_TABLES } from "./backup-format";
import { unlistedTables, writeBackup } from "./backup";
import { createDb } from "../db/client";
import { createFreshDatabase, type FreshDatabase } from "../db/fresh-database";
import { applyMigrations } from "../migrations/migrate";
import { restoreBackup } from "./restore";

let source: FreshDatabase;
let target: FreshDatabase;
let folder: string;
let file: string;

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** Every table's row count, plus the chain heads, which a restore must reproduce exactly. */
function snapshot(url: string): Promise<Record<string, string>> {
  return withClient(url, async (client) => {
    const counts: Record<string, string> = {};
    for (const table of BACKUP_TABLES) {
      counts[table] = (await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${client.escapeIdentifier(table)}`)).rows[0]!.n;
    }
    const heads = await client.query<{ chain: string; last_seq: number; last_hash: string }>(
      "SELECT chain, last_seq, last_hash FROM audit_chain_head ORDER BY chain",
    );
    counts.heads = heads.rows.map((h) => `${h.chain}:${h.last_seq}:${h.last_hash}`).join(",");
    // Not in the file, rebuilt by the triggers as the rows it derives from are loaded.
    const needs = await client.query<{ rows: string; digest: string | null }>(
      "SELECT count(*)::text AS rows, md5(string_agg(n::text, ',' ORDER BY n.person_id, n.program_type_code)) AS digest FROM person_need n",
    );
    counts.person_need = `${needs.rows[0]!.rows}:${needs.rows[0]!.digest}`;
    return counts;
  });
}

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), "zhusan-backup-test-"));
  file = join(folder, "zhusan.backup.gz");
  source = await createFreshDatabase("backup_source");
  target = await createFreshDatabase("backup_target");
  await applyMigrations(source.url);
  const db = createDb(source.url);
  try {
    await seedDemoData(db);
  } finally {
    await db.$disconnect();
  }
  await writeBackup(source.url, file);
}, 240_000);

afterAll(async () => {
  await source?.drop();
  await target?.drop();
  rmSync(folder, { recursive: true, force: true });
});

/** A copy of the backup with its decompressed contents changed by `edit`, recompressed so gzip finds nothing wrong. */
function rewritten(name: string, edit: (text: Buffer) => Buffer): string {
  const path = join(folder, name);
  writeFileSync(path, gzipSync(edit(gunzipSync(readFileSync(file)))));
  return path;
}

/** As `rewritten`, with the trailer's SHA-256 recomputed: a file consistent in itself, as a forger would make it. */
function resealed(name: string, edit: (text: Buffer) => Buffer): string {
  return rewritten(name, (text) => {
    const body = edit(text.subarray(0, text.lastIndexOf("sha256 ")));
    return Buffer.concat([body, Buffer.from(`sha256 ${createHash("sha256").update(body).digest("hex")}\n`)]);
  });
}

/** The file's text with the first row of `table` passed through `edit`. */
function firstRowOf(table: string, edit: (row: string) => string): (text: Buffer) => Buffer {
  return (text) => {
    const start = text.indexOf("\n", text.indexOf(`\ntable ${table} `) + 1) + 1;
    const end = text.indexOf("\n", start);
    return Buffer.concat([text.subarray(0, start), Buffer.from(edit(text.subarray(start, end).toString("utf8"))), text.subarray(end)]);
  };
}

describe("backup and restore", () => {
  it("BACKUP_TABLES names every application table, each after every table it refers to", async () => {
    await withClient(source.url, async (client) => {
      expect(await unlistedTables(client)).toEqual([]);
      const { rows } = await client.query<{ child: string; parent: string }>(
        "SELECT conrelid::regclass::text AS child, confrelid::regclass::text AS parent FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace",
      );
      const order: readonly string[] = BACKUP_TABLES;
      const derived: readonly string[] = DERIVED_TABLES;
      for (const { child, parent } of rows.filter((row) => !derived.includes(row.child.replace(/"/g, ""))))
        expect(order.indexOf(parent.replace(/"/g, ""))).toBeLessThan(order.indexOf(child.replace(/"/g, "")));
    });
  });

  it("records the migrations it was taken at and every table's row count", async () => {
    const header = await checkBackup(file);
    const counts = await snapshot(source.url);
    expect(header.migrations.map((m) => m.name).length).toBeGreaterThan(0);
    expect(Object.fromEntries(header.tables.map((t) => [t.name, String(t.rows)]))).toEqual(
      Object.fromEntries(BACKUP_TABLES.map((t) => [t, counts[t]])),
    );
    expect(Number(counts.audit_event)).toBeGreaterThan(0);
  });

  it("writes the same rows whatever DateStyle and time zone the server is configured with", async () => {
    const other = join(folder, "other-settings.gz");
    const name = new URL(source.url).pathname.slice(1);
    await withClient(source.url, (client) =>
      client.query(
        `ALTER DATABASE ${client.escapeIdentifier(name)} SET DateStyle = 'SQL, DMY'; ALTER DATABASE ${client.escapeIdentifier(name)} SET TimeZone = 'Asia/Almaty'`,
      ),
    );
    try {
      await writeBackup(source.url, other);
    } finally {
      await withClient(source.url, (client) =>
        client.query(
          `ALTER DATABASE ${client.escapeIdentifier(name)} RESET DateStyle; ALTER DATABASE ${client.escapeIdentifier(name)} RESET TimeZone`,
        ),
      );
    }
    const rows = (path: string): Buffer => {
      const text = gunzipSync(readFileSync(path));
      return text.subarray(text.indexOf("\n") + 1, text.lastIndexOf("sha256 "));
    };
    expect(rows(other).equals(rows(file))).toBe(true);
  });

  it("restored into a fresh empty database: the same rows in every table and every chain verifies", async () => {
    const summary = await restoreBackup(target.url, file);
    expect(summary.verification.ok).toBe(true);
    expect(summary.verification.events).toBeGreaterThan(0);
    expect(await snapshot(target.url)).toEqual(await snapshot(source.url));
  });

  it("the restored database takes new rows: sequences continue after the highest id loaded", async () => {
    await withClient(target.url, async (client) => {
      const before = (await client.query<{ max: string | null }>("SELECT max(id)::text AS max FROM sign_in_attempt")).rows[0]!.max;
      const next = (await client.query<{ id: string }>("SELECT nextval(pg_get_serial_sequence('sign_in_attempt', 'id'))::text AS id"))
        .rows[0]!.id;
      expect(BigInt(next)).toBeGreaterThan(BigInt(before ?? "0"));
    });
  });

  it("refuses a database that already holds rows, and changes nothing there", async () => {
    const before = await snapshot(target.url);
    await expect(restoreBackup(target.url, file)).rejects.toThrow(
      /^restore refused: the target database is not empty \(table region has rows\)/,
    );
    expect(await snapshot(target.url)).toEqual(before);
  });

  it("refuses a backup with one byte changed, writing nothing", async () => {
    const empty = await createFreshDatabase("backup_tampered");
    try {
      const bytes = readFileSync(file);
      const middle = Math.floor(bytes.length / 2);
      bytes.writeUInt8(bytes.readUInt8(middle) ^ 0x01, middle);
      const damaged = join(folder, "damaged.gz");
      writeFileSync(damaged, bytes);
      await expect(restoreBackup(empty.url, damaged)).rejects.toThrow(/is not an intact backup/);

      // The same change beneath an intact gzip layer: only the SHA-256 can catch it.
      const tampered = rewritten("tampered.gz", (text) => {
        const at = text.indexOf("\ntable audit_event ") + 1;
        const row = text.indexOf("\n", at) + 10;
        text[row] = text[row] === 0x61 ? 0x62 : 0x61;
        return text;
      });
      await expect(restoreBackup(empty.url, tampered)).rejects.toThrow(/SHA-256 does not match its contents \(checksum\)$/);

      const truncated = rewritten("truncated.gz", (text) => text.subarray(0, Math.floor(text.length * 0.7)));
      await expect(restoreBackup(empty.url, truncated)).rejects.toThrow(/truncated/);

      await withClient(empty.url, async (client) => {
        const { rows } = await client.query<{ n: string }>(
          "SELECT count(*)::text AS n FROM information_schema.tables WHERE table_schema = 'public'",
        );
        expect(rows[0]!.n).toBe("0");
      });
    } finally {
      await empty.drop();
    }
  });

  it("a consistent file with an audit event altered restores as it is, and the verification names the broken chain", async () => {
    const forged = resealed(
      "forged.gz",
      firstRowOf("audit_event", (row) => row.replace(/\t(\w+\.\w+)\t/, "\t$1x\t")),
    );
    const empty = await createFreshDatabase("backup_forged");
    try {
      const summary = await restoreBackup(empty.url, forged);
      expect(summary.verification.ok).toBe(false);
      expect(summary.verification.problems).toHaveLength(1);
    } finally {
      await empty.drop();
    }
  });

  it("a row the database refuses rolls the whole load back: the schema is there, no row is", async () => {
    const invalid = resealed(
      "invalid.gz",
      firstRowOf("note", (row) => row.replace(/^[^\t]+/, "not-a-uuid")),
    );
    const empty = await createFreshDatabase("backup_invalid");
    try {
      await expect(restoreBackup(empty.url, invalid)).rejects.toThrow(/uuid/);
      const counts = await snapshot(empty.url);
      expect(BACKUP_TABLES.filter((table) => counts[table] !== "0")).toEqual([]);
    } finally {
      await empty.drop();
    }
  });
});
