import "server-only";
import { getDb, type Tx } from "../db/client";
import { auditActorOf, recordAuditEvent } from "../audit/record-event";
import { recordDenial } from "../audit/record-denial";
import type { CurrentUser } from "../auth/current-user";
import { canAtAll } from "../policy/can";
import { caseScopeWhere } from "../policy/case-scope";
import { normalizeName } from "../search/normalize-name";
import { meaningfulProbe, type DuplicateProbe, type DuplicateProbeInput } from "../validation/duplicate-probe";
import { notFound } from "../errors/domain-error";

/** Lookups one account may make in any sliding hour (docs/decisions/004-duplicate-check-without-oracle.md). */
export const DUPLICATE_CHECKS_PER_HOUR = 60;

/**
 * Rows of import files one account may have looked up in any sliding hour: a region's caseload,
 * previewed a few times over while it is corrected, and not a list of every IIN in the country
 * (docs/decisions/017-import-preview-duplicate-check.md).
 */
export const IMPORT_ROWS_PER_HOUR = 5000;
const HOUR_MS = 3_600_000;
export const DUPLICATES_CHECKED = "case.duplicates_checked";
export const DUPLICATE_CHECK_REFUSED = "case.duplicate_check_refused";

export type DuplicateWhy = "iin" | "name";
export type RegionName = { en: string; ru: string; kk: string };
/** A match the user may open: enough to recognise the person. */
export type InReachDuplicate = { id: string; caseNumber: string; name: string; birthDate: string; region: RegionName; why: DuplicateWhy };
/**
 * Matches the user may not see, one entry per region: that a possible duplicate exists and
 * whom to ask. No case number, name, birth date or count: any of them would turn the check
 * into a way to read cases out of reach.
 */
export type ElsewhereDuplicate = { region: RegionName; why: DuplicateWhy };
export type DuplicateAnswer = { inReach: InReachDuplicate[]; elsewhere: ElsewhereDuplicate[] };
/** limited: the account has used its hourly lookups; nothing was looked up. */
export type DuplicateCheck = { limited: true } | ({ limited: false; iinTaken: boolean } & DuplicateAnswer);

/** Why the lookup ran: while typing a new case, on registering it, or on changing a case's IIN. */
export type DuplicatePurpose = { kind: "typing" } | { kind: "registration" } | { kind: "edit"; caseId: string };

const CLOSE_BIRTH_DAYS = 366;
const MAX_MATCHES = 20;
/** How alike two names must be (trigram similarity of their normalised Latin forms) to be offered as the same person. */
const NAME_SIMILARITY = 0.45;
/** An id no person has, for "except none". */
const NO_PERSON = "00000000-0000-0000-0000-000000000000";

/**
 * Every person the probe may be: the same IIN, or a similar name or alias (trigram similarity of
 * the normalised Latin forms) with a birth date within a year. Unscoped on purpose, since a
 * person registered in another region is still the same person; its result never leaves this
 * module unredacted. The birth date's index narrows the probe to the persons born within the year
 * around it, and only they are scored: for one probe that is quicker than any preparation.
 */
async function unsafeMatchingPersons(tx: Tx, probe: DuplicateProbe, exceptId: string | null): Promise<Map<string, DuplicateWhy>> {
  const { iin, name, birthFrom, birthTo } = searchTerms(probe);
  const found = await tx.$queryRaw<{ id: string; why: DuplicateWhy }[]>`
    SELECT m.id, m.why FROM (
      SELECT id, 'iin' AS why, 2::real AS score FROM person WHERE ${iin}::text IS NOT NULL AND iin = ${iin}::text
      UNION ALL
      SELECT p.id, 'name' AS why,
             GREATEST(similarity(p.search_name, ${name}::text), COALESCE((SELECT max(similarity(a.search_name, ${name}::text)) FROM alias a WHERE a.person_id = p.id), 0)) AS score
      FROM person p
      WHERE ${name}::text IS NOT NULL AND p.birth_date BETWEEN ${birthFrom}::timestamptz AND ${birthTo}::timestamptz
        AND (similarity(p.search_name, ${name}::text) > ${NAME_SIMILARITY}::real
             OR EXISTS (SELECT 1 FROM alias a WHERE a.person_id = p.id AND similarity(a.search_name, ${name}::text) > ${NAME_SIMILARITY}::real))
    ) m
    WHERE m.id <> ${exceptId ?? NO_PERSON}::uuid
    ORDER BY m.score DESC, m.id
    LIMIT ${MAX_MATCHES}`;
  return matchesOf(found);
}

