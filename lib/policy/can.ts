import type { Role } from "../db/generated/enums";
import { reachOf, type Action } from "./permissions";

export type Actor = { id: string; role: Role; regionIds: readonly string[] };
/** The facts about a case that decide access: always read from the stored case, never from the form. */
export type CaseFacts = { regionId: string; caseworkerId: string | null };

/** May the actor perform the action at all (e.g. to show a navigation entry)? */
export function canAtAll(actor: Actor, action: Action): boolean {
  return reachOf(actor.role, action) !== "none";
}

/** May the actor perform the action on this case? */
export function can(actor: Actor, action: Action, target: CaseFacts): boolean {
  switch (reachOf(actor.role, action)) {
    case "all":
      return true;
    case "regions":
      return actor.regionIds.includes(target.regionId);
    case "own":
      return target.caseworkerId === actor.id;
    case "system":
    case "none":
      return false;
  }
}
