/**
 * The data set of the benchmarks (`npm run bench`, `bench:registry`, `bench:tasks`): persons spread
 * over regions, with aliases, prosecution histories, enrollments along their lifecycle, program
 * needs and (for `npm run bench`) their audit chains, and a supervisor, an auditor and a caseworker
 * to read them as. It grows in place: `prepare` once, then `addPersons` for each range of persons,
 * so one build serves the figures at 10,000 persons and again at 100,000.
 */
import { randomUUID } from "node:crypto";
import type { Pool } from "pg";
import type { CurrentUser } from "../lib/auth/session-store";
import { buildAuditEvent, type AuditInput } from "../lib/audit/record-event";
import { normalizeName, transliterateToLatin } from "../lib/search/normalize-name";
import { FAMILY_STEMS, FEMALE_NAMES, MALE_NAMES, familyNameFor } from "../prisma/seed/names";
import { DEFAULT_REQUIREMENTS } from "../lib/reference-data/catalog";
import { Random } from "../prisma/seed/random";

const REGIONS = 20;
const BATCH = 5000;
/** Case numbers of the fixture's persons: the n-th person is KZ-2096-00000n. */
const caseNumber = (n: number) => `KZ-2096-${String(n).padStart(6, "0")}`;
/** The fixture's users, one of each role that reads the registry, found again by these addresses. */
const USERS = { auditor: "AUDITOR", supervisor: "SUPERVISOR", caseworker: "CASEWORKER" } as const;
const emailOf = (key: keyof typeof USERS) => `bench-${key}@bench.example.org`;

export type Fixture = { auditor: CurrentUser; supervisor: CurrentUser; caseworker: CurrentUser; caseId: string; searchName: string };
export type Setup = { regionIds: string[]; users: Record<keyof typeof USERS, string> };

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
 * About 1.35 enrollments per person of the range, spread over the lifecycle, so that the queue and
 * the dashboard read needs that are partly met, as in use; one adult in twenty with vocational
 * training marked not required; and a prosecution history (a preliminary check, then the status
 * the person stands at) for everyone with proceedings. One statement, so that the seed holds for
 * its random(); the range is two case numbers this module formats.
 */
function enrollmentsNeedsAndHistories(from: number, to: number, recordedBy: string): string {
  const range = `p.case_number >= '${caseNumber(from)}' AND p.case_number < '${caseNumber(to)}'`;
  return `
  SELECT setseed(0.7);
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
      WHERE ${range} AND random() < 0.45
    ) AS x;
  INSERT INTO program_need (person_id, program_type_code, state)
    SELECT p.id, 'VOCATIONAL', 'NOT_REQUIRED' FROM person p WHERE ${range} AND p.age_category <> 'MINOR' AND random() < 0.05;
  INSERT INTO prosecution_entry (id, person_id, status, effective_date, articles, reason, recorded_by_id)
    SELECT gen_random_uuid(), p.id, s.status::"ProsecutionStatus", p.return_date + s.k * 45,
           CASE WHEN s.status IN ('CONVICTED', 'SERVING_SENTENCE') THEN ARRAY['256-2'] ELSE '{}' END, 'Bench', '${recordedBy}'
    FROM person p CROSS JOIN LATERAL (VALUES (1, 'PRELIMINARY_CHECK'), (2, p.prosecution_status::text)) AS s(k, status)
    WHERE ${range} AND p.prosecution_status <> 'NOT_APPLICABLE';`;
}

/** The kinds of change a followed case gathers, in turn, after its creation. */
const ACTIONS = [
  "case.viewed",
  "prosecution.status_changed",
  "note.added",
  "enrollment.referred",
  "case.viewed",
  "need.marked",
  "person.updated",
];

