import "server-only";
import { Prisma } from "../db/generated/client";
import { queryRows, type AnyTx } from "../db/sql";
import { normalizeName } from "../search/normalize-name";
import { SEARCH_CAP } from "../search/search-cap";

const CASE_NUMBER = /^kz-?\d{0,4}-?\d*$/i;
const DIGITS = /^\d{4,12}$/;

export type SearchMatches = { ids: string[]; capped: boolean };

/**
 * Ids of the persons within `scope` (a condition on person, alias p, from the policy) whose case
 * number, IIN, name or alias matches the text, whatever the script: names and aliases are
 * compared in their normalised Latin form by trigram word similarity, or as a substring. The
 * scope is applied before the cap, so matches outside the user's reach never crowd out their own.
 */
export async function matchingPersonIds(
  text: string,
  scope: Prisma.Sql,
  options: { cap?: number; tx?: AnyTx } = {},
): Promise<SearchMatches> {
  const cap = options.cap ?? SEARCH_CAP;
  // On the driver (docs/decisions/033): up to SEARCH_CAP ids, which the ORM took longer to map than the statement took to run.
  const ids = (statement: Prisma.Sql) => queryRows<{ id: string }>(statement, options.tx);
  const capped = (rows: { id: string }[]): SearchMatches => ({ ids: rows.slice(0, cap).map((r) => r.id), capped: rows.length > cap });
  if (CASE_NUMBER.test(text)) {
    return capped(
      await ids(
        Prisma.sql`SELECT p.id FROM person p WHERE p.case_number ILIKE ${`%${text}%`} AND ${scope} ORDER BY p.case_number LIMIT ${cap + 1}`,
      ),
    );
  }
  if (DIGITS.test(text)) {
    return capped(
      await ids(Prisma.sql`SELECT p.id FROM person p WHERE p.iin LIKE ${`${text}%`} AND ${scope} ORDER BY p.iin LIMIT ${cap + 1}`),
    );
  }
  const normalised = normalizeName(text);
  if (normalised.length < 2) return { ids: [], capped: false };
  const pattern = `%${normalised}%`;
  return capped(
    await ids(Prisma.sql`
    SELECT m.id FROM (
      SELECT p.id, word_similarity(${normalised}, p.search_name) AS score
      FROM person p WHERE (p.search_name LIKE ${pattern} OR ${normalised} <% p.search_name) AND ${scope}
      UNION ALL
      SELECT a.person_id, word_similarity(${normalised}, a.search_name)
      FROM alias a JOIN person p ON p.id = a.person_id WHERE (a.search_name LIKE ${pattern} OR ${normalised} <% a.search_name) AND ${scope}
    ) AS m
    GROUP BY m.id ORDER BY max(m.score) DESC, m.id LIMIT ${cap + 1}`),
  );
}
