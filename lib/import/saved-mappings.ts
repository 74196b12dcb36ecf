import "server-only";
import type { JsonValue } from "../audit/canonical-json";
import { canonicalJson } from "../audit/canonical-json";
import { recordDenial } from "../audit/record-denial";
import { auditActorOf, recordAuditEvent } from "../audit/record-event";
import type { CurrentUser } from "../auth/current-user";
import { getDb } from "../db/client";
import { DomainError, notFound } from "../errors/domain-error";
import { FieldProblems } from "../errors/field-problems";
import { can, canAtAll } from "../policy/can";
import { reachOf } from "../policy/permissions";
import type { DeleteImportMappingInput, SaveImportMappingInput } from "./mapping-input";
import { ImportMapping } from "./mapping";

/**
 * Mappings saved under a name, one region's each (docs/decisions/024): the supervisors who may
 * import into that region (`import.run` on the region) list, use, change and delete it; nobody
 * else learns it exists. The stored JSON is parsed by `ImportMapping` on every read as on every
 * write: a document that no longer parses is listed as unreadable and never applied.
 */
export type SavedMapping = {
  id: string;
  name: string;
  regionId: string;
  version: number;
  updatedAt: string;
  updatedBy: string;
  /** Null when the stored document no longer parses: it can be deleted or saved over, not applied. */
  mapping: ImportMapping | null;
};

const ENTITY = "import_mapping";

/** The regions whose mappings the user may use: those they may import into. */
function regionsOf(user: CurrentUser): string[] {
  return reachOf(user.role, "import.run") === "regions" ? [...user.regionIds] : [];
}

async function requireImporter(user: CurrentUser, entityId: string | null) {
  if (canAtAll(user, "import.run")) return;
  await recordDenial(user, "import.run", { entityType: ENTITY, entityId });
  throw notFound();
}

const SELECT = {
  id: true,
  name: true,
  regionId: true,
  version: true,
  mapping: true,
  updatedAt: true,
  updatedBy: { select: { name: true } },
} as const;

type Stored = {
  id: string;
  name: string;
  regionId: string;
  version: number;
  mapping: unknown;
  updatedAt: Date;
  updatedBy: { name: string };
};

function savedOf(row: Stored): SavedMapping {
  const parsed = ImportMapping.safeParse(row.mapping);
  return {
    id: row.id,
    name: row.name,
    regionId: row.regionId,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
    updatedBy: row.updatedBy.name,
    mapping: parsed.success ? parsed.data : null,
  };
}

/** Every mapping the user may use, by name. */
export async function listImportMappings(user: CurrentUser): Promise<SavedMapping[]> {
  await requireImporter(user, null);
  const rows = await getDb().importMapping.findMany({
    where: { regionId: { in: regionsOf(user) } },
    orderBy: [{ name: "asc" }, { updatedAt: "desc" }],
    select: SELECT,
  });
  return rows.map(savedOf);
}

/** One mapping by id; one out of reach is not found, exactly as one that does not exist. */
export async function loadImportMapping(user: CurrentUser, id: string): Promise<SavedMapping> {
  await requireImporter(user, id);
  const row = await getDb().importMapping.findFirst({ where: { id, regionId: { in: regionsOf(user) } }, select: SELECT });
  if (!row) {
    await recordDenial(user, "import.run", { entityType: ENTITY, entityId: id });
    throw notFound();
  }
  return savedOf(row);
}

/**
 * A mapping by its name, for the command line's `--mapping NAME`. A name is unique within a
 * region; a supervisor of two regions whose offices both saved one under that name is told it
 * is ambiguous rather than given either.
 */
export async function loadMappingByName(user: CurrentUser, name: string): Promise<ImportMapping> {
  await requireImporter(user, null);
  const rows = await getDb().importMapping.findMany({ where: { name: name.trim(), regionId: { in: regionsOf(user) } }, select: SELECT });
  const [row, other] = rows;
  if (!row) throw notFound();
  if (other) throw new DomainError("invalid", "ambiguousMappingName");
  const saved = savedOf(row);
  if (!saved.mapping) throw new DomainError("invalid", "unreadableMapping");
  return saved.mapping;
}

