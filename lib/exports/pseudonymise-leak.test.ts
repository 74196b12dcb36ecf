import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import type { CurrentUser } from "../auth/session-store";
import { addHouseholdMember } from "../cases/add-household-member";
import { addNote } from "../cases/add-note";
import { removeAlias, saveAlias } from "../cases/aliases";
import { assignCaseworker } from "../cases/assign-caseworker";
import { changeProsecutionStatus } from "../cases/change-prosecution-status";
import { createCase } from "../cases/create-case";
import { updatePerson } from "../cases/update-person";
import { confirmChangeRequest } from "../cases/change-requests";
import { ConfirmChangeInput } from "../validation/change-request";
import { advanceEnrollment, referToProgram } from "../programs/enrollments";
import { markNeedNotRequired } from "../programs/needs";
import { TRANSITIONS } from "../prosecution/transitions";
import { ensureOperation, ensureProgramType, makeProgram, makeReason, makeTeam } from "../testing/factories";
import { AddHouseholdMemberInput } from "../validation/household";
import { AliasInput, NewCaseInput, PersonEditInput, RemoveAliasInput } from "../validation/person";
import { StatusChangeInput } from "../validation/prosecution";
import { EnrollmentStepInput, ReferInput } from "../validation/enrollment";
import { NoteInput } from "../validation/note";
import type { CaseExportRequest } from "../validation/export";
import { exportHistory } from "./export-history";
import { writeHistoryCsv } from "./write-csv";
import { writeHistoryJson } from "./write-json";

/**
 * Every free-text field a person's history can hold, written through the app's own functions
 * with a marker naming the field, then exported pseudonymised: no marker may appear in the file.
 */
const marker = (field: string) => `Plantedmarker${field}`;
const FOUND = /Plantedmarker\w+/gi;

let caseId: string;
let caseNumbers: string[];
let auditor: CurrentUser;

