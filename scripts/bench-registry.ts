/**
 * `npm run bench:registry -- 100000`: builds a throwaway database of that many persons (with
 * aliases, enrollments and program needs), then times the registry, search, case page, review queue and dashboard as the app
 * runs them, each beside the bare SQL that answers the same question, and prints the median and
 * 95th percentile. Printed, never asserted. Uses TEST_DATABASE_URL's server, or an embedded one;
 * with `--on <url>`, the database `npm run bench` built.
 */
import { createPool } from "../lib/db/client";
import { preparedQuery } from "../lib/db/sql";
import { normalizeName } from "../lib/search/normalize-name";
import { SEARCH_CAP } from "../lib/search/search-cap";
import { bareAudit, inTransaction } from "./bench-bare";
import { benchArgs, benchDatabase, record, timed, type Figure } from "./bench-common";
import { fill, loadFixture } from "./bench-fixture";
import { runScript } from "./run-script";

const args = benchArgs();
const persons = args.numbers[0] ?? 100_000;

async function report(label: string, app: Required<Figure>, bare: Required<Figure> | null) {
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  console.log(
    `[bench:registry] ${label.padEnd(44)} app p50 ${ms(app.p50).padStart(9)} p95 ${ms(app.p95).padStart(9)}${bare ? `   bare SQL p50 ${ms(bare.p50).padStart(9)} p95 ${ms(bare.p95).padStart(9)}` : ""}`,
  );
  await record(args, { bench: "registry", label, unit: "ms", app, floor: bare });
}