const takenName = () => new FieldProblems([{ field: "name", message: "nameTaken" }]);
const isUniqueViolation = (error: unknown) => typeof error === "object" && error !== null && "code" in error && error.code === "P2002";

/** Creates a mapping, or saves over one from the version shown; the region is one the user may import into, before and after. */
export async function saveImportMapping(user: CurrentUser, input: SaveImportMappingInput): Promise<{ id: string; version: number }> {
  await requireImporter(user, input.id ?? null);
  // The region is the user's own choice from their regions: another one is a refusal, not a form error.
  if (!can(user, "import.run", { regionId: input.regionId, caseworkerId: null })) {
    await recordDenial(user, "import.run", { entityType: ENTITY, entityId: input.id ?? null });
    throw new DomainError("forbidden", "regionNotYours");
  }
  const after = { name: input.name, regionId: input.regionId, mapping: input.mapping as unknown as JsonValue };
  try {
    return await getDb().$transaction(async (tx) => {
      if (input.id === undefined) {
        const created = await tx.importMapping.create({
          data: { ...after, mapping: input.mapping, createdById: user.id, updatedById: user.id },
          select: { id: true, version: true },
        });
        await recordAuditEvent(tx, {
          actor: auditActorOf(user),
          action: `${ENTITY}.created`,
          entityType: ENTITY,
          entityId: created.id,
          after,
        });
        return created;
      }
      const current = await tx.importMapping.findFirst({
        where: { id: input.id, regionId: { in: regionsOf(user) } },
        select: { name: true, regionId: true, mapping: true, version: true },
      });
      if (!current) throw notFound();
      if (current.version !== input.version) throw new DomainError("conflict", "stale");
      const before = { name: current.name, regionId: current.regionId, mapping: current.mapping as JsonValue };
      // Stored JSON comes back with its keys reordered, so documents are compared in canonical form.
      const changed = (Object.keys(after) as (keyof typeof after)[]).filter(
        (key) => canonicalJson(before[key]) !== canonicalJson(after[key]),
      );
      if (changed.length === 0) return { id: input.id, version: current.version };
      const written = await tx.importMapping.updateMany({
        where: { id: input.id, version: current.version },
        data: { name: input.name, regionId: input.regionId, mapping: input.mapping, updatedById: user.id, version: { increment: 1 } },
      });
      if (written.count !== 1) throw new DomainError("conflict", "stale");
      const pick = (values: typeof before) => Object.fromEntries(changed.map((key) => [key, values[key]]));
      await recordAuditEvent(tx, {
        actor: auditActorOf(user),
        action: `${ENTITY}.updated`,
        entityType: ENTITY,
        entityId: input.id,
        before: pick(before),
        after: pick(after),
      });
      return { id: input.id, version: current.version + 1 };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw takenName();
    throw error;
  }
}

/** Deletes a mapping from the version shown; the audit event keeps what it was. */
export async function deleteImportMapping(user: CurrentUser, input: DeleteImportMappingInput): Promise<{ id: string }> {
  await requireImporter(user, input.id);
  return getDb().$transaction(async (tx) => {
    const current = await tx.importMapping.findFirst({
      where: { id: input.id, regionId: { in: regionsOf(user) } },
      select: { name: true, regionId: true, mapping: true, version: true },
    });
    if (!current) throw notFound();
    if (current.version !== input.version) throw new DomainError("conflict", "stale");
    const deleted = await tx.importMapping.deleteMany({ where: { id: input.id, version: input.version } });
    if (deleted.count !== 1) throw new DomainError("conflict", "stale");
    await recordAuditEvent(tx, {
      actor: auditActorOf(user),
      action: `${ENTITY}.deleted`,
      entityType: ENTITY,
      entityId: input.id,
      before: { name: current.name, regionId: current.regionId, mapping: current.mapping as JsonValue },
    });
    return { id: input.id };
  });
}