beforeAll(async () => {
  const db = getDb();
  await db.prosecutionTransition.createMany({
    data: TRANSITIONS.map((t) => ({ fromStatus: t.from, toStatus: t.to, isCorrection: t.isCorrection })),
    skipDuplicates: true,
  });
  await ensureOperation();
  await ensureProgramType();
  const team = await makeTeam();
  const { owner, colleague, supervisor } = team;
  const regionId = team.region.id;
  auditor = team.auditor;
  await db.user.update({ where: { id: owner.id }, data: { name: marker("OwnerName") } });
  await db.user.update({ where: { id: colleague.id }, data: { name: marker("ColleagueName") } });
  const program = await makeProgram(regionId, 10);
  await db.program.update({ where: { id: program.id }, data: { name: marker("ProgramName"), provider: marker("ProgramProvider") } });
  const notRequired = await makeReason("NOT_REQUIRED");
  await db.reason.update({
    where: { id: notRequired.id },
    data: { labelEn: marker("ReasonLabel"), labelRu: marker("ReasonLabelRu"), labelKk: marker("ReasonLabelKk") },
  });

  const newCase = (familyName: string) =>
    NewCaseInput.parse({
      familyName,
      givenName: marker("Given"),
      patronymic: marker("Patronymic"),
      sex: "FEMALE",
      birthDate: "1992-04-10",
      address: marker("Address"),
      regionId,
      returnDate: "2019-05-07",
      returnOperationCode: "TEST_OP",
      returnedFrom: "SY",
      confirmNotDuplicate: "on",
      aliasValue0: marker("AliasAtCreation"),
      aliasType0: "KUNYA",
      aliasSource0: marker("AliasSourceAtCreation"),
    });
  const created = await createCase(owner, newCase(marker("Family")));
  const relative = await createCase(owner, newCase(marker("RelativeFamily")));
  caseId = created.id;
  caseNumbers = [created.caseNumber, relative.caseNumber];

  await updatePerson(
    owner,
    PersonEditInput.parse({
      caseId,
      version: 1,
      familyName: marker("FamilyChanged"),
      givenName: marker("Given"),
      sex: "FEMALE",
      birthDate: "1992-04-10",
      citizenship: "KZ",
      caseStatus: "OPEN",
      riskLevel: "HIGH",
      address: marker("AddressChanged"),
      reason: marker("EditReason"),
    }),
  );
  await saveAlias(owner, AliasInput.parse({ caseId, value: marker("Alias"), type: "NICKNAME", source: marker("AliasSource") }));
  const alias = await db.alias.findFirstOrThrow({ where: { personId: caseId, value: marker("Alias") } });
  await saveAlias(
    owner,
    AliasInput.parse({
      caseId,
      aliasId: alias.id,
      version: "1",
      value: marker("AliasChanged"),
      type: "NICKNAME",
      source: marker("AliasSourceChanged"),
    }),
  );
  await removeAlias(
    owner,
    RemoveAliasInput.parse({ caseId, aliasId: alias.id, version: "2", reason: marker("AliasRemovalReason"), confirm: "on" }),
  );
  await changeProsecutionStatus(
    owner,
    StatusChangeInput.parse({
      caseId,
      version: 2,
      status: "PRELIMINARY_CHECK",
      effectiveDate: "2024-03-01",
      articles: `${marker("ArticleOne")}; ${marker("ArticleTwo")}`,
      authority: marker("Authority"),
      reason: marker("StatusReason"),
    }),
  );
  const enrollment = await referToProgram(
    owner,
    ReferInput.parse({ caseId, programId: program.id, date: "2024-02-01", note: marker("ReferralNote") }),
  );
  await advanceEnrollment(
    owner,
    EnrollmentStepInput.parse({
      enrollmentId: enrollment.id,
      version: 1,
      step: "enrol",
      date: "2024-03-01",
      outcomeNote: marker("EnrolNote"),
    }),
  );
  await advanceEnrollment(
    owner,
    EnrollmentStepInput.parse({
      enrollmentId: enrollment.id,
      version: 2,
      step: "complete",
      date: "2024-04-01",
      outcomeNote: marker("OutcomeNote"),
    }),
  );
  await markNeedNotRequired(supervisor, { caseId, programTypeCode: "TEST_TYPE", reasonId: notRequired.id, comment: marker("NeedComment") });
  await addNote(owner, NoteInput.parse({ caseId, body: marker("NoteBody") }));
  await addHouseholdMember(
    owner,
    AddHouseholdMemberInput.parse({ caseId, ownRole: "MOTHER", otherCaseNumber: relative.caseNumber, otherRole: "CHILD" }),
  );
  const { version } = await db.person.findUniqueOrThrow({ where: { id: caseId }, select: { version: true } });
  await assignCaseworker(supervisor, { caseId, version, caseworkerId: colleague.id });
  // A closure held for a second person, then confirmed: the request's and decision's free text must stay inside too.
  const held = await updatePerson(
    colleague,
    PersonEditInput.parse({
      caseId,
      version: version + 1,
      familyName: marker("FamilyChanged"),
      givenName: marker("Given"),
      sex: "FEMALE",
      birthDate: "1992-04-10",
      citizenship: "KZ",
      caseStatus: "CLOSED",
      riskLevel: "HIGH",
      address: marker("AddressChanged"),
      reason: marker("ClosureReason"),
    }),
  );
  const closure = await db.changeRequest.findFirstOrThrow({ where: { personId: caseId, state: "PENDING" }, select: { id: true } });
  if (!held.held) throw new Error("the closure was expected to wait for a second person");
  await confirmChangeRequest(
    supervisor,
    ConfirmChangeInput.parse({ requestId: closure.id, version: 1, comment: marker("ConfirmComment") }),
  );
});

async function exported(format: "json" | "csv"): Promise<string> {
  const request: CaseExportRequest = { format, profile: "pseudonymised", reason: marker("ExportReason") };
  const chunks: Buffer[] = [];
  await exportHistory(auditor, { caseId }, request, (plan) =>
    plan.transmit(
      async (chunk) => void chunks.push(Buffer.from(chunk)),
      (write) => (format === "json" ? writeHistoryJson(plan, write) : writeHistoryCsv(plan, write)),
    ),
  );
  return Buffer.concat(chunks).toString("utf8");
}

describe("pseudonymised export, by what may leave", () => {
  it("the history holds every planted marker, so the check below has something to find", async () => {
    const stored = JSON.stringify(await getDb().auditEvent.findMany({ where: { chain: caseId } }));
    for (const field of [
      "Family",
      "Given",
      "Patronymic",
      "Address",
      "AliasSource",
      "AliasRemovalReason",
      "ArticleOne",
      "Authority",
      "StatusReason",
      "ReferralNote",
      "OutcomeNote",
      "NeedComment",
      "ReasonLabel",
      "NoteBody",
      "ProgramName",
      "ColleagueName",
      "EditReason",
      "ClosureReason",
      "ConfirmComment",
    ]) {
      expect(stored).toContain(marker(field));
    }
  });

  it.each(["json", "csv"] as const)("leaves no planted free text and no case number in the %s file", async (format) => {
    const text = await exported(format);
    expect(text.match(FOUND) ?? []).toEqual([]);
    for (const caseNumber of caseNumbers) expect(text).not.toContain(caseNumber);
    // What an evaluator needs is still there.
    expect(text).toContain("PRELIMINARY_CHECK");
    expect(text).toContain("NICKNAME");
    expect(text).toContain("change.confirmed");
    expect(text).toContain("CLOSED");
  });
});
