/**
 * `npm run bench:import -- 10000 [--preview-only] [--registry 100000]`: an XLSX of that many person
 * rows (two aliases, three prosecution entries and one enrollment each) on the English template,
 * then the time of reading it (file and persons rows, no database), of its preview as the page runs
 * it (reading every sheet, the registry lookups, the batch), and of its commit (one transaction per
 * person, then one per row of the other sheets, through the forms' writes, with every audit event),
 * each in person rows per second, beside a bare INSERT of the same persons, aliases, entries and
 * enrollments; and the peak memory. The preview is asked through the command line's channel, which
 * the hourly allowance does not bound (docs/decisions/023). `--registry N` registers N persons
 * first (the bench:registry data), so that the lookups search a registry of that size. Printed, never asserted. Uses TEST_DATABASE_URL's server, or an embedded one.
 */
import { randomUUID } from "node:crypto";
import { cpus, totalmem } from "node:os";
import ExcelJS from "exceljs";
import { Pool } from "pg";
import { createFreshDatabase } from "../lib/db/fresh-database";
import { applyMigrations } from "../lib/migrations/migrate";
import type { CurrentUser } from "../lib/auth/session-store";
import { templateFields, type ImportSheetName } from "../lib/import/import-fields";
import { todayOf } from "../lib/calendar/calendar-day";
import { fill } from "./bench-fixture";
import { runScript } from "./run-script";

const LETTERS = "бвгдклмнпрстфхш";
/** A family name of its own for each row, so no two rows look like the same person. */
const familyName = (i: number) => `Бенч${[...i.toString(15)].map((d) => LETTERS[parseInt(d, 15)]).join("")}ова`;
const birthDate = (i: number) => {
  const day = new Date(Date.UTC(1960, 0, 1) + (i % 12_000) * 86_400_000);
  return `${String(day.getUTCDate()).padStart(2, "0")}.${String(day.getUTCMonth() + 1).padStart(2, "0")}.${day.getUTCFullYear()}`;
};

const PROGRAM = "Bench vocational course";
const PROGRAM_TYPE = "BENCH";
/** Each person's prosecution history in the file: three dated steps the transition table allows from the first status. */
const HISTORY = [
  { status: "PRELIMINARY_CHECK", effectiveDate: "01.06.2019" },
  { status: "UNDER_INVESTIGATION", effectiveDate: "01.09.2019" },
  { status: "CHARGED", effectiveDate: "15.01.2020" },
] as const;

/** A sheet of the template, in English, with one row per entry of `values`. */
function addSheet(workbook: ExcelJS.Workbook, name: string, sheet: ImportSheetName, rows: Iterable<Record<string, string>>) {
  const added = workbook.addWorksheet(name);
  const fields = templateFields(sheet);
  added.addRow(fields.map((field) => field.headers.en[0]));
  for (const values of rows) added.addRow(fields.map((field) => values[field.key] ?? null));
}

/** Persons (two aliases each), each with three prosecution entries and one enrollment, as the benchmark asks. */
async function buildFile(rows: number, regionCode: string): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const each = function* <T>(of: (i: number) => T) {
    for (let i = 0; i < rows; i++) yield of(i);
  };
  addSheet(
    workbook,
    "Persons",
    "persons",
    each((i) => ({
      key: `P${i}`,
      familyName: familyName(i),
      givenName: "Айгерим",
      sex: "FEMALE",
      birthDate: birthDate(i),
      aliases: `Umm ${i}; Айгуль ${familyName(i)}`,
      region: regionCode,
      returnDate: "07.05.2019",
      returnOperation: "BENCH",
      returnedFrom: "SY",
    })),
  );
  addSheet(
    workbook,
    "Prosecution history",
    "prosecution",
    (function* () {
      for (let i = 0; i < rows; i++)
        for (const step of HISTORY)
          yield { person: `P${i}`, ...step, articles: "255-2", authority: "Bench court", reason: "Bench history" };
    })(),
  );
  addSheet(
    workbook,
    "Enrollments",
    "enrollments",
    each((i) => ({ person: `P${i}`, program: PROGRAM, programType: PROGRAM_TYPE, referredOn: "01.07.2019", enrolledOn: "15.07.2019" })),
  );
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** Peak resident memory while `work` runs, sampled every 20 ms. */
async function measured<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number; peakRssMb: number; peakHeapMb: number }> {
  global.gc?.();
  let peakRss = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  }, 20);
  const started = performance.now();
  try {
    const result = await work();
    return {
      result,
      seconds: (performance.now() - started) / 1000,
      peakRssMb: Math.round(peakRss / 2 ** 20),
      peakHeapMb: Math.round(peakHeap / 2 ** 20),
    };
  } finally {
    clearInterval(timer);
  }
}

