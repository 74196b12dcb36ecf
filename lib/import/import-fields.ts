/**
 * The fields a persons sheet can fill, each with the kind of value it holds and the column
 * headers that name it in Russian, Kazakh and English, as offices write them. Header matching
 * (`header-match.ts`) takes any such table, so this one can later be derived from the person
 * field declaration instead of kept here. Headers are compared normalised (case, spaces,
 * punctuation, «ё»), so each is written once, naturally.
 */
export type ImportValueKind = "fullName" | "name" | "text" | "date" | "iin" | "choice" | "list";
export type ImportField<Key extends string = string> = { key: Key; kind: ImportValueKind; headers: readonly string[] };

export const PERSON_IMPORT_FIELDS = [
  {
    key: "fullName",
    kind: "fullName",
    headers: ["ФИО", "Фамилия имя отчество", "Полное имя", "Аты-жөні", "Т.А.Ә.", "Тегі аты әкесінің аты", "Толық аты", "Full name", "Name"],
  },
  { key: "familyName", kind: "name", headers: ["Фамилия", "Тегі", "Family name", "Surname", "Last name"] },
  { key: "givenName", kind: "name", headers: ["Имя", "Аты", "Given name", "First name"] },
  { key: "patronymic", kind: "name", headers: ["Отчество", "Әкесінің аты", "Patronymic", "Middle name"] },
  {
    key: "familyNameLatin",
    kind: "name",
    headers: ["Фамилия латиница", "Фамилия латиницей", "Фамилия лат", "Тегі латынша", "Family name Latin", "Surname Latin"],
  },
  {
    key: "givenNameLatin",
    kind: "name",
    headers: ["Имя латиница", "Имя латиницей", "Имя лат", "Аты латынша", "Given name Latin", "First name Latin"],
  },
  {
    key: "patronymicLatin",
    kind: "name",
    headers: ["Отчество латиница", "Отчество латиницей", "Отчество лат", "Әкесінің аты латынша", "Patronymic Latin"],
  },
  { key: "sex", kind: "choice", headers: ["Пол", "Жынысы", "Sex", "Gender"] },
  {
    key: "birthDate",
    kind: "date",
    headers: ["Дата рождения", "Д.р.", "Туған күні", "Туған күні айы жылы", "Date of birth", "Birth date", "DOB"],
  },
  { key: "iin", kind: "iin", headers: ["ИИН", "ЖСН", "Индивидуальный идентификационный номер", "Жеке сәйкестендіру нөмірі", "IIN"] },
  { key: "citizenship", kind: "choice", headers: ["Гражданство", "Азаматтығы", "Азаматтық", "Citizenship", "Nationality"] },
  {
    key: "region",
    kind: "choice",
    headers: ["Область", "Регион", "Регион проживания", "Облыс", "Өңір", "Тұратын өңірі", "Region", "Oblast"],
  },
  { key: "address", kind: "text", headers: ["Адрес", "Адрес проживания", "Мекенжайы", "Мекенжай", "Address"] },
  {
    key: "returnDate",
    kind: "date",
    headers: ["Дата возвращения", "Дата возврата", "Дата прибытия", "Оралған күні", "Return date", "Date of return"],
  },
  {
    key: "returnOperation",
    kind: "choice",
    headers: ["Операция", "Операция возвращения", "Оралу операциясы", "Операция атауы", "Return operation", "Operation"],
  },
  {
    key: "returnedFrom",
    kind: "choice",
    headers: [
      "Откуда вернулся",
      "Откуда вернулась",
      "Откуда вернулся(ась)",
      "Страна пребывания",
      "Қайдан оралды",
      "Returned from",
      "Country of return",
    ],
  },
  {
    key: "aliases",
    kind: "list",
    headers: ["Псевдонимы", "Другие имена", "Клички", "Кунья", "Лақап аттары", "Басқа аттары", "Aliases", "Other names", "AKA"],
  },
  {
    key: "caseStatus",
    kind: "choice",
    headers: ["Статус дела", "Статус", "Іс мәртебесі", "Істің мәртебесі", "Мәртебесі", "Case status", "Status"],
  },
  { key: "riskLevel", kind: "choice", headers: ["Уровень риска", "Риск", "Қауіп деңгейі", "Risk level", "Risk"] },
] as const satisfies readonly ImportField[];

export type PersonImportFieldKey = (typeof PERSON_IMPORT_FIELDS)[number]["key"];
