-- CreateTable
CREATE TABLE "person_figures" (
    "person_id" UUID NOT NULL,
    "region_id" UUID NOT NULL,
    "figure_keys" TEXT[],
    "waiting_since" DATE,
    "caseworker_id" UUID,
    "age_category" "AgeCategory" NOT NULL,
    "queued_since" DATE,
    "missing_types" TEXT[],

    CONSTRAINT "person_figures_pkey" PRIMARY KEY ("person_id")
);

-- CreateTable
CREATE TABLE "dashboard_tally" (
    "id" BIGSERIAL NOT NULL,
    "region_id" UUID NOT NULL,
    "figure" TEXT NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "dashboard_tally_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "person_figures_region_id_waiting_since_idx" ON "person_figures"("region_id", "waiting_since");

-- CreateIndex
CREATE INDEX "person_figures_queued_since_person_id_idx" ON "person_figures"("queued_since", "person_id");

-- CreateIndex
CREATE INDEX "person_figures_region_id_queued_since_person_id_idx" ON "person_figures"("region_id", "queued_since", "person_id");

-- CreateIndex
CREATE INDEX "dashboard_tally_region_id_figure_idx" ON "dashboard_tally"("region_id", "figure");

-- Added by hand: the dashboard's figures, kept by the same triggers as person_need
-- (docs/decisions/025-dashboard-figures-maintained-as-tallies.md). person_figures holds, for
-- each person, the figures they count under; dashboard_tally holds, per region, the changes of
-- each figure's count, only ever inserted, so that writers in one region never wait on one
-- another for a shared counter row. A figure's count is the sum of its rows.
-- lib/dashboard/figures-drift.test.ts fails when these definitions and the registry's filters
-- (lib/cases/registry-filters.ts), which the dashboard's links open, disagree; the status lists
-- below are lib/prosecution/transitions.ts's convicted and never-prosecuted statuses.

-- The figures of the given persons as they are now, computed without writing. Reads person_need,
-- so it is called after the needs are refreshed.
CREATE FUNCTION compute_person_figures(ids uuid[])
RETURNS TABLE (
  person_id uuid, region_id uuid, figure_keys text[], waiting_since date,
  caseworker_id uuid, age_category "AgeCategory", queued_since date, missing_types text[]
)
LANGUAGE sql STABLE AS $$
  SELECT p.id, p.region_id,
         ARRAY(
           SELECT k FROM unnest(ARRAY[
             'age:' || p.age_category,
             'prosecution:' || p.prosecution_status,
             'caseStatus:' || p.case_status,
             'return:' || extract(year FROM p.return_date)::int || ':' || p.return_operation_code,
             CASE WHEN p.case_status = 'OPEN' AND p.caseworker_id IS NOT NULL THEN 'caseload:' || p.caseworker_id END,
             'firstDays:' || (first.referred_on - p.return_date),
             CASE WHEN p.return_operation_code = 'INDEPENDENT' AND p.return_date <= DATE '2018-03-31' THEN 'published:independentBy2018' END,
             CASE WHEN p.return_operation_code = 'INDEPENDENT' AND p.return_date <= DATE '2018-03-31'
                   AND p.prosecution_status::text = ANY(ARRAY['CONVICTED', 'SERVING_SENTENCE', 'RELEASED_AFTER_SENTENCE'])
                  THEN 'published:independentBy2018Convicted' END,
             CASE WHEN p.return_operation_code LIKE 'ZHUSAN\_%' AND p.age_category = 'ADULT_MAN' THEN 'published:zhusanMen' END,
             CASE WHEN p.return_operation_code LIKE 'ZHUSAN\_%' AND p.age_category = 'ADULT_MAN'
                   AND p.prosecution_status::text <> ALL(ARRAY['NOT_APPLICABLE', 'NO_PROCEEDINGS'])
                  THEN 'published:zhusanMenProsecuted' END,
             CASE WHEN p.return_operation_code LIKE 'ZHUSAN\_%' AND p.age_category = 'ADULT_WOMAN' THEN 'published:zhusanWomen' END,
             CASE WHEN p.return_operation_code LIKE 'ZHUSAN\_%' AND p.age_category = 'MINOR' THEN 'published:zhusanChildren' END
           ] || needs.keys) AS k
           WHERE k IS NOT NULL ORDER BY k
         ),
         needs.waiting_since, p.caseworker_id, p.age_category, needs.queued_since, needs.missing_types
  FROM person p
  LEFT JOIN LATERAL (SELECT min(e.referred_on) AS referred_on FROM enrollment e WHERE e.person_id = p.id) AS first ON TRUE
  LEFT JOIN LATERAL (
    SELECT coalesce(array_agg(CASE WHEN n.met THEN 'needMet:' ELSE 'needOpen:' END || n.program_type_code), '{}') AS keys,
           CASE WHEN NOT coalesce(bool_or(n.any_met), FALSE) THEN min(n.need_since) FILTER (WHERE NOT n.met) END AS waiting_since,
           min(n.need_since) FILTER (WHERE NOT n.met) AS queued_since,
           array_agg(n.program_type_code ORDER BY n.program_type_code) FILTER (WHERE NOT n.met) AS missing_types
    FROM person_need n WHERE n.person_id = p.id
  ) AS needs ON TRUE
  WHERE p.id = ANY(ids)
$$;

-- Rewrites nothing for a person whose figures are unchanged (a note, an address), so an edit
-- that moves no count inserts no tally row.
CREATE FUNCTION refresh_person_figures(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  added bigint;
  last_id bigint;
BEGIN
  WITH fresh AS (
    SELECT * FROM compute_person_figures(ids)
  ), stored AS (
    SELECT f.person_id, f.region_id, f.figure_keys, f.waiting_since, f.caseworker_id, f.age_category, f.queued_since, f.missing_types
    FROM person_figures f WHERE f.person_id = ANY(ids)
  ), differing AS (
    SELECT coalesce(fr.person_id, st.person_id) AS person_id, fr.region_id AS new_region, fr.figure_keys AS new_keys,
           st.region_id AS old_region, st.figure_keys AS old_keys, fr AS new_row
    FROM fresh fr FULL JOIN stored st ON st.person_id = fr.person_id
    WHERE (fr.*) IS DISTINCT FROM (st.*)
  ), gone AS (
    DELETE FROM person_figures WHERE person_figures.person_id IN (SELECT d.person_id FROM differing d WHERE d.new_region IS NULL)
  ), kept AS (
    INSERT INTO person_figures (person_id, region_id, figure_keys, waiting_since, caseworker_id, age_category, queued_since, missing_types)
    SELECT (d.new_row).* FROM differing d WHERE d.new_region IS NOT NULL
    ON CONFLICT ON CONSTRAINT person_figures_pkey DO UPDATE
      SET region_id = excluded.region_id, figure_keys = excluded.figure_keys, waiting_since = excluded.waiting_since,
          caseworker_id = excluded.caseworker_id, age_category = excluded.age_category,
          queued_since = excluded.queued_since, missing_types = excluded.missing_types
  )
  INSERT INTO dashboard_tally (region_id, figure, n)
  SELECT changes.region_id, changes.figure, sum(changes.n)::int
  FROM (
    SELECT d.new_region AS region_id, unnest(d.new_keys) AS figure, 1 AS n FROM differing d WHERE d.new_region IS NOT NULL
    UNION ALL
    SELECT d.old_region, unnest(d.old_keys), -1 FROM differing d WHERE d.old_region IS NOT NULL
  ) AS changes
  GROUP BY 1, 2 HAVING sum(changes.n) <> 0;

  -- Every thousand tally rows or so, one writer folds them into one row per region and figure,
  -- so reading the dashboard sums a few rows per figure however many writes there were. The
  -- lock is tried, never waited for: a second writer meanwhile simply leaves it to the next.
  GET DIAGNOSTICS added = ROW_COUNT;
  IF added > 0 THEN
    last_id := currval(pg_get_serial_sequence('dashboard_tally', 'id'));
    IF last_id / 1000 <> (last_id - added) / 1000 AND pg_try_advisory_xact_lock(hashtext('dashboard_tally compaction')) THEN
      PERFORM compact_dashboard_tally();
    END IF;
  END IF;
END;
$$;

-- Deletes only the rows it sees and inserts their sums, so a tally row committed meanwhile by
-- another writer is neither lost nor counted twice.
CREATE FUNCTION compact_dashboard_tally() RETURNS void LANGUAGE sql AS $$
  WITH gone AS (DELETE FROM dashboard_tally RETURNING region_id, figure, n)
  INSERT INTO dashboard_tally (region_id, figure, n)
  SELECT region_id, figure, sum(n)::int FROM gone GROUP BY 1, 2 HAVING sum(n) <> 0;
$$;

-- Every person's figures from scratch (npm run needs:rebuild), after the needs.
CREATE FUNCTION rebuild_dashboard_figures() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE person_figures, dashboard_tally IN EXCLUSIVE MODE;
  DELETE FROM person_figures;
  DELETE FROM dashboard_tally;
  INSERT INTO person_figures (person_id, region_id, figure_keys, waiting_since, caseworker_id, age_category, queued_since, missing_types)
    SELECT * FROM compute_person_figures(ARRAY(SELECT id FROM person));
  INSERT INTO dashboard_tally (region_id, figure, n)
    SELECT f.region_id, k, count(*)::int FROM person_figures f CROSS JOIN unnest(f.figure_keys) AS k GROUP BY 1, 2;
END;
$$;

-- The needs' refresh is the one place every change a figure depends on passes through (a
-- person's own columns, enrollments, needs marked not required, requirements, program types),
-- so the figures are refreshed at its end, after the needs they read.
CREATE OR REPLACE FUNCTION refresh_person_needs(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM person WHERE id = ANY(ids) ORDER BY id FOR NO KEY UPDATE;
  DELETE FROM person_need WHERE person_id = ANY(ids);
  INSERT INTO person_need (person_id, program_type_code, met, need_since, any_met)
  WITH candidates AS MATERIALIZED (
    SELECT p.id, p.return_date, p.age_category
    FROM person p
    WHERE p.id = ANY(ids) AND p.case_status = 'OPEN'
      AND p.prosecution_status::text <> ALL(ARRAY['CONVICTED', 'SERVING_SENTENCE', 'RELEASED_AFTER_SENTENCE'])
  ), history AS MATERIALIZED (
    SELECT e.person_id, pr.program_type_code,
           bool_or(e.status::text = ANY(ARRAY['REFERRED', 'ENROLLED', 'COMPLETED'])) AS met, max(e.ended_on) AS last_ended
    FROM candidates c JOIN enrollment e ON e.person_id = c.id JOIN program pr ON pr.id = e.program_id
    GROUP BY 1, 2
  ), person_met AS (
    SELECT person_id FROM history WHERE met GROUP BY 1
  )
  SELECT c.id, r.program_type_code, coalesce(h.met, false), greatest(c.return_date, h.last_ended), pm.person_id IS NOT NULL
  FROM candidates c
  JOIN program_requirement r ON r.age_category = c.age_category
  LEFT JOIN history h ON h.person_id = c.id AND h.program_type_code = r.program_type_code
  LEFT JOIN person_met pm ON pm.person_id = c.id
  WHERE NOT EXISTS (
    SELECT 1 FROM program_need n WHERE n.person_id = c.id AND n.program_type_code = r.program_type_code AND n.state = 'NOT_REQUIRED'
  );
  PERFORM refresh_person_figures(ids);
END;
$$;

-- A deleted person's needs go with them (ON DELETE CASCADE); their figures have no foreign key,
-- so that this trigger still finds them and takes their counts back.
CREATE FUNCTION person_figures_after_person_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_person_figures(ARRAY(SELECT id FROM changed_rows));
  RETURN NULL;
END;
$$;

CREATE TRIGGER person_figures_on_person_delete AFTER DELETE ON person
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION person_figures_after_person_delete();

-- The persons already registered.
SELECT rebuild_dashboard_figures();
