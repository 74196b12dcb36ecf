import type {
  AgeCategory,
  AliasType,
  CaseStatus,
  ProsecutionStatus,
  Relationship,
  RiskLevel,
  Script,
  Sex,
} from "../../lib/db/generated/enums";
import { makeIin } from "../../lib/validation/iin";
import { ageCategoryAt, fullYearsBetween } from "../../lib/cases/age-category";
import { transliterateToLatin } from "../../lib/search/normalize-name";
import { DEMO_ACCOUNTS } from "./demo-accounts";
import {
  AUTHORITIES,
  ARTICLES,
  FAMILY_STEMS,
  FEMALE_NAMES,
  KUNYA_FEMALE,
  KUNYA_MALE,
  MALE_NAMES,
  NICKNAMES,
  NOTES,
  familyNameFor,
  patronymicFor,
} from "./names";
import { RETURN_OPERATIONS } from "../../lib/reference-data/catalog";
import { Random, addDays, isoDate, utcDate } from "./random";

/** The demo data end here: every date in them is on or before this day. */
export const DEMO_CUTOFF = utcDate("2025-11-15");

export type PlannedEntry = {
  status: ProsecutionStatus;
  effectiveDate: string;
  articles: string[];
  authority: string | null;
  sentenceMonths: number | null;
  reason: string;
};

export type PlannedPerson = {
  key: number;
  familyName: string;
  givenName: string;
  patronymic: string | null;
  sex: Sex;
  birthDate: string;
  birthDateEstimated: boolean;
  iin: string | null;
  regionCode: string;
  address: string;
  returnDate: string;
  operationCode: string;
  returnedFrom: string;
  ageCategory: AgeCategory;
  unaccompaniedMinor: boolean;
  caseStatus: CaseStatus;
  riskLevel: RiskLevel;
  caseworkerEmail: string | null;
  aliases: { value: string; script: Script; type: AliasType; source: string }[];
  prosecution: PlannedEntry[];
  notes: { body: string; date: string }[];
};

export type PlannedHousehold = { label: string; members: { personKey: number; relationship: Relationship }[] };

type Cohort = { operationCode: string; from: string; to: string; men: number; women: number; minors: number; convicted?: number };

// Shaped like the published figures (docs/domain.md, "Demo data"): 125 independent returns by March 2018, 57 of
// them convicted; Zhusan 1-5 with 33 men, 187 women and 490 children; Rusafa's 14 children.
/** How the demo's fictional returnees spread over the regions: a demo choice, not reference data. */
const REGION_WEIGHTS: readonly (readonly [string, number])[] = [
  ["ASTANA", 6],
  ["ALMATY_CITY", 13],
  ["SHYMKENT", 9],
  ["ABAI", 2],
  ["AKMOLA", 3],
  ["AKTOBE", 9],
  ["ALMATY_REGION", 7],
  ["ATYRAU", 8],
  ["EAST_KAZAKHSTAN", 3],
  ["JAMBYL", 5],
  ["JETISU", 2],
  ["KARAGANDA", 5],
  ["KOSTANAY", 2],
  ["KYZYLORDA", 4],
  ["MANGYSTAU", 7],
  ["NORTH_KAZAKHSTAN", 1],
  ["PAVLODAR", 2],
  ["TURKISTAN", 8],
  ["ULYTAU", 1],
  ["WEST_KAZAKHSTAN", 3],
];

const COHORTS: readonly Cohort[] = [
  { operationCode: "INDEPENDENT", from: "2014-09-01", to: "2018-03-31", men: 68, women: 39, minors: 18, convicted: 57 },
  { operationCode: "INDEPENDENT", from: "2018-06-01", to: "2023-06-30", men: 6, women: 4, minors: 2, convicted: 2 },
  { operationCode: "ZHUSAN_1", from: "2019-01-05", to: "2019-01-05", men: 6, women: 11, minors: 30 },
  { operationCode: "ZHUSAN_2", from: "2019-05-07", to: "2019-05-07", men: 16, women: 59, minors: 156 },
  { operationCode: "ZHUSAN_3", from: "2019-05-28", to: "2019-05-28", men: 5, women: 55, minors: 171 },
  { operationCode: "ZHUSAN_4", from: "2020-10-15", to: "2020-10-15", men: 2, women: 28, minors: 80 },
  { operationCode: "ZHUSAN_5", from: "2021-02-04", to: "2021-02-04", men: 4, women: 34, minors: 53 },
  { operationCode: "RUSAFA", from: "2019-11-24", to: "2019-11-24", men: 0, women: 0, minors: 14 },
];

