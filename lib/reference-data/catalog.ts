import type { AgeCategory, ReasonKind, RegionKind } from "../db/generated/enums";

/*
 * The reference data the product ships with, installed by every `db:migrate`
 * (lib/reference-data/install.ts); the demo seed adds only fictional cases on top.
 */

type Labels = { en: string; ru: string; kk: string };

/** Kazakhstan's 17 regions and 3 cities of republican significance (2022 division). */
export const REGIONS: readonly { code: string; kind: RegionKind; name: Labels }[] = [
  { code: "ASTANA", kind: "CITY", name: { en: "Astana", ru: "Астана", kk: "Астана" } },
  { code: "ALMATY_CITY", kind: "CITY", name: { en: "Almaty", ru: "Алматы", kk: "Алматы" } },
  { code: "SHYMKENT", kind: "CITY", name: { en: "Shymkent", ru: "Шымкент", kk: "Шымкент" } },
  { code: "ABAI", kind: "REGION", name: { en: "Abai Region", ru: "Абайская область", kk: "Абай облысы" } },
  { code: "AKMOLA", kind: "REGION", name: { en: "Akmola Region", ru: "Акмолинская область", kk: "Ақмола облысы" } },
  { code: "AKTOBE", kind: "REGION", name: { en: "Aktobe Region", ru: "Актюбинская область", kk: "Ақтөбе облысы" } },
  { code: "ALMATY_REGION", kind: "REGION", name: { en: "Almaty Region", ru: "Алматинская область", kk: "Алматы облысы" } },
  { code: "ATYRAU", kind: "REGION", name: { en: "Atyrau Region", ru: "Атырауская область", kk: "Атырау облысы" } },
  {
    code: "EAST_KAZAKHSTAN",
    kind: "REGION",
    name: { en: "East Kazakhstan Region", ru: "Восточно-Казахстанская область", kk: "Шығыс Қазақстан облысы" },
  },
  { code: "JAMBYL", kind: "REGION", name: { en: "Jambyl Region", ru: "Жамбылская область", kk: "Жамбыл облысы" } },
  { code: "JETISU", kind: "REGION", name: { en: "Jetisu Region", ru: "Жетысуская область", kk: "Жетісу облысы" } },
  { code: "KARAGANDA", kind: "REGION", name: { en: "Karaganda Region", ru: "Карагандинская область", kk: "Қарағанды облысы" } },
  { code: "KOSTANAY", kind: "REGION", name: { en: "Kostanay Region", ru: "Костанайская область", kk: "Қостанай облысы" } },
  { code: "KYZYLORDA", kind: "REGION", name: { en: "Kyzylorda Region", ru: "Кызылординская область", kk: "Қызылорда облысы" } },
  { code: "MANGYSTAU", kind: "REGION", name: { en: "Mangystau Region", ru: "Мангистауская область", kk: "Маңғыстау облысы" } },
  {
    code: "NORTH_KAZAKHSTAN",
    kind: "REGION",
    name: { en: "North Kazakhstan Region", ru: "Северо-Казахстанская область", kk: "Солтүстік Қазақстан облысы" },
  },
  { code: "PAVLODAR", kind: "REGION", name: { en: "Pavlodar Region", ru: "Павлодарская область", kk: "Павлодар облысы" } },
  { code: "TURKISTAN", kind: "REGION", name: { en: "Turkistan Region", ru: "Туркестанская область", kk: "Түркістан облысы" } },
  { code: "ULYTAU", kind: "REGION", name: { en: "Ulytau Region", ru: "Улытауская область", kk: "Ұлытау облысы" } },
  {
    code: "WEST_KAZAKHSTAN",
    kind: "REGION",
    name: { en: "West Kazakhstan Region", ru: "Западно-Казахстанская область", kk: "Батыс Қазақстан облысы" },
  },
];

export const RETURN_OPERATIONS: readonly { code: string; name: Labels; startedOn: string | null; from: string }[] = [
  { code: "ZHUSAN_1", name: { en: "Zhusan-1", ru: "Жусан-1", kk: "Жусан-1" }, startedOn: "2019-01-05", from: "SY" },
  { code: "ZHUSAN_2", name: { en: "Zhusan-2", ru: "Жусан-2", kk: "Жусан-2" }, startedOn: "2019-05-07", from: "SY" },
  { code: "ZHUSAN_3", name: { en: "Zhusan-3", ru: "Жусан-3", kk: "Жусан-3" }, startedOn: "2019-05-28", from: "SY" },
  { code: "ZHUSAN_4", name: { en: "Zhusan-4", ru: "Жусан-4", kk: "Жусан-4" }, startedOn: "2020-10-15", from: "SY" },
  { code: "ZHUSAN_5", name: { en: "Zhusan-5", ru: "Жусан-5", kk: "Жусан-5" }, startedOn: "2021-02-04", from: "SY" },
  { code: "RUSAFA", name: { en: "Rusafa", ru: "Русафа", kk: "Русафа" }, startedOn: "2019-11-24", from: "IQ" },
  {
    code: "INDEPENDENT",
    name: { en: "Returned independently", ru: "Вернулись самостоятельно", kk: "Өз бетімен оралғандар" },
    startedOn: null,
    from: "TR",
  },
];