/** What a probe searches for, as the queries take it: the IIN, the normalised name, and the birth dates a year either side. */
function searchTerms(probe: DuplicateProbe) {
  const birth = probe.name ? new Date(`${probe.name.birthDate}T00:00:00Z`).getTime() : null;
  return {
    iin: probe.iin ?? null,
    name: probe.name ? normalizeName(`${probe.name.familyName} ${probe.name.givenName}`) : null,
    birthFrom: birth === null ? null : new Date(birth - CLOSE_BIRTH_DAYS * 86_400_000).toISOString(),
    birthTo: birth === null ? null : new Date(birth + CLOSE_BIRTH_DAYS * 86_400_000).toISOString(),
  };
}

/** Matches in rank order, each person once under the first reason it matched by. */
function matchesOf(found: readonly { id: string; why: DuplicateWhy }[]): Map<string, DuplicateWhy> {
  const matches = new Map<string, DuplicateWhy>();
  for (const { id, why } of found) if (!matches.has(id)) matches.set(id, why);
  return matches;
}

/** Probes looked up in one query: a chunk small enough for one statement's parameters and plan, large enough that round trips stop counting. */
const PROBES_PER_QUERY = 500;
/**
 * Up to this many probes, each is looked up as the form looks one up: cheaper than copying the
 * registry's names (about a second at 100,000 persons), which pays only for a larger file.
 */
const FEW_PROBES = 50;

/**
 * Before many lookups in one transaction: every name the registry knows (each person's and each
 * alias's normalised Latin form, beside the person and their birth date), and the distinct names
 * among them under a trigram index, both for this transaction only. Names repeat (a registry of
 * 100,000 persons may hold a few thousand distinct names), so a probe is scored against each
 * distinct name once instead of against every person born within its year, and reaches the
 * persons through the name and the birth date. Built in about a second at 100,000 persons,
 * it turns a 10,000-row preview's lookups from minutes into seconds.
 */
async function prepareManyLookups(tx: Tx): Promise<void> {
  await tx.$executeRaw`DROP TABLE IF EXISTS pg_temp.lookup_name_of, pg_temp.lookup_known_name`;
  await tx.$executeRaw`
    CREATE TEMPORARY TABLE lookup_name_of ON COMMIT DROP AS
      SELECT search_name AS name, id AS person_id, birth_date FROM person
      UNION ALL
      SELECT a.search_name, a.person_id, p.birth_date FROM alias a JOIN person p ON p.id = a.person_id`;
  await tx.$executeRaw`CREATE INDEX ON lookup_name_of (name, birth_date)`;
  await tx.$executeRaw`CREATE TEMPORARY TABLE lookup_known_name ON COMMIT DROP AS SELECT DISTINCT name FROM lookup_name_of`;
  await tx.$executeRaw`CREATE INDEX ON lookup_known_name USING gin (name gin_trgm_ops)`;
  await tx.$executeRaw`ANALYZE lookup_name_of`;
  await tx.$executeRaw`ANALYZE lookup_known_name`;
  // The trigram index answers "similarity at least the threshold"; the query keeps only those above it, as the single lookup does.
  await tx.$executeRaw`SELECT set_config('pg_trgm.similarity_threshold', ${String(NAME_SIMILARITY)}, true)`;
}

/**
 * `unsafeMatchingPersons` for many probes in one query, each probe's matches chosen and capped
 * exactly as its own lookup would (the same conditions, the same order, the same limit), so an
 * import's answers are those of the form, row for row (a test holds them equal). A person's score
 * is their most similar name, as the single lookup's. Needs `prepareManyLookups` earlier in the
 * transaction. Unscoped for the same reason, and its result never leaves this module unredacted.
 */
