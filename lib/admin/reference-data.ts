import "server-only";
import { getDb, type Tx } from "../db/client";
import type { ReasonKind } from "../db/generated/enums";
import type { JsonValue } from "../audit/canonical-json";
import { changedFields } from "../audit/changed-fields";
import { auditActorOf, recordAuditEvent } from "../audit/record-event";
import type { CurrentUser } from "../auth/current-user";
import { DomainError, notFound } from "../errors/domain-error";
import { FieldProblems } from "../errors/field-problems";
import { PLACE_TAKING_STATUSES } from "../lifecycles/enrollment";
import { placesTaken } from "../programs/places-taken";
import type { ProgramInput, ProgramTypeInput, ReasonInput, RegionInput } from "../validation/reference-data";
import { requireAdministrator } from "./require-administrator";

/** Labels as the administration screens edit them: one per language. */
type Labelled = { labelEn: string; labelRu: string; labelKk: string };

export type AdminProgramType = Labelled & { code: string; sortOrder: number; active: boolean; version: number };
export type AdminReason = Labelled & { id: string; kind: ReasonKind; code: string; sortOrder: number; active: boolean; version: number };
export type AdminProgram = {
  id: string;
  name: string;
  provider: string;
  programTypeCode: string;
  regionId: string;
  capacity: number;
  enrolled: number;
  active: boolean;
  version: number;
};

/**
 * Creates or edits one entry of the reference data with its audit event. Entries are never
 * deleted, only deactivated: cases and enrollments keep pointing at them.
 */
async function saveEntry<Row extends Record<string, JsonValue>>(
  user: CurrentUser,
  entityType: string,
  input: { version?: number },
  steps: {
    load: (tx: Tx) => Promise<(Row & { id: string; version: number }) | null>;
    after: Row;
    create: (tx: Tx) => Promise<{ id: string }>;
    update: (tx: Tx, version: number) => Promise<number>;
    check?: (tx: Tx, current: Row | null) => Promise<void>;
  },
): Promise<{ id: string }> {
  await requireAdministrator(user, { entityType, entityId: null });
  return getDb().$transaction(async (tx) => {
    const current = await steps.load(tx);
    await steps.check?.(tx, current);
    if (!current) {
      const created = await steps.create(tx);
      await recordAuditEvent(tx, {
        actor: auditActorOf(user),
        action: `${entityType}.created`,
        entityType,
        entityId: created.id,
        after: steps.after,
      });
      return created;
    }
    if (input.version !== current.version) throw new DomainError("conflict", "stale");
    const { id, version, ...stored } = current;
    const diff = changedFields(stored, steps.after);
    if (diff.changed.length === 0) return { id };
    if ((await steps.update(tx, version)) !== 1) throw new DomainError("conflict", "stale");
    await recordAuditEvent(tx, {
      actor: auditActorOf(user),
      action: `${entityType}.updated`,
      entityType,
      entityId: id,
      before: diff.before,
      after: diff.after,
    });
    return { id };
  });
}

const existingOrNotFound = <T>(id: string | undefined, row: T | null): T | null => {
  if (id && !row) throw notFound();
  return row;
};

export async function saveRegion(user: CurrentUser, input: RegionInput) {
  const after = {
    code: input.code,
    kind: input.kind,
    nameEn: input.labelEn,
    nameRu: input.labelRu,
    nameKk: input.labelKk,
    active: input.active,
  };
  return saveEntry(user, "region", input, {
    after,
    load: async (tx) =>
      existingOrNotFound(
        input.id,
        input.id
          ? await tx.region.findUnique({
              where: { id: input.id },
              select: { id: true, version: true, code: true, kind: true, nameEn: true, nameRu: true, nameKk: true, active: true },
            })
          : null,
      ),
    check: async (tx) => {
      if (await tx.region.findFirst({ where: { code: input.code, ...(input.id ? { id: { not: input.id } } : {}) }, select: { id: true } }))
        throw new FieldProblems([{ field: "code", message: "codeTaken" }]);
    },
    create: (tx) => tx.region.create({ data: after, select: { id: true } }),
    update: async (tx, version) =>
      (await tx.region.updateMany({ where: { id: input.id, version }, data: { ...after, version: { increment: 1 } } })).count,
  });
}

export async function listProgramTypesForAdmin(user: CurrentUser): Promise<AdminProgramType[]> {
  await requireAdministrator(user, { entityType: "program_type", entityId: null });
  return getDb().programType.findMany({
    orderBy: [{ sortOrder: "asc" }, { code: "asc" }],
    select: { code: true, labelEn: true, labelRu: true, labelKk: true, sortOrder: true, active: true, version: true },
  });
}

