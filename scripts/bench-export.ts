/**
 * `npm run bench:export -- 10000 100000 1000000`: builds a throwaway database with that many
 * audit events (100 per case), exports all of them as JSON and as CSV the way the endpoint does,
 * and prints events per second and the process's peak memory, beside the floor: PostgreSQL's
 * own `COPY ... TO STDOUT` of the same columns (CSV) or the same event shape (JSON), and the ratio. The figures are printed, never
 * asserted: these machines are shared and noisy. Uses TEST_DATABASE_URL's server, or an
 * embedded one. Run it with a small heap (NODE_OPTIONS=--max-old-space-size=256) to see that
 * the export's memory does not grow with its size. With `--on <url>`, exports every event of the
 * database `npm run bench` built, as its auditor.
 */
import { randomUUID } from "node:crypto";
import { Client, Pool } from "pg";
import { to as copyTo } from "pg-copy-streams";
import type { CurrentUser } from "../lib/auth/session-store";
import { benchArgs, benchDatabase, record } from "./bench-common";
import { chainOf, insertChains, loadFixture } from "./bench-fixture";
import { runScript } from "./run-script";

const EVENTS_PER_CASE = 100;
const CASE_BATCH = 200;

/**
 * Loads the cases, their chains and heads straight through pg with array parameters: a million
 * events go in as a few hundred statements, and the loader's memory does not count against the export.
 */
async function fill(url: string, events: number): Promise<{ regionId: string; auditor: CurrentUser }> {
  const pool = new Pool({ connectionString: url, max: 1 });
  try {
    const regionId = randomUUID();
    const auditorId = randomUUID();
    const email = `bench-${auditorId}@example.org`;
    await pool.query(
      `INSERT INTO region (id, code, kind, name_en, name_ru, name_kk, updated_at) VALUES ($1, $2, 'REGION', 'Bench', 'Бенч', 'Бенч', now())`,
      [regionId, `BENCH_${regionId.slice(0, 6)}`],
    );
    await pool.query(
      `INSERT INTO return_operation (code, name_en, name_ru, name_kk) VALUES ('BENCH', 'Bench', 'Бенч', 'Бенч') ON CONFLICT DO NOTHING`,
    );
    await pool.query(
      `INSERT INTO app_user (id, email, name, role, password_hash, updated_at) VALUES ($1, $2, 'Bench Auditor', 'AUDITOR', 'not-a-hash', now())`,
      [auditorId, email],
    );
    const actor = { id: auditorId, label: email, role: "CASEWORKER" as const };
    const cases = Math.ceil(events / EVENTS_PER_CASE);
    for (let first = 0; first < cases; first += CASE_BATCH) {
      const ids = Array.from({ length: Math.min(CASE_BATCH, cases - first) }, () => randomUUID());
      await pool.query(
        `INSERT INTO person (id, case_number, family_name, given_name, family_name_latin, given_name_latin, search_name, sex, birth_date, region_id, return_date, return_operation_code, returned_from, age_category, updated_at)
         SELECT id, num, 'Бенчмаркова', 'Айгерим', 'Benchmarkova', 'Aigerim', 'benchmarkova aigerim', 'FEMALE', '1990-01-01', $3, '2019-05-07', 'BENCH', 'SY', 'ADULT_WOMAN', now()
         FROM unnest($1::uuid[], $2::text[]) AS t(id, num)`,
        [ids, ids.map((_, i) => `KZ-2097-${String(first + i).padStart(6, "0")}`), regionId],
      );
      await insertChains(
        pool,
        ids.map((id, i) =>
          chainOf(
            id,
            `KZ-2097-${String(first + i).padStart(6, "0")}`,
            Math.min(EVENTS_PER_CASE, events - (first + i) * EVENTS_PER_CASE),
            actor,
          ),
        ),
        actor.role,
      );
    }
    return {
      regionId,
      auditor: {
        id: auditorId,
        email,
        name: "Bench Auditor",
        role: "AUDITOR",
        regionIds: [],
        sessionId: randomUUID(),
        mustChangePassword: false,
        secondFactorPending: false,
        secondFactorMissing: false,
      },
    };
  } finally {
    await pool.end();
  }
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/**
 * The floor each export is measured against: the same events, in the same order, with the case
 * number joined, written by PostgreSQL itself. COPY takes no parameters; the region id is a
 * UUID this script made.
 */
function floorQuery(format: "json" | "csv", regionId: string | null): string {
  const from = `FROM audit_event e JOIN person p ON p.id::text = e.chain ${regionId ? `WHERE p.region_id = '${regionId}'` : ""} ORDER BY p.id, e.seq`;
  if (format === "csv")
    return `COPY (SELECT p.case_number, e.chain, e.seq, e.occurred_at, e.actor_label, e.actor_role, e.action, e.entity_type, e.entity_id, e.reason, e.before, e.after, e.context, e.prev_hash, e.hash ${from}) TO STDOUT WITH (FORMAT csv, HEADER)`;
  return `COPY (SELECT json_build_object('id', e.id, 'chain', e.chain, 'seq', e.seq, 'prevHash', e.prev_hash, 'occurredAt', e.occurred_at, 'actor', json_build_object('id', e.actor_id, 'label', e.actor_label, 'role', e.actor_role), 'action', e.action, 'entity', json_build_object('type', e.entity_type, 'id', e.entity_id), 'caseId', e.person_id, 'reason', e.reason, 'before', e.before, 'after', e.after, 'context', e.context, 'hash', e.hash) ${from}) TO STDOUT`;
}

async function copyFloor(url: string, query: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    let bytes = 0;
    const stream = client.query(copyTo(query));
    for await (const chunk of stream) bytes += (chunk as Buffer).byteLength;
    return bytes;
  } finally {
    await client.end();
  }
}

