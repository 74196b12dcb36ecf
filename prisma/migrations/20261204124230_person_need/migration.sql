-- CreateTable
CREATE TABLE "person_need" (
    "person_id" UUID NOT NULL,
    "program_type_code" TEXT NOT NULL,
    "met" BOOLEAN NOT NULL,
    "need_since" DATE NOT NULL,
    "any_met" BOOLEAN NOT NULL,

    CONSTRAINT "person_need_pkey" PRIMARY KEY ("person_id","program_type_code")
);

-- CreateIndex
CREATE INDEX "person_need_met_need_since_person_id_idx" ON "person_need"("met", "need_since", "person_id");

-- AddForeignKey
ALTER TABLE "person_need" ADD CONSTRAINT "person_need_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Added by hand: person_need is kept current by triggers, in the transaction of every write it
-- depends on (docs/decisions/019-program-needs-maintained-by-triggers.md). The rule is
-- lib/programs/required-needs-sql.ts; lib/programs/maintained-needs.test.ts fails when this
-- function and that rule disagree, the status lists below included.

-- Recomputes the needs of the given persons. Their rows are locked first, so that two
-- transactions changing the same person's enrollments recompute one after the other, each
-- seeing what the other committed (every statement of a PL/pgSQL function in READ COMMITTED
-- takes a fresh snapshot).
CREATE FUNCTION refresh_person_needs(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
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
END;
$$;

-- Every person, or those of the given age categories, in groups so that no statement holds a
-- lock on the whole registry.
CREATE FUNCTION refresh_all_person_needs(categories "AgeCategory"[] DEFAULT NULL) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  batch uuid[];
BEGIN
  FOR batch IN
    SELECT array_agg(id) FROM (
      SELECT id, (row_number() OVER (ORDER BY id) - 1) / 1000 AS g FROM person
      WHERE categories IS NULL OR age_category = ANY(categories)
    ) AS numbered GROUP BY g ORDER BY g
  LOOP
    PERFORM refresh_person_needs(batch);
  END LOOP;
END;
$$;

CREATE FUNCTION person_need_after_person_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_person_needs(ARRAY(SELECT id FROM changed_rows));
  RETURN NULL;
END;
$$;

CREATE FUNCTION person_need_after_person_row_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_person_needs(ARRAY(SELECT DISTINCT person_id FROM changed_rows));
  RETURN NULL;
END;
$$;

CREATE FUNCTION person_need_after_program_type_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_person_needs(ARRAY(SELECT DISTINCT e.person_id FROM enrollment e WHERE e.program_id = NEW.id));
  RETURN NULL;
END;
$$;

-- Only the persons of the age categories whose requirements changed: reference data that is
-- already installed inserts nothing and recomputes nothing.
CREATE FUNCTION person_need_after_requirement_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_all_person_needs(ARRAY(SELECT DISTINCT age_category FROM changed_rows));
  RETURN NULL;
END;
$$;

-- A trigger with a transition table takes one event each; a deleted person's needs go with it (ON DELETE CASCADE).
CREATE TRIGGER person_need_on_person_insert AFTER INSERT ON person
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION person_need_after_person_change();
CREATE TRIGGER person_need_on_person_update AFTER UPDATE ON person
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION person_need_after_person_change();

CREATE TRIGGER person_need_on_enrollment_insert AFTER INSERT ON enrollment
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION person_need_after_person_row_change();
CREATE TRIGGER person_need_on_enrollment_update AFTER UPDATE ON enrollment
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION person_need_after_person_row_change();
CREATE TRIGGER person_need_on_enrollment_delete AFTER DELETE ON enrollment
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION person_need_after_person_row_change();

CREATE TRIGGER person_need_on_program_need_insert AFTER INSERT ON program_need
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION person_need_after_person_row_change();
CREATE TRIGGER person_need_on_program_need_update AFTER UPDATE ON program_need
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION person_need_after_person_row_change();
CREATE TRIGGER person_need_on_program_need_delete AFTER DELETE ON program_need
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION person_need_after_person_row_change();

CREATE TRIGGER person_need_on_program_type_update AFTER UPDATE OF program_type_code ON program
  FOR EACH ROW WHEN (OLD.program_type_code IS DISTINCT FROM NEW.program_type_code) EXECUTE FUNCTION person_need_after_program_type_change();

CREATE TRIGGER person_need_on_requirement_insert AFTER INSERT ON program_requirement
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION person_need_after_requirement_change();
CREATE TRIGGER person_need_on_requirement_update AFTER UPDATE ON program_requirement
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION person_need_after_requirement_change();
CREATE TRIGGER person_need_on_requirement_delete AFTER DELETE ON program_requirement
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION person_need_after_requirement_change();

-- The persons already registered.
SELECT refresh_all_person_needs();
