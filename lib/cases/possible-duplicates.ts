import "server-only";
import type { Tx } from "../db/client";
import type { CurrentUser } from "../auth/current-user";
import { caseScopeWhere } from "../policy/case-scope";
import { normalizeName } from "../search/normalize-name";

export type PossibleDuplicate = {
  caseNumber: string;
  /** Shown only for cases within the user's reach; for others the case number and region are enough to ask. */
  name: string | null;
  id: string | null;
  regionId: string;
  birthDate: string;
  why: "iin" | "name";
};

const CLOSE_BIRTH_DAYS = 366;

/**
 * Persons who may be the one about to be registered: the same IIN, or a similar name or alias
 * (trigram similarity of the normalised Latin forms) with a birth date within a year. Searches
 * every case, since a person registered in another region is still the same person.
 */
export async function findPossibleDuplicates(tx: Tx, user: CurrentUser, person: { iin: string; familyName: string; givenName: string; birthDate: string }): Promise<PossibleDuplicate[]> {
  const name = normalizeName(`${person.familyName} ${person.givenName}`);
  const birth = new Date(`${person.birthDate}T00:00:00Z`);
  const from = new Date(birth.getTime() - CLOSE_BIRTH_DAYS * 86_400_000);
  const to = new Date(birth.getTime() + CLOSE_BIRTH_DAYS * 86_400_000);
  const matches = await tx.$queryRaw<{ id: string; why: "iin" | "name" }[]>`
    SELECT id, 'iin' AS why FROM person WHERE ${person.iin} <> '' AND iin = ${person.iin}
    UNION
    SELECT p.id, 'name' AS why FROM person p
      WHERE p.birth_date BETWEEN ${from} AND ${to}
        AND (similarity(p.search_name, ${name}) > 0.45
             OR EXISTS (SELECT 1 FROM alias a WHERE a.person_id = p.id AND similarity(a.search_name, ${name}) > 0.45))
    LIMIT 20`;
  if (matches.length === 0) return [];
  const ids = matches.map((m) => m.id);
  const [rows, visible] = await Promise.all([
    tx.person.findMany({ where: { id: { in: ids } }, select: { id: true, caseNumber: true, familyName: true, givenName: true, regionId: true, birthDate: true } }),
    tx.person.findMany({ where: { AND: [{ id: { in: ids } }, caseScopeWhere(user, "case.view")] }, select: { id: true } }),
  ]);
  const inReach = new Set(visible.map((v) => v.id));
  return rows.map((row) => ({
    caseNumber: row.caseNumber,
    name: inReach.has(row.id) ? `${row.familyName} ${row.givenName}` : null,
    id: inReach.has(row.id) ? row.id : null,
    regionId: row.regionId,
    birthDate: row.birthDate.toISOString().slice(0, 10),
    why: matches.find((m) => m.id === row.id && m.why === "iin") ? "iin" : "name",
  }));
}
