import "server-only";
import { getDb } from "../db/client";
import type { AgeCategory, Relationship } from "../db/generated/enums";
import { caseScopeWhere } from "../policy/case-scope";
import type { AuthorizedCase } from "./get-case";

export type HouseholdPanel = {
  relationship: Relationship;
  members: {
    personId: string;
    relationship: Relationship;
    name: string | null;
    caseNumber: string | null;
    ageCategory: AgeCategory;
    unaccompaniedMinor: boolean;
  }[];
}[];

/** The case page's household panel: the person's households and everyone else in them. */
export async function getHouseholdPanel(opened: AuthorizedCase): Promise<HouseholdPanel> {
  const db = getDb();
  const households = await db.householdMember.findMany({
    where: { personId: opened.id },
    select: { relationship: true, household: { select: { members: { select: { personId: true, relationship: true } } } } },
  });
  const memberIds = [...new Set(households.flatMap((h) => h.household.members.map((m) => m.personId)))].filter((id) => id !== opened.id);
  // Most cases have no household: then there is no one to read (the ORM would still send both reads).
  const [visibleMembers, allMembers] =
    memberIds.length === 0
      ? [[], []]
      : await Promise.all([
          // Family members outside the viewer's own reach are shown by relationship only, never by name.
          db.person.findMany({
            where: { AND: [{ id: { in: memberIds } }, caseScopeWhere(opened.viewer, "case.view")] },
            select: { id: true, familyName: true, givenName: true, caseNumber: true },
          }),
          db.person.findMany({ where: { id: { in: memberIds } }, select: { id: true, ageCategory: true, unaccompaniedMinor: true } }),
        ]);
  const visible = new Map(visibleMembers.map((m) => [m.id, m]));
  const facts = new Map(allMembers.map((m) => [m.id, m]));
  return households.map((h) => ({
    relationship: h.relationship,
    members: h.household.members
      .filter((m) => m.personId !== opened.id)
      .map((m) => {
        const shown = visible.get(m.personId);
        const fact = facts.get(m.personId);
        return {
          personId: m.personId,
          relationship: m.relationship,
          name: shown ? `${shown.familyName} ${shown.givenName}` : null,
          caseNumber: shown?.caseNumber ?? null,
          ageCategory: fact?.ageCategory ?? "MINOR",
          unaccompaniedMinor: fact?.unaccompaniedMinor ?? false,
        };
      }),
  }));
}
