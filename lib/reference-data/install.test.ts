import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../db/client";
import { createFreshDatabase, type FreshDatabase } from "../db/fresh-database";
import { applyMigrations } from "../migrations/migrate";
import { SYSTEM_CHAIN } from "../audit/event-hash";
import { hasActiveAdministrator } from "../admin/create-administrator";
import { TRANSITIONS } from "../prosecution/transitions";
import { DEFAULT_REQUIREMENTS, DEFAULT_SETTINGS, PROGRAM_TYPES, REASONS, RETURN_OPERATIONS } from "./catalog";

// A database of its own: what a fresh installation holds cannot be seen in the run's shared one.
let database: FreshDatabase;
let db: Db;
let firstRun: Awaited<ReturnType<typeof applyMigrations>>;

beforeAll(async () => {
  database = await createFreshDatabase("reference");
  firstRun = await applyMigrations(database.url);
  db = createDb(database.url);
}, 180_000);

afterAll(async () => {
  await db.$disconnect();
  await database.drop();
});

const transitionsInTable = async () =>
  (await db.prosecutionTransition.findMany({ select: { fromStatus: true, toStatus: true, isCorrection: true } }))
    .map((t) => `${t.fromStatus}>${t.toStatus}:${t.isCorrection}`)
    .sort();
const transitionsInCode = () => TRANSITIONS.map((t) => `${t.from}>${t.to}:${t.isCorrection}`).sort();
const systemEvents = () => db.auditEvent.findMany({ where: { chain: SYSTEM_CHAIN }, orderBy: { seq: "asc" } });

describe("a database set up by the migrations alone", () => {
  it("has the 17 regions and 3 cities of republican significance, in three languages", async () => {
    const regions = await db.region.findMany();
    expect(regions).toHaveLength(20);
    expect(
      regions
        .filter((r) => r.kind === "CITY")
        .map((r) => r.code)
        .sort(),
    ).toEqual(["ALMATY_CITY", "ASTANA", "SHYMKENT"]);
    expect(regions.every((r) => r.nameEn && r.nameRu && r.nameKk && r.active)).toBe(true);
    expect(regions.find((r) => r.code === "ULYTAU")).toMatchObject({
      nameEn: "Ulytau Region",
      nameRu: "Улытауская область",
      nameKk: "Ұлытау облысы",
    });
  });

  it("has the return operations, program types, reasons, default requirements and settings", async () => {
    expect((await db.returnOperation.findMany({ orderBy: { sortOrder: "asc" } })).map((o) => o.code)).toEqual(
      RETURN_OPERATIONS.map((o) => o.code),
    );
    expect(
      (await db.programType.findMany({ orderBy: { sortOrder: "asc" } })).map((t) => [t.code, t.labelEn, t.labelRu, t.labelKk]),
    ).toEqual(PROGRAM_TYPES.map((t) => [t.code, t.label.en, t.label.ru, t.label.kk]));
    expect((await db.reason.findMany()).map((r) => `${r.kind}:${r.code}`).sort()).toEqual(REASONS.map((r) => `${r.kind}:${r.code}`).sort());
    expect((await db.programRequirement.findMany()).map((r) => `${r.ageCategory}:${r.programTypeCode}`).sort()).toEqual(
      DEFAULT_REQUIREMENTS.map((r) => `${r.ageCategory}:${r.programTypeCode}`).sort(),
    );
    expect((await db.setting.findMany()).map((s) => [s.key, s.value])).toEqual(DEFAULT_SETTINGS.map((s) => [s.key, s.value]));
  });

  it("allows exactly the prosecution transitions of the code's table", async () => {
    expect(await transitionsInTable()).toEqual(transitionsInCode());
  });

  it("has no person and no account, so the sign-in page tells how to create the first administrator", async () => {
    expect(await db.person.count()).toBe(0);
    expect(await db.user.count()).toBe(0);
    expect(await hasActiveAdministrator(db)).toBe(false);
  });

  it("records the installation as one system event, and db:migrate reports it", async () => {
    const events = await systemEvents();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "reference_data.installed", actorId: null, actorLabel: "system" });
    expect(firstRun.referenceData.some((line) => line.startsWith("regions: ASTANA"))).toBe(true);
  });
});

