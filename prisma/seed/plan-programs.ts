import type { AgeCategory, EnrollmentStatus, NeedState } from "../../lib/db/generated/enums";
import { CONVICTED_STATUSES } from "../../lib/prosecution/transitions";
import { DEFAULT_REQUIREMENTS } from "../../lib/reference-data/catalog";
import { DEMO_CUTOFF, type PlannedPerson } from "./plan-people";
import { Random, addDays, isoDate, utcDate } from "./random";

export type PlannedProgram = {
  key: number;
  name: string;
  typeCode: string;
  provider: string;
  regionCode: string;
  capacity: number;
  active: boolean;
};
export type PlannedEnrollment = {
  personKey: number;
  programKey: number;
  status: EnrollmentStatus;
  referredOn: string;
  enrolledOn: string | null;
  completedOn: string | null;
  endedOn: string | null;
  reasonCode: string | null;
  outcomeNote: string | null;
};
export type PlannedNeed = {
  personKey: number;
  programTypeCode: string;
  state: NeedState;
  reasonCode: string | null;
  comment: string | null;
  decidedOn: string;
};

const PROGRAM_REGIONS = [
  "ALMATY_CITY",
  "ALMATY_REGION",
  "SHYMKENT",
  "TURKISTAN",
  "AKTOBE",
  "ATYRAU",
  "MANGYSTAU",
  "ASTANA",
  "KARAGANDA",
  "JAMBYL",
  "KYZYLORDA",
];
const CORE_TYPES = ["PSYCHOLOGICAL", "RELIGIOUS_COUNSELLING", "EDUCATION", "VOCATIONAL"];
const EXTRA_TYPES = ["MEDICAL", "SOCIAL", "LEGAL_AID", "FAMILY"];

const PROGRAM_NAMES: Record<string, { name: string; provider: string }> = {
  PSYCHOLOGICAL: { name: "Индивидуальное психологическое сопровождение", provider: "Центр психологической поддержки" },
  RELIGIOUS_COUNSELLING: { name: "Теологическая реабилитация", provider: "Группа теологов-реабилитологов" },
  EDUCATION: { name: "Школьная адаптация", provider: "Управление образования" },
  VOCATIONAL: { name: "Курсы профессиональной подготовки", provider: "Колледж сферы обслуживания" },
  MEDICAL: { name: "Медицинское обследование и наблюдение", provider: "Городская поликлиника" },
  SOCIAL: { name: "Восстановление документов и жильё", provider: "Центр социальной помощи" },
  LEGAL_AID: { name: "Бесплатная юридическая консультация", provider: "Коллегия адвокатов" },
  FAMILY: { name: "Поддержка семей с детьми", provider: "Центр поддержки семьи" },
};

const OUTCOMES = ["Программа пройдена полностью", "Завершил(а) курс, выдан сертификат", "Положительная динамика, рекомендовано наблюдение"];

export function requiredTypes(ageCategory: AgeCategory): string[] {
  return DEFAULT_REQUIREMENTS.filter((r) => r.ageCategory === ageCategory).map((r) => r.programTypeCode);
}

function yearsOld(birthDate: string, on: Date): number {
  return (on.getTime() - utcDate(birthDate).getTime()) / (365.25 * 86_400_000);
}