async function unsafeMatchingPersonsOfMany(tx: Tx, probes: readonly ImportProbe[]): Promise<Map<number, Map<string, DuplicateWhy>>> {
  const rows: number[] = [];
  const iins: (string | null)[] = [];
  const names: (string | null)[] = [];
  const froms: (string | null)[] = [];
  const tos: (string | null)[] = [];
  for (const { row, probe } of probes) {
    const terms = searchTerms(probe);
    rows.push(row);
    iins.push(terms.iin);
    names.push(terms.name);
    froms.push(terms.birthFrom);
    tos.push(terms.birthTo);
  }
  const found = await tx.$queryRaw<{ row: number; id: string; why: DuplicateWhy }[]>`
    WITH probe AS (
      SELECT * FROM unnest(${rows}::int[], ${iins}::text[], ${names}::text[], ${froms}::timestamptz[], ${tos}::timestamptz[])
        AS q(row_number, iin, name, birth_from, birth_to)
    )
    SELECT r.row_number AS row, r.id, r.why FROM (
      SELECT q.row_number, m.id, m.why,
             row_number() OVER (PARTITION BY q.row_number ORDER BY m.score DESC, m.id) AS rank
      FROM probe q
      CROSS JOIN LATERAL (
        SELECT id, 'iin' AS why, 2::real AS score FROM person WHERE q.iin IS NOT NULL AND iin = q.iin
        UNION ALL
        SELECT n.person_id, 'name' AS why, max(k.score) AS score
        FROM (SELECT name, similarity(name, q.name) AS score FROM lookup_known_name WHERE q.name IS NOT NULL AND name % q.name) k
        JOIN lookup_name_of n ON n.name = k.name AND n.birth_date BETWEEN q.birth_from AND q.birth_to
        WHERE k.score > ${NAME_SIMILARITY}::real
        GROUP BY n.person_id
      ) m
    ) r
    WHERE r.rank <= ${MAX_MATCHES}
    ORDER BY r.row_number, r.rank`;
  const byRow = new Map<number, { id: string; why: DuplicateWhy }[]>(probes.map(({ row }) => [row, []]));
  for (const { row, id, why } of found) byRow.get(row)?.push({ id, why });
  return new Map([...byRow].map(([row, ofRow]) => [row, matchesOf(ofRow)]));
}

/** Few probes, one lookup each, as the form's: unscoped, and never leaving this module unredacted. */
async function eachMatchingPersons(tx: Tx, probes: readonly ImportProbe[]): Promise<Map<number, Map<string, DuplicateWhy>>> {
  const matches = new Map<number, Map<string, DuplicateWhy>>();
  for (const { row, probe } of probes) matches.set(row, await unsafeMatchingPersons(tx, probe, null));
  return matches;
}

/**
 * The one way to ask whether a person is already registered. Each lookup counts against the
 * account's hourly allowance, counted from the audit log itself, so every app server sharing the
 * database applies the same limit; each lookup, and each refusal at the limit, is an audit event
 * saying who searched for what and how many matches were in reach or not. Matches out of reach
 * come back as regions only. Runs in the caller's transaction, which must commit even when the
 * caller refuses its own work, or the lookup would go unrecorded.
 */
export async function checkForDuplicates(
  tx: Tx,
  user: CurrentUser,
  probe: DuplicateProbe,
  purpose: DuplicatePurpose,
): Promise<DuplicateCheck> {
  const used = await lookupsUsed(tx, user);
  const searched = searchedParts(probe);
  const event = {
    actor: auditActorOf(user),
    entityType: purpose.kind === "edit" ? "person" : "registry",
    entityId: purpose.kind === "edit" ? purpose.caseId : null,
  };
  if (used >= DUPLICATE_CHECKS_PER_HOUR) {
    await recordAuditEvent(tx, {
      ...event,
      action: DUPLICATE_CHECK_REFUSED,
      context: { purpose: purpose.kind, searched, limitPerHour: DUPLICATE_CHECKS_PER_HOUR },
    });
    return { limited: true };
  }

  const matches = await unsafeMatchingPersons(tx, probe, purpose.kind === "edit" ? purpose.caseId : null);
  const answer = await redacted(tx, user, matches);
  await recordAuditEvent(tx, {
    ...event,
    action: DUPLICATES_CHECKED,
    context: { purpose: purpose.kind, searched, ...answer.counts },
  });
  return { limited: false, iinTaken: [...matches.values()].includes("iin"), inReach: answer.inReach, elsewhere: answer.elsewhere };
}

/**
 * The account's lookups in the last hour, counted from the audit log. One account's lookups
 * queue up on an advisory lock held to the end of the transaction, so that parallel requests
 * cannot each see room under the limit.
 */