/** A person's chain as the app writes it, hashed and linked: the creation, then `events - 1` changes. */
export function chainOf(personId: string, number: string, events: number, actor: AuditInput["actor"]) {
  const built = [];
  let prevHash: string | null = null;
  for (let seq = 1; seq <= events; seq++) {
    const action = seq === 1 ? "person.created" : ACTIONS[seq % ACTIONS.length]!;
    const { event, hash } = buildAuditEvent(personId, seq, prevHash, {
      actor,
      action,
      entityType: action.split(".")[0]!,
      entityId: personId,
      caseId: personId,
      reason: action === "case.viewed" ? null : `Основание ${seq}`,
      before: seq === 1 ? null : { riskLevel: "LOW", address: "Алматы, ул. Абая 1" },
      after: seq === 1 ? { caseNumber: number } : { riskLevel: "MEDIUM", address: "Алматы, ул. Абая 2" },
      occurredAt: new Date(Date.UTC(2019, 5, 1) + seq * 86_400_000),
    });
    built.push({ event, hash });
    prevHash = hash;
  }
  return built;
}

/** Writes chains and their heads through pg with array parameters: a few statements per thousand cases. */
export async function insertChains(
  pool: Pool,
  chains: { event: ReturnType<typeof buildAuditEvent>["event"]; hash: string }[][],
  actorRole: string | null,
) {
  const columns: unknown[][] = Array.from({ length: 15 }, () => []);
  const heads: [string[], number[], string[]] = [[], [], []];
  for (const chain of chains) {
    for (const { event, hash } of chain)
      [
        event.id,
        event.chain,
        event.seq,
        event.prevHash,
        hash,
        event.occurredAt,
        event.actor.id,
        event.actor.label,
        event.action,
        event.entity.type,
        event.entity.id,
        event.caseId,
        event.reason,
        event.before === null ? null : JSON.stringify(event.before),
        event.after === null ? null : JSON.stringify(event.after),
      ].forEach((value, c) => columns[c]!.push(value));
    const last = chain.at(-1);
    if (last) {
      heads[0].push(last.event.chain);
      heads[1].push(last.event.seq);
      heads[2].push(last.hash);
    }
  }
  await pool.query(
    `INSERT INTO audit_event (id, chain, seq, prev_hash, hash, occurred_at, actor_id, actor_label, actor_role, action, entity_type, entity_id, person_id, reason, before, after)
     SELECT id, chain, seq, prev_hash, hash, occurred_at, actor_id, actor_label, $16, action, entity_type, entity_id, person_id, reason, before, after
     FROM unnest($1::uuid[], $2::text[], $3::int[], $4::text[], $5::text[], $6::timestamptz[], $7::uuid[], $8::text[], $9::text[], $10::text[], $11::text[], $12::uuid[], $13::text[], $14::jsonb[], $15::jsonb[])
       AS t(id, chain, seq, prev_hash, hash, occurred_at, actor_id, actor_label, action, entity_type, entity_id, person_id, reason, before, after)`,
    [...columns, actorRole],
  );
  await pool.query(
    `INSERT INTO audit_chain_head (chain, last_seq, last_hash) SELECT * FROM unnest($1::text[], $2::int[], $3::text[])
     ON CONFLICT (chain) DO UPDATE SET last_seq = EXCLUDED.last_seq, last_hash = EXCLUDED.last_hash`,
    heads,
  );
}

/** The regions, programs, reference data and users the persons are added to; once per database. */
export async function prepare(pool: Pool): Promise<Setup> {
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
  await pool.query(
    `INSERT INTO program (id, name, program_type_code, provider, region_id, capacity, updated_at)
     SELECT gen_random_uuid(), 'Bench ' || t.code || ' ' || r.code, t.code, 'Bench provider', r.id, 1000000, now() FROM region r CROSS JOIN program_type t WHERE r.id = ANY($1)`,
    [regionIds],
  );
  const users = { auditor: randomUUID(), supervisor: randomUUID(), caseworker: randomUUID() };
  for (const key of Object.keys(USERS) as (keyof typeof USERS)[]) {
    await pool.query(
      `INSERT INTO app_user (id, email, name, role, password_hash, updated_at) VALUES ($1, $2, $3, $4, 'not-a-hash', now())`,
      [users[key], emailOf(key), `Bench ${key}`, USERS[key]],
    );
  }
  await pool.query(`INSERT INTO user_region (user_id, region_id) VALUES ($1, $2), ($1, $3), ($4, $2)`, [
    users.supervisor,
    regionIds[0],
    regionIds[1],
    users.caseworker,
  ]);
  return { regionIds, users };
}

