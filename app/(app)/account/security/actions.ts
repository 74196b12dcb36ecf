"use server";

import { requireUser } from "@/lib/auth/current-user";
import { confirmEnrolment, disableSecondFactor, renewRecoveryCodes, startEnrolment } from "@/lib/auth/second-factor";
import { runFormAction } from "@/lib/actions/run-form-action";
import type { ActionState } from "@/lib/validation/action-state";
import { ConfirmEnrolmentInput, DisableSecondFactorInput } from "@/lib/validation/account";
import { z } from "zod";

const PATH = "/account/security";
const MESSAGES = { conflict: "secondFactorConflict" };

/** A result that may carry recovery codes: shown once in the browser, stored only as hashes. */
export type RecoveryCodesState = ActionState & { recoveryCodes?: string[] };

// Every action here acts on the caller's own account, named by the session and never by the form.
// A user whose role requires a second factor may use them before anything else (requireUser).
export async function startEnrolmentAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser({ allow: ["secondFactorSetup"] });
  return runFormAction("startEnrolmentAction", formData, z.object({}), () => startEnrolment(user), { path: PATH, success: "enrolmentStarted", messages: MESSAGES });
}

async function withRecoveryCodes(name: string, formData: FormData, work: (input: ConfirmEnrolmentInput) => Promise<string[]>, success: string): Promise<RecoveryCodesState> {
  const issued: { codes?: string[] } = {};
  const state = await runFormAction(name, formData, ConfirmEnrolmentInput, async (input) => (issued.codes = await work(input)), { path: PATH, success, messages: MESSAGES });
  return { ...state, values: {}, recoveryCodes: issued.codes };
}

export async function confirmEnrolmentAction(_previous: RecoveryCodesState, formData: FormData): Promise<RecoveryCodesState> {
  const user = await requireUser({ allow: ["secondFactorSetup"] });
  return withRecoveryCodes("confirmEnrolmentAction", formData, (input) => confirmEnrolment(user, input), "secondFactorEnabled");
}

export async function renewRecoveryCodesAction(_previous: RecoveryCodesState, formData: FormData): Promise<RecoveryCodesState> {
  const user = await requireUser();
  return withRecoveryCodes("renewRecoveryCodesAction", formData, (input) => renewRecoveryCodes(user, input), "recoveryCodesRenewed");
}

export async function disableSecondFactorAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser();
  return runFormAction("disableSecondFactorAction", formData, DisableSecondFactorInput, (input) => disableSecondFactor(user, input), { path: PATH, success: "secondFactorDisabled", messages: MESSAGES });
}
