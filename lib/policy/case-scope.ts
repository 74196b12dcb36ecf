import type { Prisma } from "../db/generated/client";
import { reachOf, type Action } from "./permissions";
import type { Actor } from "./can";

/**
 * The Prisma `where` fragment that limits a person query to what the actor may reach for
 * the action: the same rule as `can`, applied in the database so nothing out of reach is fetched.
 */
export function caseScopeWhere(actor: Actor, action: Action): Prisma.PersonWhereInput {
  switch (reachOf(actor.role, action)) {
    case "all":
      return {};
    case "regions":
      return { regionId: { in: [...actor.regionIds] } };
    case "own":
      return { caseworkerId: actor.id };
    case "system":
    case "none":
      // Fails closed: matches no row.
      return { id: { in: [] } };
  }
}