/** Adds the persons numbered from `from` up to `to` (exclusive), with everything they carry; `eventsPerPerson` audit events each. */
export async function addPersons(pool: Pool, setup: Setup, from: number, to: number, eventsPerPerson = 0): Promise<void> {
  const random = new Random(7 + from);
  const { regionIds, users } = setup;
  const actor = { id: users.caseworker, label: emailOf("caseworker"), role: "CASEWORKER" as const };
  for (let first = from; first < to; first += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, to - first) }, (_, i) => {
      const sex = random.chance(0.5) ? "MALE" : "FEMALE";
      const family = familyNameFor(random.pick(FAMILY_STEMS), sex);
      const given = random.pick(sex === "MALE" ? MALE_NAMES : FEMALE_NAMES);
      const region = regionIds[random.int(0, REGIONS - 1)]!;
      return {
        id: randomUUID(),
        number: caseNumber(first + i),
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
    // A thousand persons' chains per statement, so a statement's parameters stay a few megabytes.
    for (let at = 0; eventsPerPerson > 0 && at < rows.length; at += 1000)
      await insertChains(
        pool,
        rows.slice(at, at + 1000).map((r) => chainOf(r.id, r.number, eventsPerPerson, actor)),
        actor.role,
      );
  }
  await pool.query(enrollmentsNeedsAndHistories(from, to, users.caseworker));
}

/** The fixture's readers and sample case, found in a database `prepare` and `addPersons` built. */
export async function loadFixture(pool: Pool): Promise<Fixture> {
  const { rows } = await pool.query<{ email: string; id: string; regions: string[] }>(
    `SELECT u.email, u.id, coalesce(array_agg(r.region_id ORDER BY r.region_id) FILTER (WHERE r.region_id IS NOT NULL), '{}') AS regions
     FROM app_user u LEFT JOIN user_region r ON r.user_id = u.id WHERE u.email = ANY($1) GROUP BY u.email, u.id`,
    [Object.keys(USERS).map((key) => emailOf(key as keyof typeof USERS))],
  );
  const user = (key: keyof typeof USERS) => {
    const row = rows.find((r) => r.email === emailOf(key));
    if (!row) throw new Error(`no ${key} of the benchmark's data in this database`);
    return viewer(row.id, USERS[key], row.regions);
  };
  const sample = await pool.query<{ id: string; family_name_latin: string }>(
    `SELECT id, family_name_latin FROM person WHERE case_number = $1`,
    [caseNumber(0)],
  );
  const first = sample.rows[0];
  if (!first) throw new Error("no persons of the benchmark's data in this database");
  return {
    auditor: user("auditor"),
    supervisor: user("supervisor"),
    caseworker: user("caseworker"),
    caseId: first.id,
    searchName: first.family_name_latin,
  };
}

/**
 * Readies loaded data for measuring: statistics for the planner, and the dead rows the load's
 * trigger updates left (the figures and tallies are rewritten per person) cleared, as a server's
 * autovacuum would clear them between loads and reads. Without it, a server whose autovacuum is
 * off, or has not come round yet, measures the load's leftovers: 100,000 persons left 186,000 dead
 * rows in person_need and 86,000 in person_figures.
 */
export async function settle(pool: Pool): Promise<void> {
  await pool.query("VACUUM ANALYZE");
}

/** A database of `persons` persons in one call, for the benchmarks that build their own. */
export async function fill(pool: Pool, persons: number, eventsPerPerson = 0): Promise<Fixture> {
  const setup = await prepare(pool);
  await addPersons(pool, setup, 0, persons, eventsPerPerson);
  await settle(pool);
  return loadFixture(pool);
}