export function planPrograms(random: Random, persons: readonly PlannedPerson[]) {
  const programs: PlannedProgram[] = [];
  PROGRAM_REGIONS.forEach((regionCode, index) => {
    for (const typeCode of [...CORE_TYPES, ...(index < 6 ? EXTRA_TYPES : [])]) {
      const names = PROGRAM_NAMES[typeCode];
      if (!names) continue;
      programs.push({
        key: programs.length,
        name: names.name,
        typeCode,
        provider: names.provider,
        regionCode,
        capacity: random.int(10, 40),
        active: true,
      });
    }
  });
  // A pilot that has ended: its enrollments stay in the history, no one new may join.
  programs.push({
    key: programs.length,
    name: "Пилотная программа трудоустройства (2019)",
    typeCode: "VOCATIONAL",
    provider: "Фонд занятости",
    regionCode: "ALMATY_CITY",
    capacity: 15,
    active: false,
  });

  const needs: PlannedNeed[] = [];
  const enrollments: PlannedEnrollment[] = [];
  const enrolledCount = new Map<number, number>();

  for (const person of persons) {
    if (person.caseStatus === "DECEASED") continue;
    const status = person.prosecution[person.prosecution.length - 1]?.status;
    if (status === "SERVING_SENTENCE") continue;
    const types = requiredTypes(person.ageCategory);
    const decided = addDays(utcDate(person.returnDate), random.int(20, 200));
    const decidedOn = isoDate(decided.getTime() > DEMO_CUTOFF.getTime() ? DEMO_CUTOFF : decided);

    if (person.ageCategory === "MINOR" && yearsOld(person.birthDate, DEMO_CUTOFF) < 6) {
      needs.push({
        personKey: person.key,
        programTypeCode: "EDUCATION",
        state: "NOT_REQUIRED",
        reasonCode: "TOO_YOUNG",
        comment: "Дошкольный возраст",
        decidedOn,
      });
    }
    if (person.ageCategory === "ADULT_WOMAN" && random.chance(0.05)) {
      needs.push({
        personKey: person.key,
        programTypeCode: "RELIGIOUS_COUNSELLING",
        state: "DECLINED_BY_PERSON",
        reasonCode: null,
        comment: "Отказалась от встреч с теологом",
        decidedOn,
      });
    }
    const waived = new Set(needs.filter((n) => n.personKey === person.key).map((n) => n.programTypeCode));
    const convicted = status !== undefined && CONVICTED_STATUSES.includes(status);
    const wanted = [...types.filter((t) => !waived.has(t)), ...(random.chance(0.2) ? [random.pick(EXTRA_TYPES)] : [])];

    for (const typeCode of wanted) {
      // Leave a share of needs open, so the supervisors' review queue has people in it.
      if (!random.chance(convicted ? 0.5 : 0.78)) continue;
      const candidates = programs.filter((p) => p.active && p.typeCode === typeCode && p.regionCode === person.regionCode);
      if (candidates.length === 0) continue;
      const program = random.pick(candidates);
      const referred = addDays(utcDate(person.returnDate), random.int(7, 150));
      if (referred.getTime() > DEMO_CUTOFF.getTime()) continue;
      const enrollment: PlannedEnrollment = {
        personKey: person.key,
        programKey: program.key,
        status: "REFERRED",
        referredOn: isoDate(referred),
        enrolledOn: null,
        completedOn: null,
        endedOn: null,
        reasonCode: null,
        outcomeNote: null,
      };
      enrollments.push(enrollment);
      const outcome = random.weighted<EnrollmentStatus>([
        ["REFERRED", 8],
        ["DECLINED", 6],
        ["ENROLLED", 30],
        ["COMPLETED", 42],
        ["WITHDRAWN", 6],
        ["DROPPED_OUT", 8],
      ]);
      if (outcome === "REFERRED") continue;
      if (outcome === "DECLINED") {
        enrollment.status = "DECLINED";
        enrollment.endedOn = isoDate(addDays(referred, random.int(2, 20)));
        enrollment.reasonCode = random.pick(["NOT_INTERESTED", "FAMILY_OBJECTS", "DISTANCE"]);
        continue;
      }
      const enrolled = addDays(referred, random.int(5, 40));
      const taken = enrolledCount.get(program.key) ?? 0;
      // Capacity holds in the demo data too: a full program leaves the referral waiting.
      if (enrolled.getTime() > DEMO_CUTOFF.getTime() || taken >= program.capacity) continue;
      enrollment.status = "ENROLLED";
      enrollment.enrolledOn = isoDate(enrolled);
      const finished = addDays(enrolled, random.int(outcome === "COMPLETED" ? 90 : 20, outcome === "COMPLETED" ? 320 : 150));
      if (outcome === "ENROLLED" || finished.getTime() > DEMO_CUTOFF.getTime()) {
        enrolledCount.set(program.key, taken + 1);
        continue;
      }
      enrollment.status = outcome;
      if (outcome === "COMPLETED") {
        enrollment.completedOn = isoDate(finished);
        enrollment.outcomeNote = random.pick(OUTCOMES);
      } else {
        enrollment.endedOn = isoDate(finished);
        enrollment.reasonCode =
          outcome === "WITHDRAWN" ? random.pick(["MOVED_AWAY", "EMPLOYMENT"]) : random.pick(["STOPPED_ATTENDING", "HEALTH"]);
      }
    }
  }

  // Two programs are exactly full, so a referral into them shows "no free places".
  for (const program of programs.filter((p) => p.active && (enrolledCount.get(p.key) ?? 0) >= 3).slice(0, 2)) {
    program.capacity = enrolledCount.get(program.key) ?? program.capacity;
  }
  return { programs, enrollments, needs };
}