export async function saveProgramType(user: CurrentUser, input: ProgramTypeInput) {
  const after = {
    labelEn: input.labelEn,
    labelRu: input.labelRu,
    labelKk: input.labelKk,
    sortOrder: input.sortOrder,
    active: input.active,
  };
  // A program type's id is its code; an edit is a save with the version shown, a new one has none.
  return saveEntry(user, "program_type", input, {
    after,
    load: async (tx) => {
      const row = await tx.programType.findUnique({
        where: { code: input.code },
        select: { code: true, version: true, labelEn: true, labelRu: true, labelKk: true, sortOrder: true, active: true },
      });
      if (row && input.version === undefined) throw new FieldProblems([{ field: "code", message: "codeTaken" }]);
      if (!row && input.version !== undefined) throw notFound();
      if (!row) return null;
      const { code, ...rest } = row;
      return { id: code, ...rest };
    },
    create: async (tx) => ({ id: (await tx.programType.create({ data: { code: input.code, ...after }, select: { code: true } })).code }),
    update: async (tx, version) =>
      (await tx.programType.updateMany({ where: { code: input.code, version }, data: { ...after, version: { increment: 1 } } })).count,
  });
}

export async function listReasonsForAdmin(user: CurrentUser): Promise<AdminReason[]> {
  await requireAdministrator(user, { entityType: "reason", entityId: null });
  return getDb().reason.findMany({
    orderBy: [{ kind: "asc" }, { sortOrder: "asc" }, { code: "asc" }],
    select: { id: true, kind: true, code: true, labelEn: true, labelRu: true, labelKk: true, sortOrder: true, active: true, version: true },
  });
}

export async function saveReason(user: CurrentUser, input: ReasonInput) {
  const after = {
    kind: input.kind,
    code: input.code,
    labelEn: input.labelEn,
    labelRu: input.labelRu,
    labelKk: input.labelKk,
    sortOrder: input.sortOrder,
    active: input.active,
  };
  return saveEntry(user, "reason", input, {
    after,
    load: async (tx) =>
      existingOrNotFound(
        input.id,
        input.id
          ? await tx.reason.findUnique({
              where: { id: input.id },
              select: {
                id: true,
                version: true,
                kind: true,
                code: true,
                labelEn: true,
                labelRu: true,
                labelKk: true,
                sortOrder: true,
                active: true,
              },
            })
          : null,
      ),
    check: async (tx) => {
      if (
        await tx.reason.findFirst({
          where: { kind: input.kind, code: input.code, ...(input.id ? { id: { not: input.id } } : {}) },
          select: { id: true },
        })
      )
        throw new FieldProblems([{ field: "code", message: "codeTaken" }]);
    },
    create: (tx) => tx.reason.create({ data: after, select: { id: true } }),
    update: async (tx, version) =>
      (await tx.reason.updateMany({ where: { id: input.id, version }, data: { ...after, version: { increment: 1 } } })).count,
  });
}

export async function listProgramsForAdmin(user: CurrentUser): Promise<AdminProgram[]> {
  await requireAdministrator(user, { entityType: "program", entityId: null });
  const rows = await getDb().program.findMany({
    orderBy: [{ regionId: "asc" }, { programTypeCode: "asc" }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      provider: true,
      programTypeCode: true,
      regionId: true,
      capacity: true,
      active: true,
      version: true,
    },
  });
  const taken = await placesTaken(
    getDb(),
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({ ...row, enrolled: taken.get(row.id) ?? 0 }));
}

/** Capacity may not fall below the people enrolled now: the program row is locked while counting, as enrolment does. */
export async function saveProgram(user: CurrentUser, input: ProgramInput) {
  const after = {
    name: input.name,
    provider: input.provider,
    programTypeCode: input.programTypeCode,
    regionId: input.regionId,
    capacity: input.capacity,
    active: input.active,
  };
  return saveEntry(user, "program", input, {
    after,
    load: async (tx) => {
      if (input.id) await tx.$queryRaw`SELECT id FROM program WHERE id = ${input.id}::uuid FOR UPDATE`;
      return existingOrNotFound(
        input.id,
        input.id
          ? await tx.program.findUnique({
              where: { id: input.id },
              select: {
                id: true,
                version: true,
                name: true,
                provider: true,
                programTypeCode: true,
                regionId: true,
                capacity: true,
                active: true,
              },
            })
          : null,
      );
    },
    check: async (tx) => {
      const problems = [];
      if (!(await tx.programType.findUnique({ where: { code: input.programTypeCode }, select: { code: true } })))
        problems.push({ field: "programTypeCode", message: "required" });
      if (!(await tx.region.findUnique({ where: { id: input.regionId }, select: { id: true } })))
        problems.push({ field: "regionId", message: "required" });
      if (
        input.id &&
        (await tx.enrollment.count({ where: { programId: input.id, status: { in: PLACE_TAKING_STATUSES } } })) > input.capacity
      )
        problems.push({ field: "capacity", message: "belowEnrolled" });
      if (problems.length) throw new FieldProblems(problems);
    },
    create: (tx) => tx.program.create({ data: after, select: { id: true } }),
    update: async (tx, version) =>
      (await tx.program.updateMany({ where: { id: input.id, version }, data: { ...after, version: { increment: 1 } } })).count,
  });
}
