import { AliasType, ProsecutionStatus, Relationship, type CaseStatus } from "../db/generated/enums";
import type { Locale } from "../i18n/locales";
import { ENROLLMENT_STATUSES } from "../lifecycles/enrollment";
import { CASE_STATUSES_KEPT_NOT_SET } from "../lifecycles/case-status";
import { PERSON_FIELDS, type Choice, type PersonFieldName } from "../validation/person-fields";

/**
 * The fields each sheet of an import can fill, each with the kind of value it holds and the
 * column headers that name it in Russian, Kazakh and English, as offices write them. This is the
 * one declaration of the import's columns: header matching (`header-match.ts`) reads every
 * header of every language, and the template (`template.ts`) writes the first header of its
 * language, so a template read back is always recognised. Headers are compared normalised (case,
 * spaces, punctuation, «ё»), so each is written once, naturally.
 */
export type ImportValueKind = "key" | "fullName" | "name" | "text" | "date" | "iin" | "choice" | "country" | "list" | "number" | "flag";

/** The first header of each language is the one the template writes. */
export type HeaderWords = { readonly [L in Locale]: readonly [string, ...string[]] };

/**
 * Where a choice's accepted values come from: a fixed list of codes with the catalog keys of
 * their labels, or a reference table read from the database (its labels are data).
 */
export type ChoiceSource = readonly Choice[] | "regions" | "operations" | "programTypes" | "endingReasons";

export type ImportField<Key extends string = string> = {
  key: Key;
  kind: ImportValueKind;
  headers: HeaderWords;
  /** The person field it fills, whose schema judges it, as on the New case form. */
  personField?: PersonFieldName;
  choices?: ChoiceSource;
  /** Needed in every row (for a person field, its own schema says so instead). */
  required?: true;
  /** Read from an office's own file, but not offered in the template, which has the separate columns instead. */
  officeOnly?: true;
};

/** Every header of a field, in every language. */
export function synonymsOf(field: ImportField): string[] {
  return [...field.headers.en, ...field.headers.ru, ...field.headers.kk];
}

const enumChoices = (values: readonly string[], prefix: string): Choice[] =>
  values.map((value) => ({ value, label: `${prefix}.${value}` }));

/** Options of a select on the forms, as an import's accepted values. */
function optionsOf(field: "sex" | "caseStatus" | "riskLevel"): readonly Choice[] {
  return PERSON_FIELDS[field].input.options;
}

const PERSON_KEY_HEADERS: HeaderWords = {
  en: ["Person key", "Key", "Row ID"],
  ru: ["Ключ лица", "Ключ", "Номер строки"],
  kk: ["Тұлға кілті", "Кілт", "Жол нөмірі"],
};

