import type { ChangeRequestKind } from "@/lib/db/generated/enums";
import type { ChangeSubject } from "@/lib/cases/change-requests";
import { labelIn } from "@/lib/i18n/locales";

const END_CATALOG: Record<ChangeRequestKind, string> = {
  PROSECUTION_STATUS: "prosecution",
  CASE_STATUS: "caseStatus",
  NEED_NOT_REQUIRED: "needState",
  HOUSEHOLD_REMOVAL: "householdLink",
  TRANSFER: "caseStatus",
};

/** The catalog key (under "enums") of one end of a held change, by its kind: a status, a need's state, a membership. */
export function statusKey(kind: ChangeRequestKind, code: string): string {
  return `${END_CATALOG[kind]}.${code}`;
}

/**
 * What a need or household request is about, put before its "from" end: the program type, or
 * the household by the case the child would leave (when the viewer may see that case).
 */
export function subjectWords(
  subject: ChangeSubject,
  locale: string,
  household: (values: { caseNumber: string }) => string,
  householdUnnamed: string,
): string | null {
  if (!subject) return null;
  if ("programType" in subject) return labelIn(locale, subject.programType);
  return subject.householdWith ? household({ caseNumber: subject.householdWith }) : householdUnnamed;
}
