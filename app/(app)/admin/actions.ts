"use server";

import { formAction, type MessageOverrides } from "@/lib/actions/run-form-action";
import { createUser, runAccountCommand, setTemporaryPassword, updateUser } from "@/lib/admin/users";
import {
  AccountCommandInput,
  CreateUserInput,
  SecondFactorRolesInput,
  SetTemporaryPasswordInput,
  UpdateUserInput,
} from "@/lib/validation/account";
import { saveSecondFactorRoles } from "@/lib/admin/second-factor-roles";
import type { SettingSave } from "@/lib/admin/versioned-setting";
import { saveReviewSettings } from "@/lib/admin/review-settings";
import { saveTaskRules } from "@/lib/admin/task-rules";
import { TaskRulesInput } from "@/lib/tasks/task-rules-input";
import { requestFullTaskRecompute } from "@/lib/jobs/recompute-request";
import type { CurrentUser } from "@/lib/auth/current-user";
import { ReviewSettingsInput } from "@/lib/validation/review-settings";
import { saveConfirmationSettings } from "@/lib/admin/confirmation-settings";
import { ConfirmationSettingsInput } from "@/lib/validation/confirmation-settings";
import { saveProgram, saveProgramType, saveReason, saveRegion } from "@/lib/admin/reference-data";
import { ProgramInput, ProgramTypeInput, ReasonInput, RegionInput } from "@/lib/validation/reference-data";

// Each action signs the caller in fresh and leaves authorization to the domain function, which
// refuses anyone but an administrator whatever the form says.
// The default conflict message speaks of a case; these records are accounts and reference data.
/** A save that changed nothing says so, rather than "saved", since nothing was written. */
const settingsMessage = (result: SettingSave) => (result === "unchanged" ? "settingsUnchanged" : "settingsSaved");
/**
 * For settings every case's tasks are computed from (the task rules, the review queue's target and
 * required types): a save that changed them asks for all tasks to be recomputed at once, rather
 * than at night.
 */
const recomputingTasks =
  <I>(save: (user: CurrentUser, input: I) => Promise<SettingSave>) =>
  async (user: CurrentUser, input: I): Promise<SettingSave> => {
    const result = await save(user, input);
    if (result === "saved") await requestFullTaskRecompute();
    return result;
  };
const ACCOUNT_MESSAGES: MessageOverrides = { conflict: "accountConflict", notFound: "accountNotFound" };
const userPath = (form: Record<string, string>) => `/admin/users/${form.userId ?? ""}`;

export const createUserAction = formAction({
  name: "createUserAction",
  schema: CreateUserInput,
  run: createUser,
  path: "/admin",
  success: "userCreated",
  messages: ACCOUNT_MESSAGES,
  redirectTo: (created) => `/admin/users/${created.id}`,
});

export const updateUserAction = formAction({
  name: "updateUserAction",
  schema: UpdateUserInput,
  run: updateUser,
  path: userPath,
  success: "userUpdated",
  messages: ACCOUNT_MESSAGES,
});

export const accountCommandAction = formAction({
  name: "accountCommandAction",
  schema: AccountCommandInput,
  run: runAccountCommand,
  path: userPath,
  success: "accountCommandDone",
  messages: ACCOUNT_MESSAGES,
});

export const setTemporaryPasswordAction = formAction({
  name: "setTemporaryPasswordAction",
  schema: SetTemporaryPasswordInput,
  run: setTemporaryPassword,
  path: userPath,
  success: "temporaryPasswordSet",
  messages: ACCOUNT_MESSAGES,
});

export const saveRegionAction = formAction({
  name: "saveRegionAction",
  schema: RegionInput,
  run: saveRegion,
  path: "/admin/regions",
  success: "entrySaved",
  messages: ACCOUNT_MESSAGES,
});

export const saveProgramTypeAction = formAction({
  name: "saveProgramTypeAction",
  schema: ProgramTypeInput,
  run: saveProgramType,
  path: "/admin/reference",
  success: "entrySaved",
  messages: ACCOUNT_MESSAGES,
});

export const saveReasonAction = formAction({
  name: "saveReasonAction",
  schema: ReasonInput,
  run: saveReason,
  path: "/admin/reference",
  success: "entrySaved",
  messages: ACCOUNT_MESSAGES,
});

export const saveProgramAction = formAction({
  name: "saveProgramAction",
  schema: ProgramInput,
  run: saveProgram,
  path: "/admin/programs",
  success: "entrySaved",
  messages: ACCOUNT_MESSAGES,
});

export const saveSecondFactorRolesAction = formAction({
  name: "saveSecondFactorRolesAction",
  schema: SecondFactorRolesInput,
  run: saveSecondFactorRoles,
  path: "/admin/security",
  success: settingsMessage,
  messages: { conflict: "settingsConflict" },
});

export const saveReviewSettingsAction = formAction({
  name: "saveReviewSettingsAction",
  schema: ReviewSettingsInput,
  run: recomputingTasks(saveReviewSettings),
  path: "/admin/review",
  success: settingsMessage,
  messages: { conflict: "settingsConflict" },
});

export const saveConfirmationSettingsAction = formAction({
  name: "saveConfirmationSettingsAction",
  schema: ConfirmationSettingsInput,
  run: saveConfirmationSettings,
  path: "/admin/four-eyes",
  success: settingsMessage,
  messages: { conflict: "settingsConflict" },
});

export const saveTaskRulesAction = formAction({
  name: "saveTaskRulesAction",
  schema: TaskRulesInput,
  run: recomputingTasks(saveTaskRules),
  path: "/admin/tasks",
  success: settingsMessage,
  messages: { conflict: "settingsConflict" },
});
