import type { AgeCategory, ProsecutionStatus, Sex } from "../db/generated/enums";

/** Whole years from one YYYY-MM-DD date to another, as an age is counted. */
export function fullYearsBetween(from: string, to: string): number {
  const b = new Date(`${from}T00:00:00Z`);
  const d = new Date(`${to}T00:00:00Z`);
  const years = d.getUTCFullYear() - b.getUTCFullYear();
  const beforeBirthday = d.getUTCMonth() < b.getUTCMonth() || (d.getUTCMonth() === b.getUTCMonth() && d.getUTCDate() < b.getUTCDate());
  return beforeBirthday ? years - 1 : years;
}

/** Age category is derived from the birth date at return (docs/domain.md, "Age category"): under 18 is a minor. */
export function ageCategoryAt(birthDate: string, sex: Sex, on: string): AgeCategory {
  if (fullYearsBetween(birthDate, on) < 18) return "MINOR";
  return adultCategory(sex);
}

/** The category a person is in from their 18th birthday. */
export const adultCategory = (sex: Sex): AgeCategory => (sex === "MALE" ? "ADULT_MAN" : "ADULT_WOMAN");

/** The prosecution status a new case starts with: a minor is outside prosecution, anyone else has none yet. */
export const initialProsecutionStatus = (ageCategory: AgeCategory): ProsecutionStatus =>
  ageCategory === "MINOR" ? "NOT_APPLICABLE" : "NO_PROCEEDINGS";
