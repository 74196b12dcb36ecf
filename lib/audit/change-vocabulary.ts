import "server-only";
import { getLocale, getTranslations } from "next-intl/server";
import { formatDay } from "../i18n/format";
import { labelIn, type Labels } from "../i18n/locales";
import type { EnrollmentStatus } from "../db/generated/enums";
import { ENROLLMENT_STATUSES } from "../lifecycles/enrollment";
import { personFieldLabel } from "../validation/person-fields";
import type { ChangeVocabulary } from "./change-lines";
import { referenceLabels } from "./reference-labels";

/** Internal ids a reader cannot use; the record they point to is named by a field beside them, or nowhere useful. */
const HIDDEN = new Set(["householdId", "enrollmentId"]);

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The reader's words for audit events' actions, fields and codes: field names and enums from the message
 * catalogs, and the names of regions, operations, program types, reasons and staff from the
 * reference tables (small, read once per page).
 */
export async function changeVocabulary(): Promise<ChangeVocabulary> {
  const [tAll, t, tCase, tEnums, tRoles, locale, { regions, operations, programTypes, reasons, users }] = await Promise.all([
    getTranslations(),
    getTranslations("changes"),
    getTranslations("case"),
    getTranslations("enums"),
    getTranslations("roles"),
    getLocale(),
    referenceLabels(),
  ]);
  const named = (entries: [string, Labels][]) => new Map(entries.map(([key, labels]) => [key, labelIn(locale, labels)]));
  // Events name a region by its id (a registration) or its code (the demo data, accounts).
  const regionNames = named(
    regions.flatMap((r): [string, Labels][] => {
      const names = { en: r.nameEn, ru: r.nameRu, kk: r.nameKk };
      return [
        [r.id, names],
        [r.code, names],
      ];
    }),
  );
  const typeNames = named(programTypes.map((p) => [p.code, { en: p.labelEn, ru: p.labelRu, kk: p.labelKk }]));
  const lookups: Record<string, Map<string, string>> = {
    region: regionNames,
    regionId: regionNames,
    regions: regionNames,
    returnOperation: named(operations.map((o) => [o.code, { en: o.nameEn, ru: o.nameRu, kk: o.nameKk }])),
    programType: typeNames,
    // The types a review of requirements found required (need.reviewed).
    programTypes: typeNames,
    reasonId: named(reasons.map((r) => [r.id, { en: r.labelEn, ru: r.labelRu, kk: r.labelKk }])),
    caseworkerId: new Map(users.map((u) => [u.id, u.name])),
  };
  // A catalog lookup that falls back to the code itself, so a value the catalogs do not know still shows.
  const from = (has: (key: string) => boolean, get: (key: string) => string) => (key: string, code: string) => (has(key) ? get(key) : code);
  const enumWord = from(
    (k) => tEnums.has(k as "age.MINOR"),
    (k) => tEnums(k as "age.MINOR"),
  );
  const caseWord = from(
    (k) => tCase.has(k as "reason"),
    (k) => tCase(k as "reason"),
  );
  const changesWord = from(
    (k) => t.has(k as "yes"),
    (k) => t(k as "yes"),
  );

  return {
    action: (action) => caseWord(`action.${action}`, action),
    field: (name) => {
      if (t.has(`fields.${name}` as "fields.status")) return t(`fields.${name}` as "fields.status");
      // A person's field with no word of its own in the history is named as its form names it.
      const label = personFieldLabel(name);
      return label ? tAll(label as "changes.fields.status") : name;
    },
    hidden: (field, fields) => HIDDEN.has(field) || (field === "caseworkerId" && fields.has("caseworker")),
    value: (field, value, action) => {
      if (value === "true" || value === "false") return t(value === "true" ? "yes" : "no");
      const lookup = lookups[field]?.get(value);
      if (lookup) return lookup;
      switch (field) {
        case "sex":
          return changesWord(`sex.${value}`, value);
        case "caseStatus":
        case "caseStatuses":
          return enumWord(`caseStatus.${value}`, value);
        // A held change's status, and the statuses the four-eyes settings hold.
        case "prosecutionStatus":
        case "prosecutionStatuses":
          return enumWord(`prosecution.${value}`, value);
        case "riskLevel":
          return enumWord(`risk.${value}`, value);
        case "ageCategory":
          return enumWord(`age.${value}`, value);
        case "outcome":
          return action.startsWith("followUp.") ? enumWord(`followUpOutcome.${value}`, value) : value;
        case "status":
          if (action.startsWith("prosecution.")) return enumWord(`prosecution.${value}`, value);
          if (action.startsWith("enrollment."))
            return Object.hasOwn(ENROLLMENT_STATUSES, value)
              ? tAll(ENROLLMENT_STATUSES[value as EnrollmentStatus].label as "changes.yes")
              : value;
          return value;
        case "state":
          return value === "REQUIRED" ? t("required") : caseWord(`needState.${value}`, value);
        case "memberRole":
        case "ownRole":
          return caseWord(`relationship.${value}`, value);
        case "type":
          return action.startsWith("alias.") ? caseWord(`aliasType.${value}`, value) : value;
        case "role":
        case "roles":
          return tRoles.has(value as "AUDITOR") ? tRoles(value as "AUDITOR") : value;
        default:
          // A day (a birth, an effective date) reads as every other date of the page does.
          return ISO_DAY.test(value) ? formatDay(locale, value) : value;
      }
    },
  };
}