async function lookupsUsed(tx: Tx, user: CurrentUser): Promise<number> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`duplicate-check:${user.id}`}, 0))`;
  return tx.auditEvent.count({
    where: { actorId: user.id, action: DUPLICATES_CHECKED, occurredAt: { gt: new Date(Date.now() - HOUR_MS) } },
  });
}

/** Rows of import files the account had looked up in the last hour; called under lookupsUsed's lock. */
async function importRowsUsed(tx: Tx, user: CurrentUser): Promise<number> {
  const [row] = await tx.$queryRaw<{ rows: number }[]>`
    SELECT coalesce(sum((context->>'rows')::int), 0)::int AS rows FROM audit_event
    WHERE actor_id = ${user.id}::uuid AND action = ${DUPLICATES_CHECKED} AND context->>'purpose' = 'import'
      AND occurred_at > ${new Date(Date.now() - HOUR_MS)}`;
  return row?.rows ?? 0;
}

function searchedParts(probe: DuplicateProbe) {
  return {
    iin: probe.iin,
    familyName: probe.name?.familyName ?? null,
    givenName: probe.name?.givenName || null,
    birthDate: probe.name?.birthDate ?? null,
  };
}

type Redacted = DuplicateAnswer & {
  /** What the audit event records: how many matched, in reach or not, and which cases they were. */
  counts: { matches: number; inReach: number; outOfReach: number; inReachCases: string[]; outOfReachCases: string[] };
};

/** Matches in the user's `case.view` scope in full, the others as one line per region. */
async function redacted(tx: Tx, user: CurrentUser, matches: Map<string, DuplicateWhy>): Promise<Redacted> {
  return redactedFrom(await matchedFacts(tx, user, [...matches.keys()]), matches);
}

type MatchedFacts = { rows: MatchedPerson[]; inReachIds: Set<string> };
type MatchedPerson = {
  id: string;
  caseNumber: string;
  familyName: string;
  givenName: string;
  birthDate: Date;
  region: { id: string; nameEn: string; nameRu: string; nameKk: string };
};

/** What redaction needs of the persons matched, ordered by case number, and which of them the user may see. */
async function matchedFacts(tx: Tx, user: CurrentUser, ids: string[]): Promise<MatchedFacts> {
  const [rows, visible] = ids.length
    ? await Promise.all([
        tx.person.findMany({
          where: { id: { in: ids } },
          orderBy: { caseNumber: "asc" },
          select: {
            id: true,
            caseNumber: true,
            familyName: true,
            givenName: true,
            birthDate: true,
            region: { select: { id: true, nameEn: true, nameRu: true, nameKk: true } },
          },
        }),
        tx.person.findMany({ where: { AND: [{ id: { in: ids } }, caseScopeWhere(user, "case.view")] }, select: { id: true } }),
      ])
    : [[], []];
  return { rows, inReachIds: new Set(visible.map((v) => v.id)) };
}

/** One lookup's matches, redacted: `facts` holds at least every person they name. */
function redactedFrom(facts: MatchedFacts, matches: Map<string, DuplicateWhy>): Redacted {
  const { inReachIds } = facts;
  const rows = facts.rows.filter((row) => matches.has(row.id));
  const regionName = (r: { nameEn: string; nameRu: string; nameKk: string }): RegionName => ({ en: r.nameEn, ru: r.nameRu, kk: r.nameKk });

  const inReach: InReachDuplicate[] = [];
  const elsewhere = new Map<string, ElsewhereDuplicate>();
  for (const row of rows) {
    const why = matches.get(row.id) ?? "name";
    if (inReachIds.has(row.id)) {
      inReach.push({
        id: row.id,
        caseNumber: row.caseNumber,
        name: `${row.familyName} ${row.givenName}`,
        birthDate: row.birthDate.toISOString().slice(0, 10),
        region: regionName(row.region),
        why,
      });
    } else {
      const known = elsewhere.get(row.region.id);
      elsewhere.set(row.region.id, { region: regionName(row.region), why: known?.why === "iin" || why === "iin" ? "iin" : "name" });
    }
  }
  return {
    inReach,
    elsewhere: [...elsewhere.values()],
    counts: {
      matches: rows.length,
      inReach: inReach.length,
      outOfReach: rows.length - inReach.length,
      inReachCases: inReach.map((d) => d.id),
      outOfReachCases: rows.filter((r) => !inReachIds.has(r.id)).map((r) => r.id),
    },
  };
}

/** One row of an import file, as looked up: its row number in the file and what it searches for. */
export type ImportProbe = { row: number; probe: DuplicateProbe };
export type ImportDuplicateCheck = { limited: true } | { limited: false; answers: Map<number, DuplicateAnswer> };

/**
 * The duplicate check of an import preview: every ready row of the file looked up by the same
 * rules and redacted the same way as a new case, in one go. The whole preview counts as one
 * lookup against the hourly allowance, its rows count against the hourly rows of imports, and it
 * is one audit event, listing every row's search and
 * which cases each matched, in reach or not, with the file's name and SHA-256
 * (docs/decisions/017-import-preview-duplicate-check.md).
 */
/**
 * Where an import was previewed: the page, or the server's command line, which only those who
 * operate the server can run (they hold the database itself) and which the initial bulk load of
 * thousands of rows needs. The command line's lookups are recorded like the page's, with `via`,
 * but not held to the hourly allowance (docs/decisions/023).
 */
export type ImportChannel = "page" | "command";

export async function checkImportForDuplicates(
  tx: Tx,
  user: CurrentUser,
  probes: readonly ImportProbe[],
  file: { name: string; sha256: string },
  via: ImportChannel = "page",
): Promise<ImportDuplicateCheck> {
  const used = await lookupsUsed(tx, user);
  const rowsUsed = await importRowsUsed(tx, user);
  const event = { actor: auditActorOf(user), entityType: "registry", entityId: null };
  const about = { purpose: "import", fileName: file.name, fileSha256: file.sha256, rows: probes.length, via };
  const limited = used >= DUPLICATE_CHECKS_PER_HOUR || rowsUsed + probes.length > IMPORT_ROWS_PER_HOUR;
  if (limited && via === "page") {
    await recordAuditEvent(tx, {
      ...event,
      action: DUPLICATE_CHECK_REFUSED,
      context: { ...about, limitPerHour: DUPLICATE_CHECKS_PER_HOUR, rowsUsed, rowsPerHour: IMPORT_ROWS_PER_HOUR },
    });
    return { limited: true };
  }
  const answers = new Map<number, DuplicateAnswer>();
  const searches: ({ row: number; searched: ReturnType<typeof searchedParts> } & Redacted["counts"])[] = [];
  const few = probes.length <= FEW_PROBES;
  if (!few) await prepareManyLookups(tx);
  for (let start = 0; start < probes.length; start += PROBES_PER_QUERY) {
    const chunk = probes.slice(start, start + PROBES_PER_QUERY);
    const matched = few ? await eachMatchingPersons(tx, chunk) : await unsafeMatchingPersonsOfMany(tx, chunk);
    const facts = await matchedFacts(tx, user, [...new Set([...matched.values()].flatMap((m) => [...m.keys()]))]);
    for (const { row, probe } of chunk) {
      const answer = redactedFrom(facts, matched.get(row) ?? new Map<string, DuplicateWhy>());
      answers.set(row, { inReach: answer.inReach, elsewhere: answer.elsewhere });
      searches.push({ row, searched: searchedParts(probe), ...answer.counts });
    }
  }
  await recordAuditEvent(tx, {
    ...event,
    action: DUPLICATES_CHECKED,
    context: {
      ...about,
      matches: searches.reduce((sum, s) => sum + s.matches, 0),
      searches,
    },
  });
  return { limited: false, answers };
}

/** What the new-case form hears back while the person types. */
export type TypingCheck = { status: "incomplete" } | { status: "limited" } | ({ status: "checked" } & DuplicateAnswer);

/**
 * The check the new-case form runs while the person types: for those who may register a case
 * at all. Input too incomplete to say anything is not looked up, so it costs no check and
 * writes no event.
 */
export async function checkNewCaseForDuplicates(user: CurrentUser, input: DuplicateProbeInput): Promise<TypingCheck> {
  if (!canAtAll(user, "case.create")) {
    await recordDenial(user, "case.create", { entityType: "registry", entityId: null });
    throw notFound();
  }
  const probe = meaningfulProbe(input);
  if (!probe) return { status: "incomplete" };
  const check = await getDb().$transaction((tx) => checkForDuplicates(tx, user, probe, { kind: "typing" }));
  return check.limited ? { status: "limited" } : { status: "checked", inReach: check.inReach, elsewhere: check.elsewhere };
}