describe("a later db:migrate", () => {
  it("changes nothing and records nothing when the database is up to date", async () => {
    const before = await systemEvents();
    expect(await applyMigrations(database.url)).toEqual({ applied: [], referenceData: [] });
    expect(await systemEvents()).toHaveLength(before.length);
  });

  it("leaves what an administrator relabelled or deactivated as it is, and adds back only what is missing", async () => {
    await db.region.update({ where: { code: "ASTANA" }, data: { nameEn: "Nur-Sultan", active: false } });
    await db.programType.update({ where: { code: "LEGAL_AID" }, data: { labelRu: "Правовая помощь" } });
    await db.setting.update({ where: { key: "review.waitingTargetDays" }, data: { value: 45 } });
    await db.programRequirement.deleteMany({ where: { programTypeCode: "VOCATIONAL" } });
    await db.region.create({ data: { code: "ADDED_BY_ADMIN", kind: "REGION", nameEn: "Added", nameRu: "Добавлен", nameKk: "Қосылды" } });
    await db.reason.delete({ where: { kind_code: { kind: "DECLINE", code: "DISTANCE" } } });

    const outcome = await applyMigrations(database.url);

    expect(outcome.referenceData).toEqual(["reasons: DECLINE:DISTANCE"]);
    expect(await db.region.findUnique({ where: { code: "ASTANA" } })).toMatchObject({ nameEn: "Nur-Sultan", active: false });
    expect(await db.programType.findUnique({ where: { code: "LEGAL_AID" } })).toMatchObject({ labelRu: "Правовая помощь" });
    expect(await db.setting.findUnique({ where: { key: "review.waitingTargetDays" } })).toMatchObject({ value: 45 });
    expect(await db.programRequirement.count({ where: { programTypeCode: "VOCATIONAL" } })).toBe(0);
    expect(await db.region.count()).toBe(21);
  });

  it("makes the transitions table equal to the code's again: a transition the code dropped goes, one it added comes", async () => {
    const [kept, dropped] = TRANSITIONS;
    if (!kept || !dropped) throw new Error("TRANSITIONS has fewer than two entries");
    // As if, since the last migration, the code had gained `dropped`, lost RELEASED_AFTER_SENTENCE>NOT_APPLICABLE and turned `kept` around.
    await db.prosecutionTransition.delete({ where: { fromStatus_toStatus: { fromStatus: dropped.from, toStatus: dropped.to } } });
    const stale = { fromStatus: "RELEASED_AFTER_SENTENCE" as const, toStatus: "NOT_APPLICABLE" as const };
    expect(TRANSITIONS.some((t) => t.from === stale.fromStatus && t.to === stale.toStatus)).toBe(false);
    await db.prosecutionTransition.create({ data: { ...stale, isCorrection: false } });
    await db.prosecutionTransition.update({
      where: { fromStatus_toStatus: { fromStatus: kept.from, toStatus: kept.to } },
      data: { isCorrection: !kept.isCorrection },
    });
    const before = await systemEvents();

    const outcome = await applyMigrations(database.url);

    expect(await transitionsInTable()).toEqual(transitionsInCode());
    expect(outcome.referenceData).toEqual([
      `transitionsAdded: ${dropped.from}>${dropped.to}`,
      "transitionsRemoved: RELEASED_AFTER_SENTENCE>NOT_APPLICABLE",
      expect.stringMatching(new RegExp(`^transitionsChanged: ${kept.from}>${kept.to}`)),
    ]);
    const events = await systemEvents();
    expect(events).toHaveLength(before.length + 1);
    expect(events.at(-1)).toMatchObject({ action: "reference_data.installed" });
  });
});