function report(label: string, rows: number, m: { seconds: number; peakRssMb: number; peakHeapMb: number }) {
  console.log(
    `[bench:import] ${label.padEnd(62)} ${m.seconds.toFixed(1).padStart(7)} s ${Math.round(rows / m.seconds)
      .toLocaleString("en")
      .padStart(9)} rows/s   peak RSS ${m.peakRssMb} MB, heap ${m.peakHeapMb} MB`,
  );
}

runScript("bench:import", async () => {
  const rows = Number(process.argv.slice(2).find((arg) => /^\d+$/.test(arg)) ?? 10_000);
  // The commit of 10,000 rows takes a quarter of an hour; the preview's target can be read without it.
  const previewOnly = process.argv.includes("--preview-only");
  // Persons already registered (the bench:registry data), so the preview's lookups search a registry of that size.
  const registryAt = process.argv.indexOf("--registry");
  const registered = registryAt > 0 ? Number(process.argv[registryAt + 1] ?? 0) : 0;
  console.log(
    `[bench:import] machine: ${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}`,
  );
  const database = await createFreshDatabase("bench");
  const pool = new Pool({ connectionString: database.url, max: 2 });
  try {
    await applyMigrations(database.url);
    process.env.DATABASE_URL = database.url;
    if (registered > 0) {
      const loaded = Date.now();
      await fill(pool, registered);
      console.log(
        `[bench:import] ${registered.toLocaleString("en")} persons registered first, in ${((Date.now() - loaded) / 1000).toFixed(0)} s`,
      );
    }
    const regionId = randomUUID();
    const userId = randomUUID();
    const regionCode = `BENCH_${regionId.slice(0, 6)}`;
    await pool.query(
      `INSERT INTO region (id, code, kind, name_en, name_ru, name_kk, updated_at) VALUES ($1, $2, 'REGION', 'Bench', 'Бенч', 'Бенч', now())`,
      [regionId, regionCode],
    );
    await pool.query(
      `INSERT INTO return_operation (code, name_en, name_ru, name_kk) VALUES ('BENCH', 'Bench', 'Бенч', 'Бенч') ON CONFLICT DO NOTHING`,
    );
    await pool.query(
      `INSERT INTO app_user (id, email, name, role, password_hash, updated_at) VALUES ($1, 'bench-supervisor@example.org', 'Bench Supervisor', 'SUPERVISOR', 'not-a-hash', now())`,
      [userId],
    );
    await pool.query(`INSERT INTO user_region (user_id, region_id) VALUES ($1, $2)`, [userId, regionId]);
    await pool.query(
      `INSERT INTO program_type (code, label_en, label_ru, label_kk) VALUES ($1, 'Bench', 'Бенч', 'Бенч') ON CONFLICT DO NOTHING`,
      [PROGRAM_TYPE],
    );
    const programId = randomUUID();
    await pool.query(
      `INSERT INTO program (id, name, program_type_code, provider, region_id, capacity, updated_at) VALUES ($1, $2, $3, 'Bench provider', $4, 1000000, now())`,
      [programId, PROGRAM, PROGRAM_TYPE, regionId],
    );
    const supervisor: CurrentUser = {
      id: userId,
      email: "bench-supervisor@example.org",
      name: "Bench Supervisor",
      role: "SUPERVISOR",
      regionIds: [regionId],
      sessionId: randomUUID(),
      mustChangePassword: false,
      secondFactorPending: false,
      secondFactorMissing: false,
    };
    const bytes = await buildFile(rows, regionCode);
    console.log(
      `[bench:import] ${rows.toLocaleString("en")} person rows, 2 aliases, 3 prosecution entries and 1 enrollment each: ${(bytes.byteLength / 2 ** 20).toFixed(1)} MB of XLSX`,
    );

    // Imported once DATABASE_URL names the throwaway database, which getDb() reads on first use.
    const { readFile } = await import("../lib/import/read-file");
    const { personRowReader, personColumnsOf } = await import("../lib/import/person-rows");
    const { suggestColumns } = await import("../lib/import/header-match");
    const { PERSON_IMPORT_FIELDS } = await import("../lib/import/import-fields");
    const { loadImportReference } = await import("../lib/import/import-reference");
    const { previewPersonsImport } = await import("../lib/import/preview-persons");
    const { commitImportBatch } = await import("../lib/import/commit-persons");
    const { ImportCommitInput } = await import("../lib/validation/import");
    const { getDb } = await import("../lib/db/client");

    const reference = await loadImportReference(supervisor);
    const parsing = await measured(async () => {
      const read = await readFile(bytes);
      if (!read.ok) throw new Error(`unreadable: ${JSON.stringify(read.problem)}`);
      const [header, ...data] = read.workbook.sheets[0].rows;
      const columns = personColumnsOf(suggestColumns(header!.cells, [], PERSON_IMPORT_FIELDS));
      const readRow = personRowReader(reference, todayOf());
      return data.map((row) => readRow(row, columns)).filter((p) => p.candidate).length;
    });
    report(`parsing (${parsing.result} ready)`, rows, parsing);

    const preview = await measured(() => previewPersonsImport(supervisor, { name: "bench.xlsx", bytes }, { via: "command" }));
    if (preview.result.status !== "previewed") throw new Error(`not previewed: ${preview.result.status}`);
    const linkedReady = preview.result.linked.reduce((sum, sheet) => sum + sheet.counts.ready, 0);
    report(`preview (${preview.result.counts.possibleDuplicates} possible duplicates, ${linkedReady} other rows ready)`, rows, preview);

    if (previewOnly) {
      await getDb().$disconnect();
      return;
    }
    const input = ImportCommitInput.parse({ batchId: preview.result.batchId, reason: "benchmark", aliasType: "TRANSLITERATION" });
    const commit = await measured(() => commitImportBatch(supervisor, input));
    const linkedWritten = commit.result.linked.reduce((sum, sheet) => sum + sheet.created, 0);
    report(`commit (${commit.result.counts.created} created, ${linkedWritten} other rows written)`, rows, commit);

    const bare = await measured(async () => {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const ids = Array.from({ length: rows }, () => randomUUID());
        await client.query(
          `INSERT INTO person (id, case_number, family_name, given_name, family_name_latin, given_name_latin, search_name, sex, birth_date, region_id, return_date, return_operation_code, returned_from, age_category, prosecution_status, updated_at)
           SELECT id, 'KZ-2097-' || lpad(n::text, 6, '0'), 'Бенч' || n, 'Айгерим', 'Bench' || n, 'Aigerim', 'bench' || n || ' aigerim', 'FEMALE', '1990-01-01', $2, '2019-05-07', 'BENCH', 'SY', 'ADULT_WOMAN', 'NO_PROCEEDINGS', now()
           FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)`,
          [ids, regionId],
        );
        await client.query(
          `INSERT INTO alias (id, person_id, value, type, source, script, search_name)
           SELECT gen_random_uuid(), id, 'Umm ' || n || k, 'TRANSLITERATION', 'bench', 'LATIN', 'umm ' || n || k
           FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n), generate_series(1, 2) AS k`,
          [ids],
        );
        await client.query(
          `INSERT INTO prosecution_entry (id, person_id, status, effective_date, articles, authority, reason)
           SELECT gen_random_uuid(), id, s.status::"ProsecutionStatus", s.day::date, ARRAY['255-2'], 'Bench court', 'Bench history'
           FROM unnest($1::uuid[]) AS t(id),
                (VALUES ('NO_PROCEEDINGS', '2019-05-07'), ('PRELIMINARY_CHECK', '2019-06-01'), ('UNDER_INVESTIGATION', '2019-09-01'), ('CHARGED', '2020-01-15')) AS s(status, day)`,
          [ids],
        );
        await client.query(
          `INSERT INTO enrollment (id, person_id, program_id, status, referred_on, enrolled_on, updated_at)
           SELECT gen_random_uuid(), id, $2, 'ENROLLED', '2019-07-01', '2019-07-15', now() FROM unnest($1::uuid[]) AS t(id)`,
          [ids, programId],
        );
        await client.query("COMMIT");
      } finally {
        client.release();
      }
    });
    report("bare INSERT of the same rows and entries", rows, bare);
    await getDb().$disconnect();
  } finally {
    await pool.end();
    await database.drop();
  }
});
