import { createHash, randomInt, randomUUID } from "node:crypto";
import ExcelJS from "exceljs";
import type { PrismaClient } from "../lib/db/generated/client";
import { isoDayOf } from "../lib/calendar/calendar-day";

/**
 * Every server action and route handler of the build, and who may use it. The spec
 * e2e/entry-points.spec.ts fails when the build has an entry point missing here, so a new
 * action cannot ship without its row.
 */
export type Caller =
  "caseworker" | "colleague" | "caseworkerElsewhere" | "supervisor" | "supervisorElsewhere" | "auditor" | "administrator";
export const CALLERS: Record<Caller, string> = {
  caseworker: "caseworker@example.org",
  colleague: "caseworker2@example.org",
  caseworkerElsewhere: "caseworker3@example.org",
  supervisor: "supervisor@example.org",
  supervisorElsewhere: "entry-points-supervisor@example.org",
  auditor: "auditor@example.org",
  administrator: "admin@example.org",
};

/** Records made for this spec alone, so that its positive controls disturb no other spec. */
export type Fixtures = {
  caseId: string;
  caseNumber: string;
  otherCaseNumber: string;
  regionId: string;
  operationCode: string;
  programId: string;
  enrollmentId: string;
  nextStatus: string;
  targetUserId: string;
};

type Reply = { form: Record<string, string> } | { args: unknown[] };

export type EntryPoint = {
  /** Callers for whom the action must work on the fixture (the positive control is the first). */
  allowed: Caller[];
  /** Callers who must be refused, changing nothing but the audit log's record of the denial. */
  refused: Caller[];
  /** The arguments of a call that would succeed for an allowed caller. */
  reply: (fx: Fixtures, db: PrismaClient) => Promise<Reply>;
  /** Why an action needs no session, if it does not. */
  public?: string;
  /**
   * A lookup rather than a change: its positive control is an answer that names the fixture case,
   * and it refuses a caller out of scope by running and revealing nothing of the case, recorded
   * as this audit action.
   */
  lookup?: { audited: string };
  /** Refused callers who may nonetheless read the case, so its number may appear in the refusal. */
  mayReadCase?: Caller[];
  /** Puts back what the positive control changed, where the specs that run after depend on it. */
  restore?: (db: PrismaClient, fx: Fixtures) => Promise<void>;
};

const today = () => new Date().toISOString().slice(0, 10);
const version = async (read: () => Promise<{ version: number }>) => String((await read()).version);
const caseVersion = (fx: Fixtures, db: PrismaClient) =>
  version(() => db.person.findUniqueOrThrow({ where: { id: fx.caseId }, select: { version: true } }));
const SECOND_FACTOR = "auth.secondFactorRequiredRoles";
const WAITING_TARGET = "review.waitingTargetDays";
const CONFIRMATION = "fourEyes.confirmation";
const TASK_RULES = "tasks.rules";
const settingVersionOf = async (db: PrismaClient, key: string) =>
  String((await db.setting.findUnique({ where: { key }, select: { version: true } }))?.version ?? 0);
const userVersion = (fx: Fixtures, db: PrismaClient) =>
  version(() => db.user.findUniqueOrThrow({ where: { id: fx.targetUserId }, select: { version: true } }));

// Case actions: the owner and the region's supervisor may; everyone else is refused, including
// a colleague in the same region and a supervisor of another region.
const CASE_EDITORS: Pick<EntryPoint, "allowed" | "refused"> = {
  allowed: ["caseworker", "supervisor"],
  refused: ["colleague", "caseworkerElsewhere", "supervisorElsewhere", "auditor", "administrator"],
};
// A decision on a held change: only a supervisor of the case's region who did not request it.
const CONFIRMERS: Pick<EntryPoint, "allowed" | "refused"> = {
  allowed: ["supervisor"],
  refused: ["caseworker", "colleague", "caseworkerElsewhere", "supervisorElsewhere", "auditor", "administrator"],
};

/**
 * A completed enrollment of the fixture case made for one call, since each enrollment has one
 * follow-up per month and every allowed caller's call must succeed.
 */