export const PROGRAM_TYPES: readonly { code: string; label: Labels }[] = [
  { code: "PSYCHOLOGICAL", label: { en: "Psychological support", ru: "Психологическая помощь", kk: "Психологиялық көмек" } },
  { code: "RELIGIOUS_COUNSELLING", label: { en: "Religious counselling", ru: "Теологическая реабилитация", kk: "Теологиялық оңалту" } },
  { code: "EDUCATION", label: { en: "Schooling", ru: "Обучение в школе", kk: "Мектепте оқыту" } },
  { code: "VOCATIONAL", label: { en: "Vocational training", ru: "Профессиональное обучение", kk: "Кәсіптік оқыту" } },
  { code: "MEDICAL", label: { en: "Medical care", ru: "Медицинская помощь", kk: "Медициналық көмек" } },
  { code: "SOCIAL", label: { en: "Documents and housing", ru: "Документы и жильё", kk: "Құжаттар және тұрғын үй" } },
  { code: "LEGAL_AID", label: { en: "Legal aid", ru: "Юридическая помощь", kk: "Заң көмегі" } },
  { code: "FAMILY", label: { en: "Family support", ru: "Поддержка семьи", kk: "Отбасын қолдау" } },
];

export const REASONS: readonly { kind: ReasonKind; code: string; label: Labels }[] = [
  { kind: "DECLINE", code: "NOT_INTERESTED", label: { en: "Not interested", ru: "Не заинтересован(а)", kk: "Қызығушылық жоқ" } },
  { kind: "DECLINE", code: "FAMILY_OBJECTS", label: { en: "Family objects", ru: "Возражает семья", kk: "Отбасы қарсы" } },
  { kind: "DECLINE", code: "DISTANCE", label: { en: "Too far to travel", ru: "Слишком далеко", kk: "Тым алыс" } },
  {
    kind: "WITHDRAW",
    code: "MOVED_AWAY",
    label: { en: "Moved to another region", ru: "Переезд в другой регион", kk: "Басқа өңірге көшті" },
  },
  { kind: "WITHDRAW", code: "EMPLOYMENT", label: { en: "Found employment", ru: "Трудоустроен(а)", kk: "Жұмысқа орналасты" } },
  { kind: "WITHDRAW", code: "PROGRAM_CLOSED", label: { en: "Program closed", ru: "Программа закрыта", kk: "Бағдарлама жабылды" } },
  { kind: "DROP_OUT", code: "STOPPED_ATTENDING", label: { en: "Stopped attending", ru: "Перестал(а) посещать", kk: "Қатысуды тоқтатты" } },
  { kind: "DROP_OUT", code: "HEALTH", label: { en: "Health reasons", ru: "По состоянию здоровья", kk: "Денсаулығына байланысты" } },
  {
    kind: "NOT_REQUIRED",
    code: "TOO_YOUNG",
    label: { en: "Too young for this program", ru: "Слишком мал(а) для программы", kk: "Бағдарлама үшін тым жас" },
  },
  {
    kind: "NOT_REQUIRED",
    code: "ALREADY_PROVIDED",
    label: { en: "Already provided elsewhere", ru: "Уже получает в другом месте", kk: "Басқа жерде алуда" },
  },
  {
    kind: "NOT_REQUIRED",
    code: "ASSESSED_UNNECESSARY",
    label: { en: "Assessment found no need", ru: "По оценке не требуется", kk: "Бағалау бойынша қажет емес" },
  },
];

/** The defaults of docs/domain.md ("Required program types"): everyone psychological; minors education; adults vocational and religious counselling. */
export const DEFAULT_REQUIREMENTS: readonly { ageCategory: AgeCategory; programTypeCode: string }[] = [
  { ageCategory: "MINOR", programTypeCode: "PSYCHOLOGICAL" },
  { ageCategory: "MINOR", programTypeCode: "EDUCATION" },
  ...(["ADULT_MAN", "ADULT_WOMAN"] as const).flatMap((ageCategory) =>
    ["PSYCHOLOGICAL", "VOCATIONAL", "RELIGIOUS_COUNSELLING"].map((programTypeCode) => ({ ageCategory, programTypeCode })),
  ),
];

export const DEFAULT_SETTINGS: readonly { key: string; value: number }[] = [{ key: "review.waitingTargetDays", value: 30 }];
