import "server-only";
import { Prisma } from "../db/generated/client";
import { queryRows } from "../db/sql";
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

type MembershipRow = {
  householdId: string;
  relationship: Relationship;
  /** The others of that household, none where the person is its only member. */
  memberId: string | null;
  memberRelationship: Relationship | null;
  ageCategory: AgeCategory | null;
  unaccompaniedMinor: boolean | null;
};

/**
 * The case page's household panel: the person's households and everyone else in them. Their age
 * and whether they came unaccompanied show to anyone who sees the case; a name and case number only
 * to a viewer who may read that member's own case.
 */
export async function getHouseholdPanel(opened: AuthorizedCase): Promise<HouseholdPanel> {
  // One statement, so a case with no household (most of them) costs one that finds nothing.
  const rows = await queryRows<MembershipRow>(Prisma.sql`
    SELECT mine.household_id AS "householdId", mine.relationship::text AS relationship,
           other.person_id AS "memberId", other.relationship::text AS "memberRelationship",
           p.age_category::text AS "ageCategory", p.unaccompanied_minor AS "unaccompaniedMinor"
    FROM household_member mine
    LEFT JOIN household_member other ON other.household_id = mine.household_id AND other.person_id <> mine.person_id
    LEFT JOIN person p ON p.id = other.person_id
    WHERE mine.person_id = ${opened.id}::uuid
    ORDER BY mine.household_id, other.person_id`);
  const named = await namedCases(opened.viewer, [...new Set(rows.flatMap((row) => (row.memberId ? [row.memberId] : [])))]);
  const households = new Map<string, HouseholdPanel[number]>();
  for (const row of rows) {
    const household = households.get(row.householdId) ?? { relationship: row.relationship, members: [] };
    households.set(row.householdId, household);
    if (!row.memberId || !row.memberRelationship) continue;
    const shown = named.get(row.memberId);
    household.members.push({
      personId: row.memberId,
      relationship: row.memberRelationship,
      name: shown?.name ?? null,
      caseNumber: shown?.caseNumber ?? null,
      ageCategory: row.ageCategory ?? "MINOR",
      unaccompaniedMinor: row.unaccompaniedMinor ?? false,
    });
  }
  return [...households.values()];
}