async function completedEnrollment(fx: Fixtures, db: PrismaClient): Promise<string> {
  const day = new Date(`${today()}T00:00:00Z`);
  const enrollment = await db.enrollment.create({
    data: { personId: fx.caseId, programId: fx.programId, status: "COMPLETED", referredOn: day, enrolledOn: day, completedOn: day },
    select: { id: true },
  });
  return enrollment.id;
}

/**
 * The fixture case's pending closure, requested by its caseworker against the case as it is now:
 * the one made by an earlier call if still pending (a case has one pending request of a kind), or a new one.
 */
async function pendingClosure(fx: Fixtures, db: PrismaClient): Promise<{ requestId: string; version: string }> {
  const [person, caseworker] = await Promise.all([
    db.person.findUniqueOrThrow({ where: { id: fx.caseId }, select: { version: true, caseStatus: true } }),
    db.user.findUniqueOrThrow({ where: { email: CALLERS.caseworker }, select: { id: true } }),
  ]);
  const change = { baseVersion: person.version, payload: { from: person.caseStatus, caseStatus: "CLOSED" } };
  const pending = await db.changeRequest.findFirst({ where: { personId: fx.caseId, kind: "CASE_STATUS", state: "PENDING" } });
  const request = pending
    ? await db.changeRequest.update({ where: { id: pending.id }, data: change, select: { id: true, version: true } })
    : await db.changeRequest.create({
        data: { ...change, personId: fx.caseId, kind: "CASE_STATUS", reason: "Entry-point check", requestedById: caseworker.id },
        select: { id: true, version: true },
      });
  return { requestId: request.id, version: String(request.version) };
}

/** A confirmed closure would leave the fixture case closed for the specs that follow. */
const reopen = async (db: PrismaClient, fx: Fixtures) => {
  await db.person.update({ where: { id: fx.caseId }, data: { caseStatus: "OPEN" } });
};

// A decision on a transfer: only a supervisor of the receiving region (Astana, the elsewhere supervisor's).
const RECEIVERS: Pick<EntryPoint, "allowed" | "refused"> = {
  allowed: ["supervisorElsewhere"],
  refused: ["caseworker", "colleague", "caseworkerElsewhere", "supervisor", "auditor", "administrator"],
};

/**
 * A pending transfer to Astana requested by the caseworker: of the fixture case (its earlier
 * pending one cleared first, as a case has one pending transfer), or of a case made for this call
 * alone where accepting it would move the fixture case away from the specs that follow.
 */
async function pendingTransfer(fx: Fixtures, db: PrismaClient, ofFixture: boolean): Promise<{ groupId: string; caseId: string }> {
  const [caseworker, astana] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { email: CALLERS.caseworker }, select: { id: true } }),
    db.region.findUniqueOrThrow({ where: { code: "ASTANA" }, select: { id: true } }),
  ]);
  const caseId = ofFixture ? fx.caseId : await freshCase(fx, db, caseworker.id);
  await clearTransfers(db, fx);
  const person = await db.person.findUniqueOrThrow({ where: { id: caseId }, select: { version: true } });
  const groupId = randomUUID();
  await db.changeRequest.create({
    data: {
      personId: caseId,
      kind: "TRANSFER",
      payload: { fromRegionId: fx.regionId, toRegionId: astana.id, basis: "RELOCATION", basisText: "", effectiveDate: today() },
      baseVersion: person.version,
      reason: "",
      requestedById: caseworker.id,
      toRegionId: astana.id,
      groupId,
    },
  });
  return { groupId, caseId };
}

async function freshCase(fx: Fixtures, db: PrismaClient, caseworkerId: string): Promise<string> {
  const created = await db.person.create({
    data: {
      caseNumber: `KZ-2018-8${String(randomInt(0, 99999)).padStart(5, "0")}`,
      familyName: "Точкапереводов",
      givenName: "Тест",
      familyNameLatin: "Tochkaperevodov",
      givenNameLatin: "Test",
      searchName: "tochkaperevodov test",
      sex: "MALE",
      birthDate: new Date("1990-01-01"),
      regionId: fx.regionId,
      returnDate: new Date("2019-05-07"),
      returnOperationCode: fx.operationCode,
      returnedFrom: "SY",
      ageCategory: "ADULT_MAN",
      caseworkerId,
    },
    select: { id: true },
  });
  return created.id;
}

