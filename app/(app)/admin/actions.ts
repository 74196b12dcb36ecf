"use server";

import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/current-user";
import { runFormAction, type MessageOverrides } from "@/lib/actions/run-form-action";
import { createUser, runAccountCommand, setTemporaryPassword, updateUser } from "@/lib/admin/users";
import type { ActionState } from "@/lib/validation/action-state";
import { AccountCommandInput, CreateUserInput, SecondFactorRolesInput, SetTemporaryPasswordInput, UpdateUserInput } from "@/lib/validation/account";
import { saveSecondFactorRoles } from "@/lib/admin/second-factor-roles";
import { saveReviewSettings } from "@/lib/admin/review-settings";
import { ReviewSettingsInput } from "@/lib/validation/review-settings";
import { saveProgram, saveProgramType, saveReason, saveRegion } from "@/lib/admin/reference-data";
import { ProgramInput, ProgramTypeInput, ReasonInput, RegionInput } from "@/lib/validation/reference-data";

// Each action signs the caller in fresh and leaves authorization to the domain function, which
// refuses anyone but an administrator whatever the form says.
// The default conflict message speaks of a case; these records are accounts and reference data.
const ACCOUNT_MESSAGES: MessageOverrides = { conflict: "accountConflict", notFound: "accountNotFound" };
const userPath = (formData: FormData) => `/admin/users/${String(formData.get("userId") ?? "")}`;

export async function createUserAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser();
  const created = { id: "" };
  const state = await runFormAction("createUserAction", formData, CreateUserInput, async (input) => (created.id = (await createUser(user, input)).id), { path: "/admin", success: "userCreated", messages: ACCOUNT_MESSAGES });
  if (state.ok) redirect(`/admin/users/${created.id}`);
  return state;
}

export async function updateUserAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser();
  return runFormAction("updateUserAction", formData, UpdateUserInput, (input) => updateUser(user, input), { path: userPath(formData), success: "userUpdated", messages: ACCOUNT_MESSAGES });
}

export async function accountCommandAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser();
  return runFormAction("accountCommandAction", formData, AccountCommandInput, (input) => runAccountCommand(user, input), { path: userPath(formData), success: "accountCommandDone", messages: ACCOUNT_MESSAGES });
}

export async function setTemporaryPasswordAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser();
  return runFormAction("setTemporaryPasswordAction", formData, SetTemporaryPasswordInput, (input) => setTemporaryPassword(user, input), { path: userPath(formData), success: "temporaryPasswordSet", messages: ACCOUNT_MESSAGES });
}

export async function saveRegionAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser();
  return runFormAction("saveRegionAction", formData, RegionInput, (input) => saveRegion(user, input), { path: "/admin/regions", success: "entrySaved", messages: ACCOUNT_MESSAGES });
}

export async function saveProgramTypeAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser();
  return runFormAction("saveProgramTypeAction", formData, ProgramTypeInput, (input) => saveProgramType(user, input), { path: "/admin/reference", success: "entrySaved", messages: ACCOUNT_MESSAGES });
}

export async function saveReasonAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser();
  return runFormAction("saveReasonAction", formData, ReasonInput, (input) => saveReason(user, input), { path: "/admin/reference", success: "entrySaved", messages: ACCOUNT_MESSAGES });
}

export async function saveProgramAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser();
  return runFormAction("saveProgramAction", formData, ProgramInput, (input) => saveProgram(user, input), { path: "/admin/programs", success: "entrySaved", messages: ACCOUNT_MESSAGES });
}

export async function saveSecondFactorRolesAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser();
  return runFormAction("saveSecondFactorRolesAction", formData, SecondFactorRolesInput, (input) => saveSecondFactorRoles(user, input), { path: "/admin/security", success: "settingsSaved", messages: { conflict: "settingsConflict" } });
}

export async function saveReviewSettingsAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser();
  return runFormAction("saveReviewSettingsAction", formData, ReviewSettingsInput, (input) => saveReviewSettings(user, input), { path: "/admin/review", success: "settingsSaved", messages: { conflict: "settingsConflict" } });
}