runScript("bench:registry", async () => {
  const database = await benchDatabase(args, "bench");
  const pool = createPool(database.url, 2);
  try {
    let fx;
    if (database.fresh) {
      const loaded = Date.now();
      fx = await fill(pool, persons);
      console.log(`[bench:registry] ${persons.toLocaleString("en")} persons loaded in ${((Date.now() - loaded) / 1000).toFixed(1)} s`);
    } else fx = await loadFixture(pool);
    // Imported once DATABASE_URL names the throwaway database, which getDb() reads on first use.
    const { listCases } = await import("../lib/cases/registry");
    const { getCase } = await import("../lib/cases/get-case");
    const { reviewQueue } = await import("../lib/review/queue");
    const { getDashboard } = await import("../lib/dashboard/dashboard");
    const { RegistryQuery } = await import("../lib/validation/registry");
    const { ReviewQuery } = await import("../lib/validation/review");
    const sql =
      (text: string, values: unknown[] = []) =>
      () =>
        pool.query(preparedQuery(text, values));
    // The registry's floor gives the page's answer: the columns a row shows, its caseworker's name
    // and its overdue-task mark, for a viewer who may see every task; $1 is today.
    const isoToday = new Date().toISOString().slice(0, 10);
    const registryPageFloor = (where: string, order: string) =>
      `SELECT p.id, p.case_number, p.family_name, p.given_name, p.patronymic, p.family_name_latin, p.given_name_latin, p.age_category,
              p.birth_date::text, p.region_id, p.return_operation_code, p.return_date::text, p.prosecution_status, p.case_status,
              p.risk_level, u.name, p.unaccompanied_minor,
              EXISTS (SELECT 1 FROM task t WHERE t.person_id = p.id AND t.state = 'OPEN' AND t.due_on < $1::date) AS overdue
       FROM (SELECT * FROM person p WHERE TRUE ${where} ORDER BY ${order} LIMIT 51) p LEFT JOIN app_user u ON u.id = p.caseworker_id
       ORDER BY ${order}`;

    await report(
      "registry, first page, all cases",
      await timed(() => listCases(fx.auditor, RegistryQuery.parse({}))),
      await timed(async () => {
        await sql(registryPageFloor("", "p.case_number"), [isoToday])();
        // The count as the tallies give it (docs/decisions/031): cheaper than count(*) at any size.
        await sql("SELECT sum(n) FROM dashboard_tally WHERE figure LIKE 'age:%'")();
      }),
    );
    await report(
      "registry, first page, all cases by name",
      await timed(() => listCases(fx.auditor, RegistryQuery.parse({ sort: "familyName" }))),
      await timed(async () => {
        await sql(registryPageFloor("", "p.family_name_latin, p.given_name_latin, p.id"), [isoToday])();
        await sql("SELECT sum(n) FROM dashboard_tally WHERE figure LIKE 'age:%'")();
      }),
    );
    await report(
      "registry, supervisor, region + age filter",
      await timed(() => listCases(fx.supervisor, RegistryQuery.parse({ region: fx.supervisor.regionIds[0], age: "MINOR" }))),
      await timed(async () => {
        await sql(registryPageFloor("AND p.region_id = ANY($2) AND p.region_id = $3 AND p.age_category = 'MINOR'", "p.case_number"), [
          isoToday,
          fx.supervisor.regionIds,
          fx.supervisor.regionIds[0],
        ])();
        await sql("SELECT sum(n) FROM dashboard_tally WHERE region_id = ANY($1) AND region_id = $2 AND figure = 'age:MINOR'", [
          fx.supervisor.regionIds,
          fx.supervisor.regionIds[0],
        ])();
      }),
    );
    // The floor gives the search's answer: the matches ranked as the app ranks them (the closest
    // first, up to the cap), the first page of them with the page's columns, and the search's own
    // audit event; the count is the number of matches, all within an auditor's reach.
    const text = normalizeName(fx.searchName);
    await report(
      `search by Latin name "${fx.searchName}"`,
      await timed(() => listCases(fx.auditor, RegistryQuery.parse({ q: fx.searchName }))),
      await timed(() =>
        inTransaction(pool, async (client) => {
          const matches = await client.query<{ id: string }>(
            preparedQuery(
              `SELECT m.id FROM (
                 SELECT id, word_similarity($1, search_name) AS score FROM person WHERE search_name LIKE $2 OR $1 <% search_name
                 UNION ALL
                 SELECT person_id, word_similarity($1, search_name) FROM alias WHERE search_name LIKE $2 OR $1 <% search_name
               ) AS m GROUP BY m.id ORDER BY max(m.score) DESC, m.id LIMIT $3`,
              [text, `%${text}%`, SEARCH_CAP + 1],
            ),
          );
          const ids = matches.rows.slice(0, SEARCH_CAP).map((row) => row.id);
          await client.query(preparedQuery(registryPageFloor("AND p.id = ANY($2::uuid[])", "p.case_number"), [isoToday, ids]));
          await bareAudit(client, fx.auditor, null, "case.searched", null, { text: fx.searchName, filters: {}, results: ids.length });
        }),
      ),
    );
    await report(
      "case page (records the view)",
      await timed(() => getCase(fx.auditor, fx.caseId)),
      // The floor gives the header's answer (the person, the names of their region, return operation
      // and caseworker in every language, their aliases) and records the view as the app does: a
      // hashed event on the case's chain.
      await timed(() =>
        inTransaction(pool, async (client) => {
          await client.query(
            preparedQuery(
              `SELECT p.*, r.name_en, r.name_ru, r.name_kk, o.name_en, o.name_ru, o.name_kk, u.name,
                      (SELECT json_agg(a ORDER BY a.created_at) FROM alias a WHERE a.person_id = p.id)
               FROM person p JOIN region r ON r.id = p.region_id JOIN return_operation o ON o.code = p.return_operation_code
               LEFT JOIN app_user u ON u.id = p.caseworker_id
               WHERE p.id = $1`,
              [fx.caseId],
            ),
          );
          await bareAudit(client, fx.auditor, fx.caseId, "case.viewed", fx.caseId, {});
        }),
      ),
    );
    // The floor beside each queue: the same page and counts read from person_figures by two bare
    // statements. The line after shows what every view cost before the needs were kept in a table
    // (docs/decisions/019).
    const queueFloor = (regionIds: string[] | null) =>
      timed(async () => {
        await sql(
          `SELECT f.person_id, f.queued_since, f.missing_types, p.case_number, p.family_name, p.given_name, p.birth_date, u.name
           FROM person_figures f JOIN person p ON p.id = f.person_id LEFT JOIN app_user u ON u.id = p.caseworker_id
           WHERE f.queued_since IS NOT NULL AND ($1::uuid[] IS NULL OR f.region_id = ANY($1))
           ORDER BY f.queued_since, f.person_id LIMIT 51`,
          [regionIds],
        )();
        // The counts from the tallies (docs/decisions/031).
        await sql(
          `SELECT sum(n) FILTER (WHERE figure = 'queue:listed'), sum(n) FILTER (WHERE figure = 'queue:waiting')
             - (SELECT count(*) FROM person_figures WHERE ($1::uuid[] IS NULL OR region_id = ANY($1)) AND waiting_since >= current_date - 60)
           FROM dashboard_tally WHERE ($1::uuid[] IS NULL OR region_id = ANY($1)) AND figure IN ('queue:listed', 'queue:waiting')`,
          [regionIds],
        )();
      });
    await report(
      "review queue, first page, supervisor",
      await timed(() => reviewQueue(fx.supervisor, ReviewQuery.parse({}))),
      await queueFloor(fx.supervisor.regionIds),
    );
    await report(
      "review queue, first page, auditor (all)",
      await timed(() => reviewQueue(fx.auditor, ReviewQuery.parse({}))),
      await queueFloor(null),
    );
    const { requiredNeedsSql } = await import("../lib/programs/required-needs-sql");
    const { getDb } = await import("../lib/db/client");
    const { Prisma } = await import("../lib/db/generated/client");
    await report(
      "needs recomputed from enrollments (before 019)",
      await timed(() => getDb().$queryRaw(Prisma.sql`SELECT count(*) FROM (${requiredNeedsSql([Prisma.sql`TRUE`])}) AS needs`)),
      null,
    );
    // The floor beside the dashboard gives the page's answer: the sums of the tally rows its counts
    // come from, the overdue persons from the queue's tallies (docs/decisions/025, 031), and the
    // labels the page shows beside its counts (the names of regions, return operations, program
    // types and staff), as three bare statements.
    const dashboardFloor = (regionIds: string[] | null) =>
      timed(async () => {
        await sql("SELECT region_id, figure, sum(n) FROM dashboard_tally WHERE $1::uuid[] IS NULL OR region_id = ANY($1) GROUP BY 1, 2", [
          regionIds,
        ])();
        await sql(
          `SELECT sum(n) FILTER (WHERE figure = 'queue:listed'), sum(n) FILTER (WHERE figure = 'queue:waiting')
             - (SELECT count(*) FROM person_figures WHERE ($1::uuid[] IS NULL OR region_id = ANY($1)) AND waiting_since >= current_date - 60)
           FROM dashboard_tally WHERE ($1::uuid[] IS NULL OR region_id = ANY($1)) AND figure IN ('queue:listed', 'queue:waiting')`,
          [regionIds],
        )();
        await sql(
          `SELECT id::text, name_en, name_ru, name_kk FROM region
           UNION ALL SELECT code, name_en, name_ru, name_kk FROM return_operation
           UNION ALL SELECT code, label_en, label_ru, label_kk FROM program_type
           UNION ALL SELECT id::text, name, NULL, NULL FROM app_user`,
        )();
      });
    await report(
      "dashboard, supervisor (every count)",
      await timed(() => getDashboard(fx.supervisor)),
      await dashboardFloor(fx.supervisor.regionIds),
    );
    await report("dashboard, auditor (every count)", await timed(() => getDashboard(fx.auditor)), await dashboardFloor(null));
    await getDb().$disconnect();
  } finally {
    await pool.end();
    await database.drop();
  }
});
