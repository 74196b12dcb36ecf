"use server";

import { requireUser } from "@/lib/auth/current-user";
import { runFormAction } from "@/lib/actions/run-form-action";
import { addNote } from "@/lib/cases/add-note";
import { changeProsecutionStatus } from "@/lib/cases/change-prosecution-status";
import { advanceEnrollment, referToProgram } from "@/lib/programs/enrollments";
import type { ActionState } from "@/lib/validation/action-state";
import { EnrollmentStepInput, ReferInput } from "@/lib/validation/enrollment";
import { NoteInput } from "@/lib/validation/note";
import { StatusChangeInput } from "@/lib/validation/prosecution";
import { updatePerson } from "@/lib/cases/update-person";
import { addHouseholdMember } from "@/lib/cases/add-household-member";
import { AddHouseholdMemberInput, RemoveHouseholdMemberInput } from "@/lib/validation/household";
import { AliasInput, PersonEditInput, RemoveAliasInput } from "@/lib/validation/person";
import { removeAlias, saveAlias } from "@/lib/cases/aliases";
import { removeHouseholdMember } from "@/lib/cases/remove-household-member";

// Server actions are public endpoints: each one signs the caller in fresh, parses its input, and
// leaves authorization to the domain function, which decides on the stored case.
const casePath = (formData: FormData) => `/cases/${String(formData.get("caseId") ?? "")}`;

export async function changeProsecutionStatusAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser();
  return runFormAction("changeProsecutionStatusAction", formData, StatusChangeInput, (input) => changeProsecutionStatus(user, input), { path: casePath(formData), success: "statusChanged" });
}

export async function referToProgramAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser();
  return runFormAction("referToProgramAction", formData, ReferInput, (input) => referToProgram(user, input), { path: casePath(formData), success: "referred" });
}

export async function advanceEnrollmentAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser();
  return runFormAction("advanceEnrollmentAction", formData, EnrollmentStepInput, (input) => advanceEnrollment(user, input), { path: casePath(formData), success: "enrollmentUpdated" });
}

export async function addNoteAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser();
  return runFormAction("addNoteAction", formData, NoteInput, (input) => addNote(user, input), { path: casePath(formData), success: "noteAdded" });
}

export async function updatePersonAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser();
  return runFormAction("updatePersonAction", formData, PersonEditInput, (input) => updatePerson(user, input), { path: casePath(formData), success: "personUpdated" });
}

export async function addHouseholdMemberAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser();
  return runFormAction("addHouseholdMemberAction", formData, AddHouseholdMemberInput, (input) => addHouseholdMember(user, input), { path: casePath(formData), success: "memberAdded" });
}

export async function saveAliasAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser();
  return runFormAction("saveAliasAction", formData, AliasInput, (input) => saveAlias(user, input), { path: casePath(formData), success: "aliasSaved" });
}

export async function removeAliasAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser();
  return runFormAction("removeAliasAction", formData, RemoveAliasInput, (input) => removeAlias(user, input), { path: casePath(formData), success: "aliasRemoved" });
}

export async function removeHouseholdMemberAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser();
  return runFormAction("removeHouseholdMemberAction", formData, RemoveHouseholdMemberInput, (input) => removeHouseholdMember(user, input), { path: casePath(formData), success: "memberRemoved" });
}
