import "server-only";
import { getDb } from "../db/client";
import type { AgeCategory, Relationship } from "../db/generated/enums";
import type { AuthorizedCase } from "./get-case";
import { namedCases } from "./named-cases";

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
  const [named, allMembers] = await Promise.all([
    namedCases(opened.viewer, memberIds),
    // Most cases have no household: then there is no one to read.
    memberIds.length === 0
      ? []
      : db.person.findMany({ where: { id: { in: memberIds } }, select: { id: true, ageCategory: true, unaccompaniedMinor: true } }),
  ]);
  const facts = new Map(allMembers.map((m) => [m.id, m]));
  return households.map((h) => ({
    relationship: h.relationship,
    members: h.household.members
      .filter((m) => m.personId !== opened.id)
      .map((m) => {
        const shown = named.get(m.personId);
        const fact = facts.get(m.personId);
        return {
          personId: m.personId,
          relationship: m.relationship,
          name: shown?.name ?? null,
          caseNumber: shown?.caseNumber ?? null,
          ageCategory: fact?.ageCategory ?? "MINOR",
          unaccompaniedMinor: fact?.unaccompaniedMinor ?? false,
        };
      }),
  }));
}