export const PERSON_IMPORT_FIELDS = [
  { key: "key", kind: "key", headers: PERSON_KEY_HEADERS },
  {
    key: "fullName",
    kind: "fullName",
    officeOnly: true,
    headers: {
      en: ["Full name", "Name"],
      ru: ["ФИО", "Фамилия имя отчество", "Полное имя"],
      kk: ["Аты-жөні", "Т.А.Ә.", "Тегі аты әкесінің аты", "Толық аты"],
    },
  },
  {
    key: "familyName",
    kind: "name",
    personField: "familyName",
    headers: { en: ["Family name", "Surname", "Last name"], ru: ["Фамилия"], kk: ["Тегі"] },
  },
  {
    key: "givenName",
    kind: "name",
    personField: "givenName",
    headers: { en: ["Given name", "First name"], ru: ["Имя"], kk: ["Аты"] },
  },
  {
    key: "patronymic",
    kind: "name",
    personField: "patronymic",
    headers: { en: ["Patronymic", "Middle name"], ru: ["Отчество"], kk: ["Әкесінің аты"] },
  },
  {
    key: "familyNameLatin",
    kind: "name",
    officeOnly: true,
    headers: {
      en: ["Family name Latin", "Surname Latin"],
      ru: ["Фамилия латиница", "Фамилия латиницей", "Фамилия лат"],
      kk: ["Тегі латынша"],
    },
  },
  {
    key: "givenNameLatin",
    kind: "name",
    officeOnly: true,
    headers: { en: ["Given name Latin", "First name Latin"], ru: ["Имя латиница", "Имя латиницей", "Имя лат"], kk: ["Аты латынша"] },
  },
  {
    key: "patronymicLatin",
    kind: "name",
    officeOnly: true,
    headers: { en: ["Patronymic Latin"], ru: ["Отчество латиница", "Отчество латиницей", "Отчество лат"], kk: ["Әкесінің аты латынша"] },
  },
  {
    key: "sex",
    kind: "choice",
    personField: "sex",
    choices: optionsOf("sex"),
    headers: { en: ["Sex", "Gender"], ru: ["Пол"], kk: ["Жынысы"] },
  },
  {
    key: "birthDate",
    kind: "date",
    personField: "birthDate",
    headers: {
      en: ["Date of birth", "Birth date", "DOB"],
      ru: ["Дата рождения", "Д.р."],
      kk: ["Туған күні", "Туған күні айы жылы"],
    },
  },
  {
    key: "birthDateEstimated",
    kind: "flag",
    personField: "birthDateEstimated",
    headers: {
      en: ["Birth date estimated", "Estimated birth date"],
      ru: ["Дата рождения приблизительная", "Приблизительная дата рождения"],
      kk: ["Туған күні шамамен"],
    },
  },
  {
    key: "iin",
    kind: "iin",
    personField: "iin",
    headers: {
      en: ["IIN"],
      ru: ["ИИН", "Индивидуальный идентификационный номер"],
      kk: ["ЖСН", "Жеке сәйкестендіру нөмірі"],
    },
  },
  {
    key: "citizenship",
    kind: "country",
    personField: "citizenship",
    headers: { en: ["Citizenship", "Nationality"], ru: ["Гражданство"], kk: ["Азаматтығы", "Азаматтық"] },
  },
  {
    key: "region",
    kind: "choice",
    personField: "regionId",
    choices: "regions",
    headers: {
      en: ["Region", "Oblast"],
      ru: ["Область", "Регион", "Регион проживания"],
      kk: ["Облыс", "Өңір", "Тұратын өңірі"],
    },
  },
  {
    key: "address",
    kind: "text",
    personField: "address",
    headers: { en: ["Address"], ru: ["Адрес", "Адрес проживания"], kk: ["Мекенжайы", "Мекенжай"] },
  },
  {
    key: "returnDate",
    kind: "date",
    personField: "returnDate",
    headers: {
      en: ["Date of return", "Return date"],
      ru: ["Дата возвращения", "Дата возврата", "Дата прибытия"],
      kk: ["Оралған күні"],
    },
  },
  {
    key: "returnOperation",
    kind: "choice",
    personField: "returnOperationCode",
    choices: "operations",
    headers: {
      en: ["Return operation", "Operation"],
      ru: ["Операция", "Операция возвращения", "Операция атауы"],
      kk: ["Оралу операциясы"],
    },
  },
  {
    key: "returnedFrom",
    kind: "country",
    personField: "returnedFrom",
    headers: {
      en: ["Returned from", "Country of return"],
      ru: ["Откуда вернулся", "Откуда вернулась", "Откуда вернулся(ась)", "Страна пребывания"],
      kk: ["Қайдан оралды"],
    },
  },
  {
    key: "aliases",
    kind: "list",
    headers: {
      en: ["Aliases", "Other names", "AKA"],
      ru: ["Псевдонимы", "Другие имена", "Клички", "Кунья"],
      kk: ["Лақап аттары", "Басқа аттары"],
    },
  },
  {
    key: "aliasType",
    kind: "choice",
    choices: enumChoices(Object.values(AliasType), "case.aliasType"),
    headers: { en: ["Alias type", "Kind of aliases"], ru: ["Тип псевдонимов", "Вид псевдонимов"], kk: ["Лақап ат түрі"] },
  },
  {
    key: "caseStatus",
    kind: "choice",
    personField: "caseStatus",
    // A case becomes "transferred" only by a transfer between regions, never from a file.
    choices: optionsOf("caseStatus").filter((choice) => !CASE_STATUSES_KEPT_NOT_SET.includes(choice.value as CaseStatus)),
    headers: {
      en: ["Case status", "Status"],
      ru: ["Статус дела", "Статус"],
      kk: ["Іс мәртебесі", "Істің мәртебесі", "Мәртебесі"],
    },
  },
  {
    key: "riskLevel",
    kind: "choice",
    personField: "riskLevel",
    choices: optionsOf("riskLevel"),
    headers: { en: ["Risk level", "Risk"], ru: ["Уровень риска", "Риск"], kk: ["Қауіп деңгейі"] },
  },
] as const satisfies readonly ImportField[];

export type PersonImportFieldKey = (typeof PERSON_IMPORT_FIELDS)[number]["key"];

const RELATIONSHIPS = enumChoices(Object.values(Relationship), "case.relationship");

export const HOUSEHOLD_IMPORT_FIELDS = [
  { key: "person", kind: "key", required: true, headers: PERSON_KEY_HEADERS },
  {
    key: "personRole",
    kind: "choice",
    required: true,
    choices: RELATIONSHIPS,
    headers: { en: ["Person's role"], ru: ["Роль лица"], kk: ["Тұлғаның рөлі"] },
  },
  {
    key: "relative",
    kind: "key",
    required: true,
    headers: { en: ["Relative's key"], ru: ["Ключ родственника"], kk: ["Туысының кілті"] },
  },
  {
    key: "relativeRole",
    kind: "choice",
    required: true,
    choices: RELATIONSHIPS,
    headers: { en: ["Relative's role"], ru: ["Роль родственника"], kk: ["Туысының рөлі"] },
  },
] as const satisfies readonly ImportField[];

