import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../lib/db/client";
import { createFreshDatabase, type FreshDatabase } from "../../lib/db/fresh-database";
import { applyMigrations } from "../../lib/migrations/migrate";
import { createDb, type Db } from "../../lib/db/client";
import { checkIin } from "../../lib/validation/iin";
import { CONVICTED_STATUSES, isAllowedTransition } from "../../lib/prosecution/transitions";
import { hashEvent } from "../../lib/audit/event-hash";
import { toHashedEvent } from "../../lib/audit/stored-event";
import { DEMO_ACCOUNTS } from "./demo-accounts";
import { getDashboard } from "../../lib/dashboard/dashboard";
import { countListed, registryFiltersSql } from "../../lib/cases/registry-filters";
import { RegistryFilters } from "../../lib/validation/registry";
import { planPeople } from "./plan-people";
import { planPrograms } from "./plan-programs";
import { Random } from "./random";
import { seedDemoData } from "./seed";

// The seed needs an empty database of its own: other tests write to the run's shared one.
let database: FreshDatabase;
let db: Db;

beforeAll(async () => {
  database = await createFreshDatabase("seed");
  await applyMigrations(database.url);
  db = createDb(database.url);
  await seedDemoData(db);
  return async () => {
    await db.$disconnect();
    await database.drop();
  };
}, 180_000);

const zhusan = { returnOperationCode: { startsWith: "ZHUSAN_" } };

describe("the demo data reproduce the published figures", () => {
  it("125 returned independently by March 2018, 57 of them convicted", async () => {
    const independent = { returnOperationCode: "INDEPENDENT", returnDate: { lte: new Date("2018-03-31") } };
    expect(await db.person.count({ where: independent })).toBe(125);
    expect(await db.person.count({ where: { ...independent, prosecutionStatus: { in: [...CONVICTED_STATUSES] } } })).toBe(57);
  });

  it("the Zhusan operations brought back 33 men, all prosecuted, 187 women and 490 children", async () => {
    expect(await db.person.count({ where: { ...zhusan, ageCategory: "ADULT_MAN" } })).toBe(33);
    expect(await db.person.count({ where: { ...zhusan, ageCategory: "ADULT_WOMAN" } })).toBe(187);
    expect(await db.person.count({ where: { ...zhusan, ageCategory: "MINOR" } })).toBe(490);
    expect(
      await db.person.count({ where: { ...zhusan, ageCategory: "ADULT_MAN", prosecution: { none: { status: "UNDER_INVESTIGATION" } } } }),
    ).toBe(0);
  });
});

describe("the demo data are well-formed", () => {
  it("the auditor's dashboard shows them with no manual step, and each count's registry link selects exactly those cases", async () => {
    const auditor = await db.user.findUniqueOrThrow({
      where: { email: "auditor@example.org" },
      select: { id: true, email: true, name: true, role: true },
    });
    const viewer = {
      ...auditor,
      regionIds: [],
      sessionId: "00000000-0000-4000-8000-000000000000",
      mustChangePassword: false,
      secondFactorPending: false,
      secondFactorMissing: false,
    };
    const { published } = await getDashboard(viewer, { db });
    expect(Object.fromEntries(Object.entries(published).map(([k, v]) => [k, v.value]))).toEqual({
      independentBy2018: 125,
      independentBy2018Convicted: 57,
      zhusanMen: 33,
      zhusanMenProsecuted: 33,
      zhusanWomen: 187,
      zhusanChildren: 490,
    });
    for (const figure of Object.values(published)) {
      const filters = RegistryFilters.parse(Object.fromEntries(new URL(figure.href, "http://x").searchParams));
      expect(await countListed(viewer, registryFiltersSql(filters), db), figure.href).toBe(figure.value);
    }
  });

  it("every IIN passes validation and agrees with the birth date and sex", async () => {
    const persons = await db.person.findMany({ where: { iin: { not: null } }, select: { iin: true, birthDate: true, sex: true } });
    expect(persons.length).toBeGreaterThan(500);
    for (const p of persons)
      expect(checkIin(p.iin ?? "", { birthDate: p.birthDate.toISOString().slice(0, 10), sex: p.sex })).toMatchObject({ ok: true });
  });

  it("every prosecution history follows the allowed transitions and ends at the person's current status", async () => {
    const persons = await db.person.findMany({
      select: {
        prosecutionStatus: true,
        prosecution: { orderBy: [{ effectiveDate: "asc" }, { createdAt: "asc" }], select: { status: true } },
      },
    });
    for (const person of persons) {
      const statuses = person.prosecution.map((e) => e.status);
      for (let i = 1; i < statuses.length; i++) expect(isAllowedTransition(statuses[i - 1]!, statuses[i]!)).toBe(true);
      expect(statuses.at(-1)).toBe(person.prosecutionStatus);
    }
  });

  it("program capacity is respected", async () => {
    const programs = await db.program.findMany({
      select: { capacity: true, _count: { select: { enrollments: { where: { status: "ENROLLED" } } } } },
    });
    for (const p of programs) expect(p._count.enrollments).toBeLessThanOrEqual(p.capacity);
  });

  it("each demo account exists with its role, and the caseworker has cases while colleagues share the region", async () => {
    for (const account of DEMO_ACCOUNTS)
      expect(await db.user.findUnique({ where: { email: account.email }, select: { role: true } })).toEqual({ role: account.role });
    const caseworker = await db.user.findUniqueOrThrow({
      where: { email: "caseworker@example.org" },
      select: { id: true, regions: { select: { regionId: true } } },
    });
    expect(await db.person.count({ where: { caseworkerId: caseworker.id } })).toBeGreaterThanOrEqual(30);
    const region = caseworker.regions[0]?.regionId ?? "";
    expect(await db.person.count({ where: { regionId: region, caseworkerId: { not: caseworker.id } } })).toBeGreaterThan(0);
  });

  it("every case's history is an unbroken hash chain", async () => {
    const events = await db.auditEvent.findMany({ orderBy: [{ chain: "asc" }, { seq: "asc" }] });
    let previous: (typeof events)[number] | undefined;
    for (const e of events) {
      const expectedPrev = previous && previous.chain === e.chain ? previous.hash : null;
      expect(e.prevHash).toBe(expectedPrev);
      const recomputed = hashEvent(toHashedEvent(e));
      expect(recomputed).toBe(e.hash);
      previous = e;
    }
  });
});

describe("the demo data are deterministic", () => {
  it("planning twice gives identical data", () => {
    const plan = () => {
      const random = new Random(20190105);
      const people = planPeople(random);
      return createHash("sha256")
        .update(JSON.stringify({ people, programs: planPrograms(random, people.persons) }))
        .digest("hex");
    };
    expect(plan()).toBe(plan());
  });

  it("does not touch the run's shared test database", async () => {
    expect(await getDb().user.count({ where: { email: "admin@example.org" } })).toBe(0);
  });
});
