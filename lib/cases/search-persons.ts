import "server-only";
import type { Tx } from "../db/client";
import { getDb } from "../db/client";
import { normalizeName } from "../search/normalize-name";

const CASE_NUMBER = /^kz-?\d{0,4}-?\d*$/i;
const DIGITS = /^\d{4,12}$/;

/**
 * Ids of persons whose case number, IIN, name or alias matches the text, whatever the script:
 * names and aliases are compared in their normalised Latin form by trigram word similarity, or
 * as a substring. Ids only: the caller intersects them with the user's scope before reading rows.
 */
export async function matchingPersonIds(text: string, db: Pick<Tx, "$queryRaw"> = getDb()): Promise<string[]> {
  if (CASE_NUMBER.test(text)) {
    const rows = await db.$queryRaw<{ id: string }[]>`SELECT id FROM person WHERE case_number ILIKE ${`%${text}%`} LIMIT 500`;
    return rows.map((r) => r.id);
  }
  if (DIGITS.test(text)) {
    const rows = await db.$queryRaw<{ id: string }[]>`SELECT id FROM person WHERE iin LIKE ${`${text}%`} LIMIT 500`;
    return rows.map((r) => r.id);
  }
  const normalised = normalizeName(text);
  if (normalised.length < 2) return [];
  const pattern = `%${normalised}%`;
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM person WHERE search_name LIKE ${pattern} OR ${normalised} <% search_name
    UNION
    SELECT person_id FROM alias WHERE search_name LIKE ${pattern} OR ${normalised} <% search_name
    LIMIT 500`;
  return rows.map((r) => r.id);
}