export const PROSECUTION_IMPORT_FIELDS = [
  { key: "person", kind: "key", required: true, headers: PERSON_KEY_HEADERS },
  {
    key: "status",
    kind: "choice",
    required: true,
    choices: enumChoices(Object.values(ProsecutionStatus), "enums.prosecution"),
    headers: { en: ["Prosecution status"], ru: ["Процессуальный статус", "Статус уголовного дела"], kk: ["Қылмыстық іс мәртебесі"] },
  },
  {
    key: "effectiveDate",
    kind: "date",
    required: true,
    headers: { en: ["Effective date"], ru: ["Дата изменения", "Дата"], kk: ["Өзгерген күні", "Күні"] },
  },
  {
    key: "articles",
    kind: "list",
    headers: { en: ["Criminal code articles", "Articles"], ru: ["Статьи УК", "Статьи"], kk: ["ҚК баптары", "Баптар"] },
  },
  {
    key: "authority",
    kind: "text",
    headers: { en: ["Authority or court", "Court"], ru: ["Орган или суд", "Суд"], kk: ["Орган немесе сот", "Сот"] },
  },
  {
    key: "sentenceMonths",
    kind: "number",
    headers: { en: ["Sentence in months"], ru: ["Срок в месяцах", "Срок"], kk: ["Жаза мерзімі айлармен"] },
  },
  {
    key: "reason",
    kind: "text",
    required: true,
    headers: { en: ["Reason"], ru: ["Основание", "Причина"], kk: ["Негіз", "Себеп"] },
  },
] as const satisfies readonly ImportField[];

const ENROLLMENT_ENDINGS = Object.entries(ENROLLMENT_STATUSES)
  .filter(([, rule]) => rule.dateColumn === "endedOn" && !("byTransferOnly" in rule))
  .map(([value, rule]) => ({ value, label: rule.label }));

export const ENROLLMENT_IMPORT_FIELDS = [
  { key: "person", kind: "key", required: true, headers: PERSON_KEY_HEADERS },
  { key: "program", kind: "text", required: true, headers: { en: ["Program"], ru: ["Программа"], kk: ["Бағдарлама"] } },
  {
    key: "programType",
    kind: "choice",
    required: true,
    choices: "programTypes",
    headers: { en: ["Program type"], ru: ["Тип программы"], kk: ["Бағдарлама түрі"] },
  },
  {
    key: "referredOn",
    kind: "date",
    required: true,
    headers: { en: ["Referred on"], ru: ["Дата направления"], kk: ["Жолданған күні"] },
  },
  { key: "enrolledOn", kind: "date", headers: { en: ["Enrolled on"], ru: ["Дата зачисления"], kk: ["Қабылданған күні"] } },
  { key: "completedOn", kind: "date", headers: { en: ["Completed on"], ru: ["Дата завершения"], kk: ["Аяқталған күні"] } },
  {
    key: "ending",
    kind: "choice",
    choices: ENROLLMENT_ENDINGS,
    headers: { en: ["Ended as"], ru: ["Чем прервано"], kk: ["Қалай тоқтатылды"] },
  },
  {
    key: "endingReason",
    kind: "choice",
    choices: "endingReasons",
    headers: { en: ["Ending reason"], ru: ["Причина прекращения"], kk: ["Тоқтату себебі"] },
  },
  { key: "endedOn", kind: "date", headers: { en: ["Ended on"], ru: ["Дата прекращения"], kk: ["Тоқтатылған күні"] } },
  { key: "outcomeNote", kind: "text", headers: { en: ["Outcome note"], ru: ["Итог"], kk: ["Нәтижесі"] } },
] as const satisfies readonly ImportField[];

/** The sheets of an import, in the template's order; the persons sheet comes first. */
export const IMPORT_SHEETS = {
  persons: PERSON_IMPORT_FIELDS,
  household: HOUSEHOLD_IMPORT_FIELDS,
  prosecution: PROSECUTION_IMPORT_FIELDS,
  enrollments: ENROLLMENT_IMPORT_FIELDS,
} as const satisfies Record<string, readonly ImportField[]>;
export type ImportSheetName = keyof typeof IMPORT_SHEETS;
export const IMPORT_SHEET_NAMES = Object.keys(IMPORT_SHEETS) as ImportSheetName[];

/** The columns of a sheet the template offers, in its order. */
export const templateFields = (sheet: ImportSheetName): readonly ImportField[] =>
  (IMPORT_SHEETS[sheet] as readonly ImportField[]).filter((field) => !field.officeOnly);

/** Whether a template's column must be filled in every row: for a person field, its own schema decides. */
export function isRequired(field: ImportField): boolean {
  if (field.required) return true;
  if (field.key === "key") return false;
  return field.personField !== undefined && !PERSON_FIELDS[field.personField].schema.safeParse("").success;
}
