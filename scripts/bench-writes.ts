/**
 * `npm run bench:writes -- 1 4 16`: write throughput with that many concurrent writers, each on
 * a case of its own, for a few seconds per figure. A note added and a prosecution status changed
 * through the real domain functions, each beside a bare `pg` transaction doing the same
 * statements (the row, the chain head lock, the hashed audit event, the head's update), and the
 * ratio. The status change updates the person, so its bare transaction fires the triggers that
 * keep the program needs (docs/decisions/019) like the app's does; a last line shows it with
 * those triggers off, for their cost. Printed, never asserted. Uses TEST_DATABASE_URL's server,
 * or an embedded one; with `--on <url>`, adds its writers' cases to the database `npm run bench` built.
 */
import { randomUUID } from "node:crypto";
import { Pool } from "pg";
import { createPool } from "../lib/db/client";
import { preparedQuery } from "../lib/db/sql";
import type { CurrentUser } from "../lib/auth/session-store";
import { bareAudit, bareNote, inTransaction } from "./bench-bare";
import { benchArgs, benchDatabase, record, underLoad } from "./bench-common";
import { runScript } from "./run-script";

const SECONDS = 5;
// Two forward moves that need no second person and may repeat: the effective date stays the same.
const CYCLE = ["PRELIMINARY_CHECK", "NO_PROCEEDINGS"] as const;
const EFFECTIVE = "2024-03-01";

type Fixture = { caseworker: CurrentUser; cases: string[] };

async function fill(pool: Pool, writers: number): Promise<Fixture> {
  const regionId = randomUUID();
  const userId = randomUUID();
  const email = `bench-${userId}@example.org`;
  await pool.query(
    `INSERT INTO region (id, code, kind, name_en, name_ru, name_kk, updated_at) VALUES ($1, $2, 'REGION', 'Bench', 'Бенч', 'Бенч', now())`,
    [regionId, `BENCH_${regionId.slice(0, 6)}`],
  );
  await pool.query(
    `INSERT INTO return_operation (code, name_en, name_ru, name_kk) VALUES ('BENCH', 'Bench', 'Бенч', 'Бенч') ON CONFLICT DO NOTHING`,
  );
  await pool.query(
    `INSERT INTO app_user (id, email, name, role, password_hash, updated_at) VALUES ($1, $2, 'Bench Caseworker', 'CASEWORKER', 'not-a-hash', now())`,
    [userId, email],
  );
  await pool.query(`INSERT INTO user_region (user_id, region_id) VALUES ($1, $2)`, [userId, regionId]);
  const cases = Array.from({ length: writers }, () => randomUUID());
  await pool.query(
    `INSERT INTO person (id, case_number, family_name, given_name, family_name_latin, given_name_latin, search_name, sex, birth_date, region_id, return_date, return_operation_code, returned_from, age_category, prosecution_status, caseworker_id, updated_at)
     SELECT id, 'KZ-2094-' || lpad(n::text, 6, '0'), 'Бенчмаркова', 'Айгерим', 'Benchmarkova', 'Aigerim', 'benchmarkova aigerim', 'FEMALE', '1990-01-01', $2, '2019-05-07', 'BENCH', 'SY', 'ADULT_WOMAN', 'NO_PROCEEDINGS', $3, now()
     FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)`,
    [cases, regionId, userId],
  );
  await pool.query(
    `INSERT INTO prosecution_transition (from_status, to_status, is_correction) VALUES ('NO_PROCEEDINGS', 'PRELIMINARY_CHECK', false), ('PRELIMINARY_CHECK', 'NO_PROCEEDINGS', false) ON CONFLICT DO NOTHING`,
  );
  return {
    caseworker: {
      id: userId,
      email,
      name: "Bench Caseworker",
      role: "CASEWORKER",
      regionIds: [regionId],
      sessionId: randomUUID(),
      mustChangePassword: false,
      secondFactorPending: false,
      secondFactorMissing: false,
    },
    cases,
  };
}

/** Runs `write` in a loop on each writer's own case for SECONDS and returns writes per second. */
async function throughput(writers: number, write: (writer: number) => Promise<void>): Promise<number> {
  return (await underLoad(writers, SECONDS, write)).rate;
}

