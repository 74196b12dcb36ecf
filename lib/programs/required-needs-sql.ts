import { Prisma } from "../db/generated/client";
import { CONVICTED_STATUSES } from "../prosecution/transitions";
import { MEETS_NEED } from "../lifecycles/enrollment";

/**
 * The program needs of docs/domain.md ("Needs a program") as rows, for the review queue and the dashboard alike: one row per
 * open case of a person not convicted (among the persons `conditions` select, alias `p`) and per
 * program type required for their age category and not marked not required. Columns:
 *   person_id, program_type_code
 *   met         a referred, enrolled or completed enrollment of that type exists
 *   need_since  the return, or the end of the type's last enrollment if later
 *   any_met     some enrollment of any type meets a need (the queue's "without any enrollment")
 *
 * Enrollments are read once, grouped by person and type, and joined: a subquery per person and
 * type took seconds at 100k persons, where this takes a fraction of that.
 */
export function requiredNeedsSql(conditions: Prisma.Sql[]): Prisma.Sql {
  return Prisma.sql`
    WITH candidates AS MATERIALIZED (
      SELECT p.id, p.return_date, p.age_category
      FROM person p
      WHERE p.case_status = 'OPEN' AND p.prosecution_status::text <> ALL(${[...CONVICTED_STATUSES]}::text[]) AND ${Prisma.join(conditions, " AND ")}
    ), history AS MATERIALIZED (
      SELECT e.person_id, pr.program_type_code, bool_or(e.status::text = ANY(${[...MEETS_NEED]}::text[])) AS met, max(e.ended_on) AS last_ended
      FROM candidates c JOIN enrollment e ON e.person_id = c.id JOIN program pr ON pr.id = e.program_id
      GROUP BY 1, 2
    ), person_met AS (
      SELECT person_id FROM history WHERE met GROUP BY 1
    )
    SELECT c.id AS person_id, r.program_type_code, coalesce(h.met, false) AS met,
           greatest(c.return_date, h.last_ended) AS need_since, pm.person_id IS NOT NULL AS any_met
    FROM candidates c
    JOIN program_requirement r ON r.age_category = c.age_category
    LEFT JOIN history h ON h.person_id = c.id AND h.program_type_code = r.program_type_code
    LEFT JOIN person_met pm ON pm.person_id = c.id
    WHERE NOT EXISTS (SELECT 1 FROM program_need n WHERE n.person_id = c.id AND n.program_type_code = r.program_type_code AND n.state = 'NOT_REQUIRED')`;
}
