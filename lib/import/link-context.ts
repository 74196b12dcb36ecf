import "server-only";
import type { CurrentUser } from "../auth/current-user";
import { getDb } from "../db/client";
import { confirmationSettings } from "../four-eyes/confirmation-settings";
import { needsConfirmation } from "../four-eyes/confirmation-rules";
import { PLACE_TAKING_STATUSES } from "../lifecycles/enrollment";
import { caseScopeWhere } from "../policy/case-scope";
import { reachOf } from "../policy/permissions";
import type { ImportReference } from "./choice-options";
import type { FilePerson, LinkContext, RegisteredCase } from "./linked-rows";

/** No case number is longer; a longer key is looked up as nothing. */
const LONGEST_CASE_NUMBER = 40;

/**
 * What the database knows that the other sheets are judged against. A key that is no person of
 * the file is looked up as a case number among the cases the user may edit, so a case out of
 * reach reads exactly as one that does not exist (`unknownKey`): the file learns nothing of it.
 * Programs are those of the regions the user may import into.
 */
export async function loadLinkContext(
  user: CurrentUser,
  reference: ImportReference,
  today: string,
  fileKeys: ReadonlyMap<string, FilePerson>,
  keysNamed: Iterable<string>,
): Promise<LinkContext> {
  const db = getDb();
  // As written, and in capitals as case numbers are printed («kz-2020-000001» names KZ-2020-000001).
  const caseNumbers = [
    ...new Set(
      [...keysNamed].filter((key) => !fileKeys.has(key) && key.length <= LONGEST_CASE_NUMBER).flatMap((key) => [key, key.toUpperCase()]),
    ),
  ];
  const regionIds = reachOf(user.role, "import.run") === "regions" ? [...user.regionIds] : [];
  const [cases, transitions, programs, settings] = await Promise.all([
    caseNumbers.length === 0
      ? []
      : db.person.findMany({
          where: { AND: [{ caseNumber: { in: caseNumbers } }, caseScopeWhere(user, "case.edit")] },
          select: {
            id: true,
            caseNumber: true,
            regionId: true,
            prosecutionStatus: true,
            prosecution: { orderBy: { effectiveDate: "desc" }, take: 1, select: { effectiveDate: true } },
          },
        }),
    db.prosecutionTransition.findMany({ select: { fromStatus: true, toStatus: true, isCorrection: true } }),
    db.program.findMany({
      where: { regionId: { in: regionIds }, active: true },
      select: { id: true, name: true, programTypeCode: true, regionId: true, capacity: true },
    }),
    confirmationSettings(db),
  ]);
  const taken = programs.length
    ? await db.enrollment.groupBy({
        by: ["programId"],
        where: { programId: { in: programs.map((p) => p.id) }, status: { in: PLACE_TAKING_STATUSES } },
        _count: { _all: true },
      })
    : [];
  const takenOf = new Map(taken.map((t) => [t.programId, t._count._all]));
  return {
    today,
    reference,
    fileKeys,
    cases: new Map(
      cases.map((c): [string, RegisteredCase] => [
        c.caseNumber.toUpperCase(),
        {
          caseId: c.id,
          caseNumber: c.caseNumber,
          regionId: c.regionId,
          prosecutionStatus: c.prosecutionStatus,
          lastEntryOn: c.prosecution[0]?.effectiveDate.toISOString().slice(0, 10) ?? null,
        },
      ]),
    ),
    transitions: new Set(transitions.map((t) => `${t.fromStatus}>${t.toStatus}`)),
    heldMoves: new Set(
      transitions
        .filter((t) => needsConfirmation({ kind: "prosecutionStatus", to: t.toStatus, isCorrection: t.isCorrection }, settings))
        .map((t) => `${t.fromStatus}>${t.toStatus}`),
    ),
    programs: programs.map((p) => ({ ...p, taken: takenOf.get(p.id) ?? 0 })),
  };
}
