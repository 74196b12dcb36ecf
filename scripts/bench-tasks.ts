/**
 * `npm run bench:tasks -- 100000`: builds the throwaway database of `bench:registry` (persons with
 * prosecution statuses and enrollments), gives the persons risk levels and case reviews, then times
 * the task recomputation as the nightly job runs it (the first run, which stores every task, and the
 * next, which finds nothing to change) beside the bare SQL that finds the same due items, and the
 * incremental recomputation after one case review, which touches that case only. Printed, never
 * asserted. Uses TEST_DATABASE_URL's server, or an embedded one.
 */
import { Pool } from "pg";
import { createFreshDatabase } from "../lib/db/fresh-database";
import { applyMigrations } from "../lib/migrations/migrate";
import { fill } from "./bench-fixture";
import { runScript } from "./run-script";

/**
 * The due items of the default rules (lib/tasks/task-rules.ts) in one statement: the floor the
 * recomputation is measured against, not a second definition the app uses.
 */
const BARE_DUE_ITEMS = `
  SELECT p.id, 'caseReview:' || s.since AS due_key,
         s.since + CASE p.risk_level WHEN 'HIGH' THEN 30 WHEN 'MEDIUM' THEN 90 ELSE 180 END AS due_on
  FROM person p
  CROSS JOIN LATERAL (SELECT coalesce((SELECT max(r.reviewed_on) FROM case_review r WHERE r.person_id = p.id),
                                      (p.created_at AT TIME ZONE 'Asia/Almaty')::date) AS since) s
  WHERE p.case_status = 'OPEN'
  UNION ALL
  SELECT e.person_id, 'referralWaiting:' || e.id, e.referred_on + 21
  FROM enrollment e JOIN person p ON p.id = e.person_id
  WHERE p.case_status = 'OPEN' AND e.status = 'REFERRED'
  UNION ALL
  SELECT e.person_id, 'programFollowUp:' || e.id || ':' || m, (e.completed_on + make_interval(months => m))::date
  FROM enrollment e JOIN person p ON p.id = e.person_id CROSS JOIN unnest(ARRAY[6, 12]) AS m
  WHERE p.case_status = 'OPEN' AND e.status = 'COMPLETED' AND e.completed_on IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM follow_up f WHERE f.enrollment_id = e.id AND f.after_months = m)
  UNION ALL
  SELECT p.id, 'comingOfAge', (p.birth_date + interval '18 years')::date - 30
  FROM person p
  WHERE p.case_status = 'OPEN' AND p.age_category = 'MINOR' AND p.birth_date + interval '18 years' > current_date
    AND NOT EXISTS (SELECT 1 FROM requirements_review q
                    WHERE q.person_id = p.id AND q.reviewed_on >= (p.birth_date + interval '18 years')::date - 30)`;

runScript("bench:tasks", async () => {
  const persons = Number(process.argv[2] ?? 100_000);
  const database = await createFreshDatabase("bench_tasks");
  const pool = new Pool({ connectionString: database.url, max: 2 });
  try {
    await applyMigrations(database.url);
    process.env.DATABASE_URL = database.url;
    const loaded = Date.now();
    const fx = await fill(pool, persons);
    // Risk levels and a last review for most persons, some closed cases: the state the rules read.
    await pool.query(`
      SELECT setseed(0.3);
      UPDATE person SET risk_level = (ARRAY['UNASSESSED', 'LOW', 'MEDIUM', 'HIGH'])[1 + floor(random() * 4)::int]::"RiskLevel",
                        case_status = CASE WHEN random() < 0.1 THEN 'CLOSED'::"CaseStatus" ELSE 'OPEN' END;
      INSERT INTO case_review (id, person_id, reviewed_on, risk_level, note, reviewed_by_id)
        SELECT gen_random_uuid(), p.id, current_date - floor(random() * 200)::int, p.risk_level, 'bench', '${fx.supervisor.id}'
        FROM person p WHERE random() < 0.7;
      ANALYZE;`);
    console.log(`[bench:tasks] ${persons.toLocaleString("en")} persons loaded in ${((Date.now() - loaded) / 1000).toFixed(1)} s`);
    const { recomputeTasks } = await import("../lib/task-store/recompute-tasks");
    const { getDb } = await import("../lib/db/client");
    const db = getDb();
    const seconds = (start: number) => `${((performance.now() - start) / 1000).toFixed(2)} s`;

    let start = performance.now();
    const first = await recomputeTasks(db, { now: new Date() });
    console.log(`[bench:tasks] full recompute, first run (stores every task)   ${seconds(start).padStart(9)}   ${JSON.stringify(first)}`);
    start = performance.now();
    const again = await recomputeTasks(db, { now: new Date() });
    console.log(`[bench:tasks] full recompute, nothing changed (nightly)     ${seconds(start).padStart(9)}   ${JSON.stringify(again)}`);
    start = performance.now();
    const bare = await pool.query<{ id: string }>(BARE_DUE_ITEMS);
    console.log(`[bench:tasks] bare SQL finding the same due items           ${seconds(start).padStart(9)}   ${bare.rowCount} items`);
    const open = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM task WHERE state = 'OPEN'`);
    console.log(`[bench:tasks] open tasks stored ${open.rows[0]?.n}, due items by bare SQL ${bare.rowCount}`);

    // An open case last reviewed before today: the review recorded now closes one task and stores the next.
    const picked = await pool.query<{ id: string }>(
      `SELECT p.id FROM person p WHERE p.case_status = 'OPEN' AND NOT EXISTS (SELECT 1 FROM case_review r WHERE r.person_id = p.id AND r.reviewed_on >= current_date) LIMIT 1`,
    );
    const caseId = picked.rows[0]?.id ?? fx.caseId;
    await pool.query(
      `INSERT INTO case_review (id, person_id, reviewed_on, risk_level, note, reviewed_by_id) VALUES (gen_random_uuid(), $1, current_date + 1, 'HIGH', 'bench', $2)`,
      [caseId, fx.supervisor.id],
    );
    const runs: number[] = [];
    const changes: string[] = [];
    for (let i = 0; i < 20; i++) {
      start = performance.now();
      changes.push(JSON.stringify(await recomputeTasks(db, { now: new Date(), caseIds: [caseId] })));
      runs.push(performance.now() - start);
    }
    runs.sort((a, b) => a - b);
    console.log(`[bench:tasks] incremental recompute of one case after a review p50 ${runs[10]?.toFixed(1)} ms (first run ${changes[0]})`);
  } finally {
    await pool.end();
    await database.drop();
  }
});