const args = benchArgs();

async function line(label: string, app: number, bare: number) {
  console.log(
    `[bench:writes] ${label.padEnd(38)} app ${app.toFixed(0).padStart(6)}/s   bare pg ${bare.toFixed(0).padStart(6)}/s   app / bare ${(app / bare).toFixed(2)}`,
  );
  await record(args, { bench: "writes", label, unit: "/s", app: { p50: app }, floor: { p50: bare } });
}

runScript("bench:writes", async () => {
  const levels = args.numbers.filter((n) => n > 0);
  if (levels.length === 0) levels.push(1, 4, 16);
  const database = await benchDatabase(args, "bench");
  const pool = createPool(database.url, Math.max(...levels));
  try {
    const fx = await fill(pool, Math.max(...levels));
    // Imported once DATABASE_URL names the throwaway database, which getDb() reads on first use.
    const { addNote } = await import("../lib/cases/add-note");
    const { changeProsecutionStatus } = await import("../lib/cases/change-prosecution-status");
    const { getDb } = await import("../lib/db/client");
    const versions = new Map<string, number>();
    const statusOf = new Map<string, number>();
    const versionOf = async (caseId: string) =>
      versions.get(caseId) ?? (await getDb().person.findUniqueOrThrow({ where: { id: caseId }, select: { version: true } })).version;
    const nextStatus = (caseId: string) => {
      const step = statusOf.get(caseId) ?? 0;
      statusOf.set(caseId, step + 1);
      return CYCLE[step % CYCLE.length]!;
    };

    for (const writers of levels) {
      const note = { body: "Беседа с матерью; ребёнок ходит в школу" };
      const appNotes = await throughput(writers, (w) => addNote(fx.caseworker, { caseId: fx.cases[w]!, ...note }).then(() => undefined));
      const bareNotes = await throughput(writers, (w) => bareNote(pool, fx.caseworker, fx.cases[w]!, note.body));
      await line(`add note, ${writers} writer(s)`, appNotes, bareNotes);

      const appStatus = await throughput(writers, async (w) => {
        const caseId = fx.cases[w]!;
        const { version } = await changeProsecutionStatus(fx.caseworker, {
          caseId,
          version: await versionOf(caseId),
          status: nextStatus(caseId),
          effectiveDate: EFFECTIVE,
          articles: [],
          authority: "",
          reason: "Бенчмарк",
        });
        versions.set(caseId, version);
      });
      const bareStatus = async () =>
        throughput(writers, (w) =>
          inTransaction(pool, async (client) => {
            const caseId = fx.cases[w]!;
            const status = nextStatus(caseId);
            const updated = await client.query(
              preparedQuery(`UPDATE person SET prosecution_status = $2, version = version + 1 WHERE id = $1 RETURNING version`, [
                caseId,
                status,
              ]),
            );
            versions.set(caseId, (updated.rows[0] as { version: number }).version);
            const id = randomUUID();
            await client.query(
              preparedQuery(
                `INSERT INTO prosecution_entry (id, person_id, status, effective_date, articles, reason, recorded_by_id) VALUES ($1, $2, $3, $4, '{}', $5, $6)`,
                [id, caseId, status, EFFECTIVE, "Бенчмарк", fx.caseworker.id],
              ),
            );
            await bareAudit(client, fx.caseworker, caseId, "prosecution.status_changed", id, { status });
          }),
        );
      await line(`status change, ${writers} writer(s)`, appStatus, await bareStatus());
      await pool.query("ALTER TABLE person DISABLE TRIGGER person_need_on_person_update");
      const withoutTriggers = await bareStatus();
      await pool.query("ALTER TABLE person ENABLE TRIGGER person_need_on_person_update");
      console.log(
        `[bench:writes] ${`  bare, without the needs trigger`.padEnd(38)}                      bare pg ${withoutTriggers.toFixed(0).padStart(6)}/s`,
      );
    }
    await getDb().$disconnect();
  } finally {
    await pool.end();
    await database.drop();
  }
});