/** The fixture case's transfers, made by a positive control, would block the next request on it. */
const clearTransfers = async (db: PrismaClient, fx: Fixtures) => {
  await db.changeRequest.deleteMany({ where: { personId: fx.caseId, kind: "TRANSFER" } });
};

const astanaCaseworker = async (db: PrismaClient) =>
  (await db.user.findUniqueOrThrow({ where: { email: "caseworker6@example.org" }, select: { id: true } })).id;

const ADMINISTRATION: Pick<EntryPoint, "allowed" | "refused"> = {
  allowed: ["administrator"],
  refused: ["caseworker", "supervisor", "auditor"],
};

/**
 * A previewed batch of the fixture's region, by the supervisor: a workbook whose persons sheet
 * has its header row and no person, so committing it changes the batch and writes no case.
 */
async function previewedBatch(fx: Fixtures, db: PrismaClient): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet("Persons").addRow(["Family name", "Given name"]);
  const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
  const supervisor = await db.user.findUniqueOrThrow({ where: { email: CALLERS.supervisor }, select: { id: true } });
  const batch = await db.importBatch.create({
    data: {
      createdById: supervisor.id,
      fileName: "entry-points.xlsx",
      fileSha256: createHash("sha256").update(bytes).digest("hex"),
      fileSize: bytes.byteLength,
      fileBytes: bytes,
      sheet: "Persons",
      columns: { familyName: 1, givenName: 2 },
      regionIds: [fx.regionId],
      preview: { counts: { rows: 0, ready: 0, withProblems: 0, possibleDuplicates: 0 }, columns: [], rows: [] },
      rows: 0,
    },
    select: { id: true },
  });
  return batch.id;
}

// Saved import mappings belong to a region: its supervisors may save and delete them; a supervisor
// of another region, and every role that may not import, is refused.
const MAPPING_EDITORS: Pick<EntryPoint, "allowed" | "refused"> = {
  allowed: ["supervisor"],
  refused: ["caseworker", "supervisorElsewhere", "auditor", "administrator"],
};
/** The mappings this spec saved, so the import page other specs look at lists none of them. */
const forgetMappings = async (db: PrismaClient) => {
  await db.importMapping.deleteMany({ where: { name: { startsWith: "Entry-point mapping" } } });
};
const ENTRY_MAPPING = JSON.stringify({
  format: 1,
  sheets: { persons: { columns: [{ column: 1, header: "ФИО", field: "fullName" }], values: {} } },
});

