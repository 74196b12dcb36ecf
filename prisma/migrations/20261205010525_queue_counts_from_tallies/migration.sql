-- The index the overdue count reads for viewers of every region: those who started waiting lately.
-- CreateIndex
CREATE INDEX "person_figures_waiting_since_idx" ON "person_figures"("waiting_since");

-- The review queue's counts as tallies (docs/decisions/031): every person in the queue counts
-- under "queue:listed", every person waiting with no need met under "queue:waiting". A count
-- over regions then sums a few tally rows instead of scanning every queued person; the overdue
-- count is the waiting tally less those who started waiting within the target, read through the
-- index above.
CREATE OR REPLACE FUNCTION compute_person_figures(ids uuid[])
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
             CASE WHEN p.return_operation_code LIKE 'ZHUSAN\_%' AND p.age_category = 'MINOR' THEN 'published:zhusanChildren' END,
             CASE WHEN needs.queued_since IS NOT NULL THEN 'queue:listed' END,
             CASE WHEN needs.waiting_since IS NOT NULL THEN 'queue:waiting' END
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

-- Every person's figures again, so the two new keys are counted from the start.
SELECT rebuild_dashboard_figures();
