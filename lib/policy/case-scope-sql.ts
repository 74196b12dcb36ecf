import { Prisma } from "../db/generated/client";
import type { Actor } from "./can";
import { reachOf, type Action } from "./permissions";

/**
 * The same rule as caseScopeWhere, for raw SQL: a condition on the person table under the given
 * alias. Queries that Prisma's query builder cannot express (the review queue, the audit log)
 * are scoped by this, so there is still one rule.
 *
 * A viewer's regions are bound one value each (`IN ($1, $2)`), not as one array: PostgreSQL
 * estimates `= ANY($1)` over an array it cannot see as ten values, so the plan it could keep
 * for a named statement looked costlier than one made for each run's values, and it planned the
 * supervisor's pages every run (half a millisecond of a review queue page's one). For a list of
 * values it estimates each one as it would a known value (docs/decisions/037).
 */
export function caseScopeSql(actor: Actor, action: Action, person: string): Prisma.Sql {
  const column = (name: string) => Prisma.raw(`${person}.${name}`);
  switch (reachOf(actor.role, action)) {
    case "all":
      return Prisma.sql`TRUE`;
    case "regions":
      return actor.regionIds.length === 0
        ? Prisma.sql`FALSE`
        : Prisma.sql`${column("region_id")} IN (${Prisma.join(actor.regionIds.map((id) => Prisma.sql`${id}::uuid`))})`;
    case "own":
      return Prisma.sql`${column("caseworker_id")} = ${actor.id}::uuid`;
    case "system":
    case "none":
      return Prisma.sql`FALSE`;
  }
}
