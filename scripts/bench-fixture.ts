/**
 * The data set of the benchmarks (`npm run bench:registry`, `npm run bench:tasks`): persons spread
 * over regions, with aliases, prosecution statuses, enrollments along their lifecycle and program
 * needs, and a supervisor, an auditor and a caseworker to read them as.
 */
import { randomUUID } from "node:crypto";
import type { Pool } from "pg";
import type { CurrentUser } from "../lib/auth/session-store";
import { normalizeName, transliterateToLatin } from "../lib/search/normalize-name";
import { FAMILY_STEMS, FEMALE_NAMES, MALE_NAMES, familyNameFor } from "../prisma/seed/names";
import { DEFAULT_REQUIREMENTS } from "../lib/reference-data/catalog";
import { Random } from "../prisma/seed/random";

const REGIONS = 20;
const BATCH = 5000;

export type Fixture = { auditor: CurrentUser; supervisor: CurrentUser; caseId: string; searchName: string };

function viewer(id: string, role: CurrentUser["role"], regionIds: string[]): CurrentUser {
  return {
    id,
    email: `${id}@bench.example.org`,
    name: `Bench ${role}`,
    role,
    regionIds,
    sessionId: randomUUID(),
    mustChangePassword: false,
    secondFactorPending: false,
    secondFactorMissing: false,
  };
}

/**
 * Programs of every type in every region; about 1.35 enrollments per person spread over the
 * lifecycle, so that the queue and the dashboard read needs that are partly met, as in use; and
 * one adult in twenty with vocational training marked not required. One statement, so that the
 * seed holds for its random().
 */
const ENROLLMENTS_AND_NEEDS = `
  SELECT setseed(0.7);
  INSERT INTO program (id, name, program_type_code, provider, region_id, capacity, updated_at)
    SELECT gen_random_uuid(), 'Bench ' || t.code || ' ' || r.code, t.code, 'Bench provider', r.id, 1000000, now() FROM region r CROSS JOIN program_type t;
  INSERT INTO enrollment (id, person_id, program_id, status, referred_on, enrolled_on, completed_on, ended_on, updated_at)
    SELECT gen_random_uuid(), x.person_id, x.program_id, x.status::"EnrollmentStatus", x.ret + 20 + x.k * 30,
           CASE WHEN x.status IN ('ENROLLED', 'COMPLETED', 'DROPPED_OUT') THEN x.ret + 40 + x.k * 30 END,
           CASE WHEN x.status = 'COMPLETED' THEN x.ret + 200 + x.k * 30 END,
           CASE WHEN x.status IN ('DECLINED', 'WITHDRAWN', 'DROPPED_OUT') THEN x.ret + 90 + x.k * 30 END, now()
    FROM (
      SELECT p.id AS person_id, p.return_date AS ret, k,
             (SELECT pr.id FROM program pr WHERE pr.region_id = p.region_id ORDER BY random() LIMIT 1) AS program_id,
             (ARRAY['REFERRED', 'ENROLLED', 'COMPLETED', 'COMPLETED', 'DECLINED', 'WITHDRAWN', 'DROPPED_OUT'])[1 + floor(random() * 7)::int] AS status
      FROM person p CROSS JOIN generate_series(1, 3) AS k
      WHERE random() < 0.45
    ) AS x;
  INSERT INTO program_need (person_id, program_type_code, state)
    SELECT p.id, 'VOCATIONAL', 'NOT_REQUIRED' FROM person p WHERE p.age_category <> 'MINOR' AND random() < 0.05;`;