/**
 * Memory while `work` runs, sampled every 20 ms: the JavaScript heap's peak above where it
 * started (what the export itself holds) and the process's peak resident size.
 */
async function measured(
  work: () => Promise<number>,
): Promise<{ seconds: number; bytes: number; heapGrowthMb: number; retainedMb: number; peakRssMb: number }> {
  globalThis.gc?.();
  const baseHeap = process.memoryUsage().heapUsed;
  let peakHeap = baseHeap;
  let peakRss = process.memoryUsage().rss;
  const timer = setInterval(() => {
    const now = process.memoryUsage();
    peakHeap = Math.max(peakHeap, now.heapUsed);
    peakRss = Math.max(peakRss, now.rss);
  }, 20);
  const started = performance.now();
  try {
    const bytes = await work();
    const seconds = (performance.now() - started) / 1000;
    globalThis.gc?.();
    return {
      seconds,
      bytes,
      heapGrowthMb: mb(peakHeap - baseHeap),
      retainedMb: mb(process.memoryUsage().heapUsed - baseHeap),
      peakRssMb: mb(peakRss),
    };
  } finally {
    clearInterval(timer);
  }
}

const args = benchArgs();

/** Exports the events of `regionId` (or of every region) as `auditor`, in both formats, each beside its COPY. */
async function measureExports(url: string, auditor: CurrentUser, regionId: string | null, size: number) {
  const { exportHistory } = await import("../lib/exports/export-history");
  const { writeHistoryJson } = await import("../lib/exports/write-json");
  const { writeHistoryCsv } = await import("../lib/exports/write-csv");
  for (const [format, writer] of [
    ["json", writeHistoryJson],
    ["csv", writeHistoryCsv],
  ] as const) {
    const result = await measured(async () => {
      let bytes = 0;
      await exportHistory(
        auditor,
        { filters: regionId ? { region: regionId } : {} },
        { format, profile: "full", reason: "benchmark" },
        (plan) =>
          plan.transmit(
            async (chunk) => {
              bytes += Buffer.byteLength(chunk);
            },
            (write) => writer(plan, write),
          ),
      );
      return bytes;
    });
    const floor = await measured(() => copyFloor(url, floorQuery(format, regionId)));
    console.log(
      `[bench:export] ${format} ${size.toLocaleString("en")} events: ${result.seconds.toFixed(1)} s, ${Math.round(size / result.seconds).toLocaleString("en")} events/s, ${(result.bytes / 1024 / 1024).toFixed(1)} MB written, heap peak +${result.heapGrowthMb} MB (garbage included), +${result.retainedMb} MB kept after, peak RSS ${result.peakRssMb} MB`,
    );
    console.log(
      `[bench:export] ${format} floor, COPY of the same events: ${floor.seconds.toFixed(1)} s, ${Math.round(size / floor.seconds).toLocaleString("en")} events/s, ${(floor.bytes / 1024 / 1024).toFixed(1)} MB; app / floor = ${(floor.seconds / result.seconds).toFixed(2)}`,
    );
    await record(args, {
      bench: "export",
      label: `${format.toUpperCase()} export of every event`,
      note: `peak RSS ${result.peakRssMb} MB`,
      unit: "/s",
      app: { p50: size / result.seconds },
      floor: { p50: size / floor.seconds },
    });
  }
}

runScript("bench:export", async () => {
  process.env.NEXTAUTH_SECRET ??= "bench-only-secret-for-a-throwaway-database";
  if (args.on) {
    const database = await benchDatabase(args, "bench");
    const pool = new Pool({ connectionString: database.url, max: 1 });
    try {
      const { auditor } = await loadFixture(pool);
      const events = Number((await pool.query<{ n: string }>("SELECT count(*) AS n FROM audit_event")).rows[0]?.n ?? 0);
      await measureExports(database.url, auditor, null, events);
    } finally {
      await pool.end();
    }
    return;
  }
  const sizes = args.numbers.length > 0 ? args.numbers : [10_000, 100_000, 1_000_000];
  for (const size of sizes) {
    const database = await benchDatabase(args, "bench");
    try {
      const filled = Date.now();
      const { regionId, auditor } = await fill(database.url, size);
      console.log(
        `[bench:export] ${size.toLocaleString("en")} events in ${Math.ceil(size / EVENTS_PER_CASE).toLocaleString("en")} cases loaded in ${((Date.now() - filled) / 1000).toFixed(1)} s`,
      );
      await measureExports(database.url, auditor, regionId, size);
      // Each size has its own database; the app's client and pool are made again for the next one.
      const { closeDatabase } = await import("../lib/db/client");
      await closeDatabase();
    } finally {
      await database.drop();
    }
  }
});
