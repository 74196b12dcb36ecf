import { Prisma } from "../db/generated/client";
import type { Actor } from "./can";
import { reachOf, type Action } from "./permissions";

/**
 * The same rule as caseScopeWhere, for raw SQL: a condition on the person table under the given
 * alias. Queries that Prisma's query builder cannot express (the review queue, the audit log)
 * are scoped by this, so there is still one rule.
 */
export function caseScopeSql(actor: Actor, action: Action, person: string): Prisma.Sql {
  const column = (name: string) => Prisma.raw(`${person}.${name}`);
  switch (reachOf(actor.role, action)) {
    case "all":
      return Prisma.sql`TRUE`;
    case "regions":
      return Prisma.sql`${column("region_id")} = ANY(${[...actor.regionIds]}::uuid[])`;
    case "own":
      return Prisma.sql`${column("caseworker_id")} = ${actor.id}::uuid`;
    case "system":
    case "none":
      return Prisma.sql`FALSE`;
  }
}