export const ENTRY_POINTS: Record<string, EntryPoint> = {
  "app/(app)/import/batches/[batchId]/actions.ts#commitImportAction": {
    // Supervisors of every region the batch touches; auditors read batches but never commit.
    allowed: ["supervisor"],
    refused: ["caseworker", "colleague", "caseworkerElsewhere", "supervisorElsewhere", "auditor", "administrator"],
    reply: async (fx, db) => ({
      form: { batchId: await previewedBatch(fx, db), reason: "Entry-point check", aliasType: "TRANSLITERATION" },
    }),
  },
  "app/actions.ts#setLocaleAction": {
    public: "sets the display language cookie of the browser; grants and reads nothing",
    allowed: [],
    refused: [],
    reply: async () => ({ args: [formOf({ locale: "ru" })] }),
  },
  "app/actions.ts#signOutAction": {
    public: "ends the caller's own session, if any",
    allowed: [],
    refused: [],
    reply: async () => ({ args: [] }),
  },
  "app/(app)/cases/actions.ts#searchCasesAction": {
    allowed: ["caseworker", "supervisor", "auditor"],
    // Refused by scope: the search runs and finds nothing of this case.
    refused: ["colleague", "caseworkerElsewhere", "supervisorElsewhere", "administrator"],
    lookup: { audited: "case.searched" },
    reply: async (fx) => ({ args: [{ q: fx.caseNumber, sort: "caseNumber" }] }),
  },
  "app/(app)/cases/new/actions.ts#createCaseAction": {
    allowed: ["caseworker", "supervisor"],
    refused: ["caseworkerElsewhere", "supervisorElsewhere", "auditor", "administrator"],
    reply: async (fx) => ({
      form: {
        familyName: "Точкавходова",
        givenName: `Проверка${randomInt(1000, 9999)}`,
        sex: "FEMALE",
        birthDate: "1991-02-03",
        regionId: fx.regionId,
        returnDate: "2019-05-07",
        returnOperationCode: fx.operationCode,
        returnedFrom: "SY",
        confirmNotDuplicate: "on",
      },
    }),
  },
  "app/(app)/cases/new/actions.ts#checkDuplicatesAction": {
    allowed: ["caseworker", "supervisor"],
    // Those who may register elsewhere are refused by scope: the check runs and names only the
    // fixture's region. The auditor and the administrator may not check at all.
    refused: ["colleague", "caseworkerElsewhere", "supervisorElsewhere", "auditor", "administrator"],
    lookup: { audited: "case.duplicates_checked" },
    reply: async () => ({ args: [{ familyName: "Точкавходов", givenName: "Target", birthDate: "1990-01-01", iin: "" }] }),
  },
  "app/(app)/cases/[caseId]/actions.ts#changeProsecutionStatusAction": {
    ...CASE_EDITORS,
    reply: async (fx, db) => ({
      form: {
        caseId: fx.caseId,
        version: await caseVersion(fx, db),
        status: fx.nextStatus,
        effectiveDate: today(),
        reason: "Entry-point check",
      },
    }),
  },
  "app/(app)/cases/[caseId]/actions.ts#referToProgramAction": {
    ...CASE_EDITORS,
    reply: async (fx) => ({ form: { caseId: fx.caseId, programId: fx.programId, date: today() } }),
  },
  "app/(app)/cases/[caseId]/actions.ts#advanceEnrollmentAction": {
    ...CASE_EDITORS,
    reply: async (fx, db) => ({
      form: {
        enrollmentId: fx.enrollmentId,
        version: await version(() => db.enrollment.findUniqueOrThrow({ where: { id: fx.enrollmentId }, select: { version: true } })),
        step: "enrol",
        date: today(),
      },
    }),
  },
  "app/(app)/cases/[caseId]/actions.ts#addNoteAction": {
    ...CASE_EDITORS,
    reply: async (fx) => ({ form: { caseId: fx.caseId, body: "Entry-point check note" } }),
  },
  "app/(app)/cases/[caseId]/actions.ts#recordCaseReviewAction": {
    ...CASE_EDITORS,
    reply: async (fx, db) => ({
      form: {
        caseId: fx.caseId,
        version: await caseVersion(fx, db),
        // The staff's "today" is Kazakhstan's: a UTC day could fall before a case registered this evening there.
        reviewedOn: isoDayOf(new Date()),
        riskLevel: "MEDIUM",
        note: "Entry-point check review",
      },
    }),
  },
  "app/(app)/cases/[caseId]/actions.ts#updatePersonAction": {
    ...CASE_EDITORS,
    reply: async (fx, db) => ({
      form: {
        caseId: fx.caseId,
        version: await caseVersion(fx, db),
        familyName: "Точкавходов",
        givenName: `Иван${randomInt(1000, 9999)}`,
        sex: "MALE",
        birthDate: "1990-01-01",
        citizenship: "KZ",
        caseStatus: "OPEN",
        riskLevel: "HIGH",
      },
    }),
  },
  "app/(app)/cases/[caseId]/actions.ts#recordFollowUpAction": {
    ...CASE_EDITORS,
    reply: async (fx, db) => ({
      form: {
        caseId: fx.caseId,
        version: await caseVersion(fx, db),
        enrollmentId: await completedEnrollment(fx, db),
        afterMonths: "6",
        followedUpOn: isoDayOf(new Date()),
        outcome: "STABLE",
        note: "Entry-point check follow-up",
      },
    }),
  },
  "app/(app)/cases/[caseId]/actions.ts#recordRequirementsReviewAction": {
    // The supervisors of the case's region only: its caseworker and the auditor read the case but are refused.
    allowed: ["supervisor"],
    refused: ["caseworker", "colleague", "caseworkerElsewhere", "supervisorElsewhere", "auditor", "administrator"],
    reply: async (fx, db) => ({
      form: {
        caseId: fx.caseId,
        version: await caseVersion(fx, db),
        reviewedOn: isoDayOf(new Date()),
        note: "Entry-point check review of required programs",
      },
    }),
  },
  "app/(app)/cases/[caseId]/actions.ts#withdrawChangeRequestAction": {
    // Only the requester (the caseworker); the region's supervisor may read the case but is refused.
    allowed: ["caseworker"],
    refused: ["colleague", "caseworkerElsewhere", "supervisor", "supervisorElsewhere", "auditor", "administrator"],
    reply: async (fx, db) => ({ form: { caseId: fx.caseId, ...(await pendingClosure(fx, db)) } }),
  },
  "app/(app)/cases/[caseId]/actions.ts#requestTransferAction": {
    ...CASE_EDITORS,
    reply: async (fx, db) => {
      await clearTransfers(db, fx);
      const astana = await db.region.findUniqueOrThrow({ where: { code: "ASTANA" }, select: { id: true } });
      return {
        form: { caseId: fx.caseId, version: await caseVersion(fx, db), toRegionId: astana.id, basis: "RELOCATION", effectiveDate: today() },
      };
    },
    restore: clearTransfers,
  },
  "app/(app)/cases/[caseId]/actions.ts#withdrawTransferAction": {
    // Only the requester (the caseworker); the region's supervisor may read the case but is refused.
    allowed: ["caseworker"],
    refused: ["colleague", "caseworkerElsewhere", "supervisor", "supervisorElsewhere", "auditor", "administrator"],
    reply: async (fx, db) => ({ form: await pendingTransfer(fx, db, true) }),
    restore: clearTransfers,
  },
  "app/(app)/cases/[caseId]/actions.ts#addHouseholdMemberAction": {
    ...CASE_EDITORS,
    reply: async (fx) => ({ form: { caseId: fx.caseId, ownRole: "MOTHER", otherCaseNumber: fx.otherCaseNumber, otherRole: "CHILD" } }),
  },
  "app/(app)/cases/[caseId]/actions.ts#saveAliasAction": {
    ...CASE_EDITORS,
    reply: async (fx) => ({ form: { caseId: fx.caseId, value: "Умм Тест", type: "KUNYA", source: "entry-point check" } }),
  },
  "app/(app)/cases/[caseId]/actions.ts#removeAliasAction": {
    ...CASE_EDITORS,
    // The alias belongs to the target case: it decides the scope, whatever case the form names.
    reply: async (fx, db) => {
      const alias = await db.alias.create({
        data: {
          personId: fx.caseId,
          value: `Removable ${randomInt(1e9)}`,
          type: "NICKNAME",
          script: "LATIN",
          source: "test",
          searchName: "removable",
        },
        select: { id: true, version: true },
      });
      return { form: { caseId: fx.caseId, aliasId: alias.id, version: String(alias.version), reason: "Entry-point check", confirm: "on" } };
    },
  },
  "app/(app)/cases/[caseId]/actions.ts#removeHouseholdMemberAction": {
    ...CASE_EDITORS,
    reply: async (fx, db) => {
      const other = await db.person.findUniqueOrThrow({ where: { caseNumber: fx.otherCaseNumber }, select: { id: true } });
      // Linked afresh for each call, so every positive control has a member to remove.
      const household =
        (await db.householdMember.findFirst({ where: { personId: fx.caseId }, select: { householdId: true } }))?.householdId ??
        (
          await db.household.create({
            data: { label: "entry points", members: { create: { personId: fx.caseId, relationship: "MOTHER" } } },
            select: { id: true },
          })
        ).id;
      await db.householdMember.upsert({
        where: { householdId_personId: { householdId: household, personId: other.id } },
        update: {},
        create: { householdId: household, personId: other.id, relationship: "CHILD" },
      });
      return { form: { caseId: fx.caseId, memberId: other.id, reason: "Entry-point check", confirm: "on" } };
    },
  },
  "app/(app)/account/password/actions.ts#changeOwnPasswordAction": {
    // Acts only on the caller's own account, which the session names; a form cannot name another.
    allowed: [],
    refused: [],
    reply: async () => ({
      form: { currentPassword: "zhusan-demo-2026", newPassword: "an entry point passphrase", confirmPassword: "an entry point passphrase" },
    }),
  },
  // The second-factor actions act only on the caller's own account, named by the session.
  "app/(auth)/login/code/actions.ts#secondFactorAction": {
    // Served only to a session whose password was accepted and whose code is owed; none of the callers has one.
    allowed: [],
    refused: [],
    reply: async () => ({ form: { code: "123456" } }),
  },
  "app/(app)/account/security/actions.ts#startEnrolmentAction": {
    allowed: [],
    refused: [],
    reply: async () => ({ form: {} }),
  },
  "app/(app)/account/security/actions.ts#confirmEnrolmentAction": {
    allowed: [],
    refused: [],
    reply: async () => ({ form: { code: "123456" } }),
  },
  "app/(app)/account/security/actions.ts#renewRecoveryCodesAction": {
    allowed: [],
    refused: [],
    reply: async () => ({ form: { code: "123456" } }),
  },
  "app/(app)/account/security/actions.ts#disableSecondFactorAction": {
    allowed: [],
    refused: [],
    reply: async () => ({ form: { currentPassword: "zhusan-demo-2026" } }),
  },
  "app/(app)/admin/actions.ts#saveSecondFactorRolesAction": {
    ...ADMINISTRATION,
    // A save that changes nothing writes nothing, so the control asks for one role more, and the
    // setting is put back at once: the browser specs sign in without a second factor.
    reply: async (_fx, db) => ({
      form: { version: await settingVersionOf(db, SECOND_FACTOR), roles: "AUDITOR", reason: "Entry-point check" },
    }),
    restore: async (db) => {
      await db.setting.updateMany({ where: { key: SECOND_FACTOR }, data: { value: [], version: { increment: 1 } } });
    },
  },
  "app/(app)/audit/actions.ts#verifyLogAction": {
    // Only those who may read every chain; the result row it writes is part of the fingerprint.
    allowed: ["auditor"],
    refused: ["caseworker", "supervisor", "administrator"],
    reply: async () => ({ form: {} }),
  },
  "app/(app)/admin/actions.ts#saveReviewSettingsAction": {
    ...ADMINISTRATION,
    // The configuration as it stands with a target one day longer (a save that changes nothing
    // writes nothing); the target is put back at once for the review queue's specs.
    reply: async (_fx, db) => ({
      form: {
        version: await settingVersionOf(db, WAITING_TARGET),
        targetDays: "31",
        required: (await db.programRequirement.findMany()).map((r) => `${r.ageCategory}:${r.programTypeCode}`).join(","),
        reason: "Entry-point check",
      },
    }),
    restore: async (db) => {
      await db.setting.updateMany({ where: { key: WAITING_TARGET }, data: { value: 30, version: { increment: 1 } } });
    },
  },
  "app/(app)/admin/actions.ts#saveConfirmationSettingsAction": {
    ...ADMINISTRATION,
    // The defaults less one status, so the save changes something; the defaults come back at once
    // for the specs that expect a conviction to wait for a second person.
    reply: async (_fx, db) => ({
      form: {
        version: await settingVersionOf(db, CONFIRMATION),
        prosecutionStatuses: "CONVICTED,ACQUITTED,PROCEEDINGS_DROPPED",
        corrections: "on",
        caseStatuses: "CLOSED,DECEASED,LEFT_COUNTRY",
        reason: "Entry-point check",
      },
    }),
    restore: async (db) => {
      await db.setting.deleteMany({ where: { key: CONFIRMATION } });
    },
  },
  "app/(app)/admin/actions.ts#saveTaskRulesAction": {
    ...ADMINISTRATION,
    // The defaults with the coming-of-age review a day earlier, a rule no stored task of the other
    // specs follows, so the save changes something that the recomputation it asks for leaves alone;
    // the setting is removed at once, which puts the defaults back.
    reply: async (_fx, db) => ({
      form: {
        version: await settingVersionOf(db, TASK_RULES),
        caseReviewHIGH: "30",
        caseReviewMEDIUM: "90",
        caseReviewLOW: "180",
        caseReviewUNASSESSED: "180",
        followUpMonths: "6, 12",
        referralWaitingDays: "21",
        comingOfAgeDaysBefore: "31",
        queueTarget: "on",
        reason: "Entry-point check",
      },
    }),
    restore: async (db) => {
      await db.setting.deleteMany({ where: { key: TASK_RULES } });
    },
  },
  "app/(app)/review/actions.ts#confirmChangeRequestAction": {
    ...CONFIRMERS,
    reply: async (fx, db) => ({ form: { ...(await pendingClosure(fx, db)), comment: "Entry-point check" } }),
    restore: reopen,
  },
  "app/(app)/review/actions.ts#rejectChangeRequestAction": {
    ...CONFIRMERS,
    reply: async (fx, db) => ({ form: { ...(await pendingClosure(fx, db)), comment: "Entry-point check" } }),
  },
  "app/(app)/review/actions.ts#acceptTransferAction": {
    ...RECEIVERS,
    reply: async (fx, db) => {
      const { groupId } = await pendingTransfer(fx, db, false);
      return { form: { groupId, caseworkerId: await astanaCaseworker(db), comment: "Entry-point check" } };
    },
  },
  "app/(app)/review/actions.ts#rejectTransferAction": {
    ...RECEIVERS,
    reply: async (fx, db) => ({ form: { groupId: (await pendingTransfer(fx, db, false)).groupId, comment: "Entry-point check" } }),
  },
  "app/(app)/review/actions.ts#bulkReviewAction": {
    // Acting on the fixture's case: its region's supervisor may; everyone else is refused for that person.
    allowed: ["supervisor"],
    refused: ["caseworker", "colleague", "caseworkerElsewhere", "supervisorElsewhere", "auditor", "administrator"],
    // The summary names the case to those who may see it in the queue: its own caseworker and the auditor.
    mayReadCase: ["caseworker", "auditor"],
    reply: async (fx, db) => ({
      form: {
        operation: "assign",
        caseworkerId: (await db.user.findUniqueOrThrow({ where: { email: CALLERS.colleague }, select: { id: true } })).id,
        selected: `${fx.caseId}:${await caseVersion(fx, db)}`,
      },
    }),
  },
  "app/(app)/admin/actions.ts#createUserAction": {
    ...ADMINISTRATION,
    reply: async () => ({
      form: {
        name: "Created By Check",
        email: `created-${randomInt(1e9)}@example.org`,
        role: "AUDITOR",
        temporaryPassword: "a temporary entry passphrase",
      },
    }),
  },
  "app/(app)/admin/actions.ts#updateUserAction": {
    ...ADMINISTRATION,
    reply: async (fx, db) => ({
      form: {
        userId: fx.targetUserId,
        version: await userVersion(fx, db),
        name: `Renamed ${randomInt(1e6)}`,
        email: "entry-points-target@example.org",
        role: "AUDITOR",
      },
    }),
  },
  "app/(app)/admin/actions.ts#accountCommandAction": {
    ...ADMINISTRATION,
    reply: async (fx, db) => ({
      form: { userId: fx.targetUserId, version: await userVersion(fx, db), command: "requirePasswordChange", reason: "Entry-point check" },
    }),
  },
  "app/(app)/admin/actions.ts#setTemporaryPasswordAction": {
    ...ADMINISTRATION,
    reply: async (fx, db) => ({
      form: {
        userId: fx.targetUserId,
        version: await userVersion(fx, db),
        temporaryPassword: "another temporary passphrase",
        reason: "Entry-point check",
      },
    }),
  },
  "app/(app)/admin/actions.ts#saveRegionAction": {
    ...ADMINISTRATION,
    reply: async () => ({
      form: {
        code: `CHECK_${randomInt(1e9)}`,
        kind: "REGION",
        labelEn: "Check region",
        labelRu: "Проверка",
        labelKk: "Тексеру",
        active: "on",
      },
    }),
  },
  "app/(app)/admin/actions.ts#saveProgramTypeAction": {
    ...ADMINISTRATION,
    reply: async () => ({
      form: {
        code: `CHECK_${randomInt(1e9)}`,
        labelEn: "Check type",
        labelRu: "Проверка",
        labelKk: "Тексеру",
        sortOrder: "90",
        active: "on",
      },
    }),
  },
  "app/(app)/admin/actions.ts#saveReasonAction": {
    ...ADMINISTRATION,
    reply: async () => ({
      form: {
        kind: "DECLINE",
        code: `CHECK_${randomInt(1e9)}`,
        labelEn: "Check reason",
        labelRu: "Проверка",
        labelKk: "Тексеру",
        sortOrder: "90",
        active: "on",
      },
    }),
  },
  "app/(app)/admin/actions.ts#saveProgramAction": {
    ...ADMINISTRATION,
    reply: async (fx, db) => {
      const program = await db.program.findUniqueOrThrow({ where: { id: fx.programId } });
      return {
        form: {
          id: program.id,
          version: String(program.version),
          name: program.name,
          provider: program.provider,
          programTypeCode: program.programTypeCode,
          regionId: program.regionId,
          capacity: String(program.capacity + 1),
          active: "on",
        },
      };
    },
  },
  "app/(app)/import/actions.ts#saveImportMappingAction": {
    ...MAPPING_EDITORS,
    reply: async (fx) => ({ form: { name: `Entry-point mapping ${randomInt(1e9)}`, regionId: fx.regionId, mapping: ENTRY_MAPPING } }),
    restore: forgetMappings,
  },
  "app/(app)/import/actions.ts#deleteImportMappingAction": {
    ...MAPPING_EDITORS,
    reply: async (fx, db) => {
      const supervisor = await db.user.findUniqueOrThrow({ where: { email: CALLERS.supervisor }, select: { id: true } });
      const mapping = await db.importMapping.create({
        data: {
          name: `Entry-point mapping ${randomInt(1e9)}`,
          regionId: fx.regionId,
          mapping: JSON.parse(ENTRY_MAPPING) as object,
          createdById: supervisor.id,
          updatedById: supervisor.id,
        },
        select: { id: true, version: true },
      });
      return { form: { id: mapping.id, version: String(mapping.version) } };
    },
    restore: forgetMappings,
  },
};