export async function fill(pool: Pool, persons: number): Promise<Fixture> {
  const random = new Random(7);
  const regionIds = Array.from({ length: REGIONS }, () => randomUUID());
  await pool.query(
    `INSERT INTO region (id, code, kind, name_en, name_ru, name_kk, updated_at) SELECT id, 'B_' || n, 'REGION', 'Bench ' || n, 'Бенч ' || n, 'Бенч ' || n, now() FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)`,
    [regionIds],
  );
  await pool.query(
    `INSERT INTO return_operation (code, name_en, name_ru, name_kk) VALUES ('BENCH', 'Bench', 'Бенч', 'Бенч') ON CONFLICT DO NOTHING`,
  );
  for (const code of new Set(DEFAULT_REQUIREMENTS.map((r) => r.programTypeCode))) {
    await pool.query(`INSERT INTO program_type (code, label_en, label_ru, label_kk) VALUES ($1, $1, $1, $1) ON CONFLICT DO NOTHING`, [
      code,
    ]);
  }
  for (const r of DEFAULT_REQUIREMENTS)
    await pool.query(`INSERT INTO program_requirement (age_category, program_type_code) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
      r.ageCategory,
      r.programTypeCode,
    ]);
  const users = { auditor: randomUUID(), supervisor: randomUUID(), caseworker: randomUUID() };
  for (const [role, id] of Object.entries(users)) {
    await pool.query(
      `INSERT INTO app_user (id, email, name, role, password_hash, updated_at) VALUES ($1, $2, $3, $4, 'not-a-hash', now())`,
      [id, `${id}@bench.example.org`, `Bench ${role}`, role.toUpperCase()],
    );
  }
  await pool.query(`INSERT INTO user_region (user_id, region_id) VALUES ($1, $2), ($1, $3), ($4, $2)`, [
    users.supervisor,
    regionIds[0],
    regionIds[1],
    users.caseworker,
  ]);

  let sample = { caseId: "", searchName: "" };
  for (let first = 0; first < persons; first += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, persons - first) }, (_, i) => {
      const sex = random.chance(0.5) ? "MALE" : "FEMALE";
      const family = familyNameFor(random.pick(FAMILY_STEMS), sex);
      const given = random.pick(sex === "MALE" ? MALE_NAMES : FEMALE_NAMES);
      const region = regionIds[random.int(0, REGIONS - 1)]!;
      return {
        id: randomUUID(),
        number: `KZ-2096-${String(first + i).padStart(6, "0")}`,
        family,
        given,
        familyLatin: transliterateToLatin(family),
        givenLatin: transliterateToLatin(given),
        search: normalizeName(`${family} ${given}`),
        sex,
        birth: `${random.int(1960, 2018)}-0${random.int(1, 9)}-1${random.int(0, 9)}`,
        region,
        age: random.pick(["ADULT_MAN", "ADULT_WOMAN", "MINOR"]),
        caseworker: region === regionIds[0] && random.chance(0.1) ? users.caseworker : null,
        prosecution: random.pick(["NOT_APPLICABLE", "NO_PROCEEDINGS", "UNDER_INVESTIGATION", "CONVICTED", "ACQUITTED"]),
      };
    });
    await pool.query(
      `INSERT INTO person (id, case_number, family_name, given_name, family_name_latin, given_name_latin, search_name, sex, birth_date, region_id, return_date, return_operation_code, returned_from, age_category, caseworker_id, prosecution_status, updated_at)
       SELECT id, num, fam, giv, faml, givl, srch, sex::"Sex", birth::date, region, '2019-05-07', 'BENCH', 'SY', age::"AgeCategory", cw, pros::"ProsecutionStatus", now()
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::uuid[], $11::text[], $12::uuid[], $13::text[])
         AS t(id, num, fam, giv, faml, givl, srch, sex, birth, region, age, cw, pros)`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.number),
        rows.map((r) => r.family),
        rows.map((r) => r.given),
        rows.map((r) => r.familyLatin),
        rows.map((r) => r.givenLatin),
        rows.map((r) => r.search),
        rows.map((r) => r.sex),
        rows.map((r) => r.birth),
        rows.map((r) => r.region),
        rows.map((r) => r.age),
        rows.map((r) => r.caseworker),
        rows.map((r) => r.prosecution),
      ],
    );
    const aliased = rows.filter(() => random.chance(0.2));
    await pool.query(
      `INSERT INTO alias (id, person_id, value, script, type, source, search_name) SELECT gen_random_uuid(), pid, val, 'LATIN', 'TRANSLITERATION', 'bench', srch FROM unnest($1::uuid[], $2::text[], $3::text[]) AS t(pid, val, srch)`,
      [aliased.map((r) => r.id), aliased.map((r) => `${r.familyLatin}a`), aliased.map((r) => normalizeName(`${r.familyLatin}a`))],
    );
    sample = { caseId: rows[0]!.id, searchName: rows[0]!.familyLatin };
  }
  await pool.query(ENROLLMENTS_AND_NEEDS);
  await pool.query("ANALYZE");
  return {
    auditor: viewer(users.auditor, "AUDITOR", []),
    supervisor: viewer(users.supervisor, "SUPERVISOR", [regionIds[0]!, regionIds[1]!]),
    ...sample,
  };
}
