/**
 * `npm run bench:case-page`: builds a throwaway database with a case of 2,000 notes and 2,000
 * history events beside a case of 20 of each, then times the case page's loaders as the page runs
 * them (the notes, the history, and the whole set: opening the case and every panel) and prints
 * the median, the 95th percentile and the bytes of the serialised result, beside the unpaged read
 * the page made before it was paged. Printed, never asserted. Uses TEST_DATABASE_URL's server, or
 * an embedded one; with `--on <url>`, adds the two cases to the database `npm run bench` built.
 */
import { randomUUID } from "node:crypto";
import { Pool } from "pg";
import type { CurrentUser } from "../lib/auth/session-store";
import { SYSTEM_ACTOR } from "../lib/audit/record-event";
import { benchArgs, benchDatabase, record, timed as timedOnly } from "./bench-common";
import { chainOf, insertChains, settle } from "./bench-fixture";
import { runScript } from "./run-script";

const BIG = 2_000;
const SMALL = 20;
const args = benchArgs();

async function makeCase(pool: Pool, regionId: string, authorId: string, size: number): Promise<string> {
  const id = randomUUID();
  const number = `KZ-2095-${String(size).padStart(6, "0")}`;
  await pool.query(
    `INSERT INTO person (id, case_number, family_name, given_name, family_name_latin, given_name_latin, search_name, sex, birth_date, region_id, return_date, return_operation_code, returned_from, age_category, caseworker_id, updated_at)
     VALUES ($1, $2, 'Бенчева', 'Айгуль', 'Bencheva', 'Aigul', 'bencheva aigul', 'FEMALE', '1990-01-01', $3, '2019-05-07', 'BENCH', 'SY', 'ADULT_WOMAN', $4, now())`,
    [id, number, regionId, authorId],
  );
  // A note a day, each a paragraph long, as a caseworker writes them over the years.
  await pool.query(
    `INSERT INTO note (id, person_id, body, author_id, created_at, updated_at)
     SELECT gen_random_uuid(), $1, 'Беседа ' || n || ': ' || repeat('состояние стабильное, посещает занятия, жалоб нет. ', 6), $2,
            timestamptz '2019-06-01' + n * interval '1 day', now()
     FROM generate_series(1, $3) AS n`,
    [id, authorId, size],
  );
  // The case's chain as the app writes it, hashed and linked, so the page reads what it would read in use.
  await insertChains(pool, [chainOf(id, number, size, SYSTEM_ACTOR)], null);
  return id;
}

async function timed(work: () => Promise<unknown>) {
  let bytes = 0;
  const figure = await timedOnly(async () => (bytes = Buffer.byteLength(JSON.stringify(await work()))));
  return { ...figure, bytes };
}

async function report(label: string, small: Awaited<ReturnType<typeof timed>>, big: Awaited<ReturnType<typeof timed>>) {
  const ms = (n: number) => `${n.toFixed(1)} ms`.padStart(9);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`.padStart(10);
  console.log(
    `[bench:case-page] ${label.padEnd(40)} ${SMALL} each: p50 ${ms(small.p50)} p95 ${ms(small.p95)} ${kb(small.bytes)}   ${BIG.toLocaleString("en")} each: p50 ${ms(big.p50)} p95 ${ms(big.p95)} ${kb(big.bytes)}   time ratio ${(big.p50 / small.p50).toFixed(2)}`,
  );
  await record(args, {
    bench: "case-page",
    label: `${label}, ${BIG.toLocaleString("en")} events beside ${SMALL}`,
    unit: "ms",
    app: big,
    floor: small,
  });
}

runScript("bench:case-page", async () => {
  const database = await benchDatabase(args, "bench_case");
  const pool = new Pool({ connectionString: database.url, max: 2 });
  try {
    const regionId = randomUUID();
    const auditorId = randomUUID();
    await pool.query(
      `INSERT INTO region (id, code, kind, name_en, name_ru, name_kk, updated_at) VALUES ($1, $2, 'REGION', 'Bench', 'Бенч', 'Бенч', now())`,
      [regionId, `BENCH_${regionId.slice(0, 6)}`],
    );
    await pool.query(
      `INSERT INTO return_operation (code, name_en, name_ru, name_kk) VALUES ('BENCH', 'Bench', 'Бенч', 'Бенч') ON CONFLICT DO NOTHING`,
    );
    await pool.query(
      `INSERT INTO app_user (id, email, name, role, password_hash, updated_at) VALUES ($1, $2, 'Bench auditor', 'AUDITOR', 'not-a-hash', now())`,
      [auditorId, `${auditorId}@bench.example.org`],
    );
    const auditor: CurrentUser = {
      id: auditorId,
      email: `${auditorId}@bench.example.org`,
      name: "Bench auditor",
      role: "AUDITOR",
      regionIds: [],
      sessionId: randomUUID(),
      mustChangePassword: false,
      secondFactorPending: false,
      secondFactorMissing: false,
    };
    const small = await makeCase(pool, regionId, auditorId, SMALL);
    const big = await makeCase(pool, regionId, auditorId, BIG);
    await settle(pool);

    const { getDb } = await import("../lib/db/client");
    const { getCase } = await import("../lib/cases/get-case");
    const { getNotesPanel } = await import("../lib/cases/case-notes");
    const { getHistoryPanel } = await import("../lib/cases/case-history");
    const { getProsecutionPanel } = await import("../lib/cases/case-prosecution");
    const { getProgramsPanel } = await import("../lib/cases/case-programs");
    const { getHouseholdPanel } = await import("../lib/cases/case-household");
    const opened = { small: await getCase(auditor, small), big: await getCase(auditor, big) };
    const both = async (work: (caseId: string, which: "small" | "big") => Promise<unknown>) =>
      [await timed(() => work(small, "small")), await timed(() => work(big, "big"))] as const;

    // What the page read before it was paged: every note, and the latest 200 events.
    await report(
      "unpaged notes (the page before)",
      ...(await both((caseId) =>
        getDb().note.findMany({
          where: { personId: caseId },
          orderBy: { createdAt: "desc" },
          select: { id: true, body: true, createdAt: true, author: { select: { name: true } } },
        }),
      )),
    );
    await report("notes, first page", ...(await both((_, which) => getNotesPanel(opened[which]))));
    const middle = {
      small: (await getNotesPanel(opened.small)).notes.at(-1)?.id,
      big: (
        await getDb().note.findFirstOrThrow({
          where: { personId: big },
          orderBy: { createdAt: "asc" },
          skip: BIG / 2,
          select: { id: true },
        })
      ).id,
    };
    await report("notes, a page from the middle", ...(await both((_, which) => getNotesPanel(opened[which], middle[which]))));
    await report("history, first page", ...(await both((_, which) => getHistoryPanel(opened[which]))));
    await report("history, first page of one kind", ...(await both((_, which) => getHistoryPanel(opened[which], { kind: "need" }))));
    await report(
      "whole page: open the case, every panel",
      ...(await both(async (caseId) => {
        const open = await getCase(auditor, caseId);
        return Promise.all([
          getProsecutionPanel(open),
          getProgramsPanel(open),
          getHouseholdPanel(open),
          getNotesPanel(open),
          getHistoryPanel(open),
        ]);
      })),
    );
    await getDb().$disconnect();
  } finally {
    await pool.end();
    await database.drop();
  }
});