const STREETS = ["ул. Абая", "ул. Сейфуллина", "мкр. Самал-2", "ул. Толе би", "пр. Республики", "ул. Байтурсынова", "мкр. Нурсат"];

function dateBetween(random: Random, from: string, to: string): string {
  const start = utcDate(from).getTime();
  const end = utcDate(to).getTime();
  return isoDate(new Date(start + Math.floor((random.next() * (end - start + 1)) / 86_400_000) * 86_400_000));
}

/** Builds a chain of prosecution entries from the return date, stopping at the demo cut-off. */
class ProsecutionBuilder {
  readonly entries: PlannedEntry[] = [];
  private date: Date;

  constructor(
    private readonly random: Random,
    returnDate: string,
  ) {
    this.date = utcDate(returnDate);
  }

  /** Adds an entry `days` after the previous one; false (and nothing added) past the cut-off. */
  step(status: ProsecutionStatus, days: number, reason: string, extra: Partial<PlannedEntry> = {}): boolean {
    const next = addDays(this.date, days);
    if (next.getTime() > DEMO_CUTOFF.getTime()) return false;
    this.date = next;
    this.entries.push({ status, effectiveDate: isoDate(next), articles: [], authority: null, sentenceMonths: null, reason, ...extra });
    return true;
  }

  /** The full path from investigation to a sentence; ends wherever the cut-off stops it. */
  prosecute(convict: boolean) {
    const articles = [this.random.pick(ARTICLES), ...(this.random.chance(0.4) ? [this.random.pick(ARTICLES)] : [])];
    const uniqueArticles = [...new Set(articles)];
    const authority = this.random.pick(AUTHORITIES);
    if (!this.step("CHARGED", this.random.int(40, 120), "Предъявлено обвинение", { articles: uniqueArticles, authority })) return;
    if (!this.step("ON_TRIAL", this.random.int(30, 90), "Дело передано в суд", { articles: uniqueArticles, authority })) return;
    if (!convict) {
      this.step("ACQUITTED", this.random.int(30, 120), "Оправдательный приговор", { authority });
      return;
    }
    const months = this.random.pick([24, 36, 48, 60, 72, 84, 96, 120]);
    const suspended = this.random.chance(0.15);
    if (
      !this.step("CONVICTED", this.random.int(20, 90), "Обвинительный приговор", {
        articles: uniqueArticles,
        authority,
        sentenceMonths: months,
      })
    )
      return;
    if (suspended) {
      this.step("RELEASED_AFTER_SENTENCE", this.random.int(1, 10), "Условное осуждение, освобождён(а) из-под стражи", {
        sentenceMonths: months,
      });
      return;
    }
    if (!this.step("SERVING_SENTENCE", this.random.int(10, 40), "Приговор вступил в законную силу", { sentenceMonths: months })) return;
    this.step(
      "RELEASED_AFTER_SENTENCE",
      Math.round(months * 30.4 * this.random.next() * 0.3 + months * 30.4 * 0.7),
      "Освобождён(а) по отбытии наказания",
    );
  }
}