/** Route handlers, and why each is safe to call without the policy deciding. */
export const ROUTE_HANDLERS: Record<string, string> = {
  "/api/auth/[...nextauth]": "next-auth's own endpoints: sign-in (the credentials check itself), CSRF token, session read, sign-out",
  "/api/cases/[caseId]/history": "one case's history export; refusals by session, origin, role and scope in e2e/exports.spec.ts",
  "/api/exports/history": "a set of cases' history export; refusals by session, origin and role, and scope, in e2e/exports.spec.ts",
  "/api/import/template":
    "GET of the import template (no case content, no change); supervisors only, refusals by session, role and language in e2e/import.spec.ts",
  "/api/import/preview":
    "POST of a file (with the person's mapping or a saved mapping's id) for the persons preview (writes only its audit events); supervisors only, refusals by origin, session, role, size and a bad mapping in e2e/import.spec.ts and e2e/import-mapping.spec.ts",
  "/api/import/columns":
    "POST of a file for the mapping step: its columns and unknown values, read against the user's own regions and saved mappings; no case read, nothing written; supervisors only, refusals by origin, session, role and a bad mapping in e2e/import-mapping.spec.ts",
  "/api/import/batches/[batchId]/result":
    "GET of a batch's result workbook (case numbers of the rows it wrote); supervisors of all its regions and auditors, refusals by session, role and scope in e2e/import-commit.spec.ts",
  "/favicon.ico": "the site icon, a static file served to anyone: it holds no data",
  "/api/audit/checkpoint":
    "a signed checkpoint of every chain's head, auditors only; refusals by origin, session and role in e2e/exports.spec.ts",
  "/api/signing-keys":
    "public and read-only by design: GET of the signing keys' public halves and validity periods, so anyone can check a signature; no private key, no database read, no input",
  "/api/health":
    'public by design for load balancers: GET answers {"status":"ok"} while the process is up; no session, no database read, no input',
  "/api/ready":
    "public by design for load balancers: GET answers one word (ready, database or migrations) from a fixed query of the migrations table; no session, no personal data, no input",
};

export function formOf(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  return form;
}

/** A case number for this spec's own records, in a year no real return has. */
export const fixtureCaseNumber = () => `KZ-2099-${String(randomInt(0, 999_999)).padStart(6, "0")}`;
