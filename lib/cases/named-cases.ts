import "server-only";
import { getDb } from "../db/client";
import type { Actor } from "../policy/can";
import { caseScopeWhere } from "../policy/case-scope";

/** How a related case shows on another case's page, where the viewer may read it. */
export type NamedCase = { name: string; caseNumber: string };

/**
 * The cases among `ids` that the viewer may read, by name and case number. A relative outside the
 * viewer's own reach (a family member, another case of a transfer) is shown by relationship only,
 * never by name. With no ids, nothing is read: the ORM would still send a statement that can
 * match nothing.
 */
export async function namedCases(viewer: Actor, ids: readonly string[]): Promise<Map<string, NamedCase>> {
  if (ids.length === 0) return new Map();
  const persons = await getDb().person.findMany({
    where: { AND: [{ id: { in: [...ids] } }, caseScopeWhere(viewer, "case.view")] },
    select: { id: true, familyName: true, givenName: true, caseNumber: true },
  });
  return new Map(persons.map((p) => [p.id, { name: `${p.familyName} ${p.givenName}`, caseNumber: p.caseNumber }]));
}