export function planPeople(random: Random): { persons: PlannedPerson[]; households: PlannedHousehold[] } {
  const persons: PlannedPerson[] = [];
  const households: PlannedHousehold[] = [];
  const caseworkersByRegion = new Map<string, string[]>();
  for (const account of DEMO_ACCOUNTS.filter((a) => a.role === "CASEWORKER")) {
    for (const code of account.regionCodes) caseworkersByRegion.set(code, [...(caseworkersByRegion.get(code) ?? []), account.email]);
  }
  let iinSerial = 100;
  let abdullaevs = 0;

  const newPerson = (
    cohort: Cohort,
    returnDate: string,
    sex: Sex,
    birthDate: string,
    regionCode: string,
    stem: string,
    fatherName: string,
  ): PlannedPerson => {
    const operation = RETURN_OPERATIONS.find((o) => o.code === cohort.operationCode);
    const givenName = random.pick(sex === "MALE" ? MALE_NAMES : FEMALE_NAMES);
    const bornAbroad = Number(birthDate.slice(0, 4)) >= 2014 && cohort.operationCode !== "INDEPENDENT";
    let iin: string | null = null;
    if (!bornAbroad || random.chance(0.4)) {
      while (iin === null) iin = makeIin(birthDate, sex, iinSerial++);
    }
    const workers = caseworkersByRegion.get(regionCode) ?? [];
    const person: PlannedPerson = {
      key: persons.length,
      familyName: familyNameFor(stem, sex),
      givenName,
      patronymic: random.chance(0.9) ? patronymicFor(fatherName, sex) : null,
      sex,
      birthDate,
      birthDateEstimated: bornAbroad && random.chance(0.3),
      iin,
      regionCode,
      address: `${random.pick(STREETS)}, д. ${random.int(1, 180)}${random.chance(0.6) ? `, кв. ${random.int(1, 220)}` : ""}`,
      returnDate,
      operationCode: cohort.operationCode,
      returnedFrom: operation?.from ?? "SY",
      ageCategory: ageCategoryAt(birthDate, sex, returnDate),
      unaccompaniedMinor: false,
      caseStatus: "OPEN",
      riskLevel: "UNASSESSED",
      caseworkerEmail: workers.length && random.chance(0.94) ? random.pick(workers) : null,
      aliases: [],
      prosecution: [],
      notes: [],
    };
    persons.push(person);
    return person;
  };

  const stemFor = (): string => {
    // A few Абдуллаев/Абдуллаева in each large cohort, so the search demo has someone to find.
    if (abdullaevs < 12 && random.chance(0.08)) {
      abdullaevs++;
      return "Абдуллаев";
    }
    return random.pick(FAMILY_STEMS.slice(1));
  };

  for (const cohort of COHORTS) {
    const independent = cohort.operationCode === "INDEPENDENT";
    const adults: PlannedPerson[] = [];
    const mothers: PlannedPerson[] = [];
    let convictedLeft = cohort.convicted ?? 0;

    for (let i = 0; i < cohort.men + cohort.women; i++) {
      const sex: Sex = i < cohort.men ? "MALE" : "FEMALE";
      const returnDate = dateBetween(random, cohort.from, cohort.to);
      const birthDate = dateBetween(random, sex === "MALE" ? "1968-01-01" : "1976-01-01", isoDate(addDays(utcDate(returnDate), -19 * 366)));
      const person = newPerson(cohort, returnDate, sex, birthDate, random.weighted(REGION_WEIGHTS), stemFor(), random.pick(MALE_NAMES));
      adults.push(person);
      if (sex === "FEMALE") mothers.push(person);
      const builder = new ProsecutionBuilder(random, returnDate);

      // Every man of the Zhusan operations was prosecuted; most independent returnees convicted.
      const mustProsecute = sex === "MALE" && !independent;
      const convict = independent
        ? convictedLeft > 0 && (sex === "MALE" || convictedLeft > cohort.men - i) && random.chance(sex === "MALE" ? 0.85 : 0.5)
        : mustProsecute
          ? random.chance(0.94)
          : random.chance(0.1);
      if (mustProsecute || convict || random.chance(independent ? 0.3 : 0.15)) {
        builder.step("UNDER_INVESTIGATION", 0, "Возбуждено уголовное дело по возвращении", { authority: AUTHORITIES[0] ?? null });
        if (convict) {
          convictedLeft--;
          builder.prosecute(true);
        } else if (mustProsecute) {
          builder.prosecute(random.chance(0.5));
        } else if (random.chance(0.5)) {
          builder.step("PROCEEDINGS_DROPPED", random.int(60, 240), "Прекращено за отсутствием состава преступления");
        } else {
          builder.prosecute(false);
        }
      } else {
        builder.step("PRELIMINARY_CHECK", 0, "Проверка по возвращении");
        if (random.chance(0.85))
          builder.step("NO_PROCEEDINGS", random.int(60, 300), "Оснований для уголовного преследования не установлено");
      }
      person.prosecution = builder.entries;
      person.riskLevel =
        convict || mustProsecute
          ? random.weighted([
              ["HIGH", 5],
              ["MEDIUM", 4],
              ["LOW", 1],
            ])
          : random.weighted([
              ["UNASSESSED", 2],
              ["LOW", 5],
              ["MEDIUM", 3],
              ["HIGH", 1],
            ]);
    }

    // Children: most travel with their mother; some came back without a parent.
    for (let i = 0; i < cohort.minors; i++) {
      const returnDate = cohort.from === cohort.to ? cohort.from : dateBetween(random, cohort.from, cohort.to);
      const unaccompanied = cohort.operationCode === "RUSAFA" || mothers.length === 0 || random.chance(0.07);
      const mother = unaccompanied ? null : random.pick(mothers);
      const region = mother?.regionCode ?? random.weighted(REGION_WEIGHTS);
      const sex: Sex = random.chance(0.5) ? "MALE" : "FEMALE";
      const birthDate = dateBetween(random, isoDate(addDays(utcDate(returnDate), -17 * 365)), isoDate(addDays(utcDate(returnDate), -60)));
      const stem = mother ? mother.familyName.replace(/а$/, "") : stemFor();
      const child = newPerson(cohort, returnDate, sex, birthDate, region, stem, random.pick(MALE_NAMES));
      child.unaccompaniedMinor = unaccompanied;
      child.ageCategory = ageCategoryAt(birthDate, sex, returnDate);
      if (mother) child.caseworkerEmail = mother.caseworkerEmail;
      const builder = new ProsecutionBuilder(random, returnDate);
      builder.step("NOT_APPLICABLE", 0, "Несовершеннолетний(яя)");
      // A teenager who has since come of age is checked like an adult.
      if (fullYearsBetween(birthDate, isoDate(DEMO_CUTOFF)) >= 18 && random.chance(0.6)) {
        builder.step("NO_PROCEEDINGS", random.int(200, 900), "Достиг(ла) совершеннолетия, оснований для преследования нет");
      }
      child.prosecution = builder.entries;
      child.riskLevel = random.weighted([
        ["UNASSESSED", 3],
        ["LOW", 6],
        ["MEDIUM", 1],
      ]);
      if (mother) {
        let household = households.find((h) => h.members[0]?.personKey === mother.key);
        if (!household) {
          household = {
            label: `Семья ${mother.familyName} ${mother.givenName}`,
            members: [{ personKey: mother.key, relationship: "MOTHER" }],
          };
          households.push(household);
        }
        household.members.push({ personKey: child.key, relationship: "CHILD" });
      } else if (mothers.length && random.chance(0.5)) {
        // An aunt who came back on the same flight took the child in.
        const guardian = random.pick(mothers);
        households.push({
          label: `Опека: ${guardian.familyName} ${guardian.givenName}`,
          members: [
            { personKey: guardian.key, relationship: "GUARDIAN" },
            { personKey: child.key, relationship: "CHILD" },
          ],
        });
        child.regionCode = guardian.regionCode;
        child.caseworkerEmail = guardian.caseworkerEmail;
      }
    }

    // Some of the men are the children's fathers.
    for (const man of adults.filter((p) => p.sex === "MALE")) {
      const family = households.find(
        (h) =>
          h.members[0]?.relationship === "MOTHER" &&
          persons[h.members[0].personKey]?.operationCode === man.operationCode &&
          !h.members.some((m) => m.relationship === "FATHER"),
      );
      if (family && random.chance(independent ? 0.1 : 0.4)) family.members.push({ personKey: man.key, relationship: "FATHER" });
    }
  }

  for (const person of persons) {
    const adult = person.ageCategory !== "MINOR";
    if (adult && random.chance(0.3)) {
      person.aliases.push({
        value: random.pick(person.sex === "MALE" ? KUNYA_MALE : KUNYA_FEMALE),
        script: "ARABIC",
        type: "KUNYA",
        source: "Материалы КНБ",
      });
    }
    if (random.chance(0.25)) {
      // The passport spelling of the name, with the -yev ending Latin documents often use.
      const latin = transliterateToLatin(`${person.familyName} ${person.givenName}`).replace(/ev(a?)\b/, "yev$1");
      person.aliases.push({ value: latin, script: "LATIN", type: "LEGAL_NAME", source: "Заграничный паспорт" });
    }
    if (person.familyName.startsWith("Абдуллаев")) {
      person.aliases.push({
        value: `Abdullayev${person.sex === "FEMALE" ? "a" : ""} ${person.givenName === "Юсуф" ? "Yusuf" : ""}`.trim(),
        script: "LATIN",
        type: "TRANSLITERATION",
        source: "Турецкий вид на жительство",
      });
    }
    if (adult && person.sex === "MALE" && random.chance(0.1)) {
      person.aliases.push({ value: random.pick(NICKNAMES), script: "CYRILLIC", type: "NOM_DE_GUERRE", source: "Показания свидетелей" });
    }
    const last = person.prosecution[person.prosecution.length - 1]?.status;
    person.caseStatus = random.weighted<CaseStatus>([
      ["OPEN", 90],
      ["CLOSED", last === "RELEASED_AFTER_SENTENCE" || last === "NO_PROCEEDINGS" ? 8 : 2],
      ["TRANSFERRED", 2],
      ["LEFT_COUNTRY", 1],
      ["DECEASED", 0.4],
    ]);
    if (random.chance(0.35)) {
      const count = random.int(1, 2);
      for (let i = 0; i < count; i++) {
        const date = addDays(utcDate(person.returnDate), random.int(14, 1500));
        if (date.getTime() <= DEMO_CUTOFF.getTime()) person.notes.push({ body: random.pick(NOTES), date: isoDate(date) });
      }
    }
  }
  return { persons, households };
}
