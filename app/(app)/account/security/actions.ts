"use server";

import { requireUser } from "@/lib/auth/current-user";
import { confirmEnrolment, disableSecondFactor, renewRecoveryCodes, startEnrolment } from "@/lib/auth/second-factor";
import { formAction } from "@/lib/actions/run-form-action";
import { requestContext } from "@/lib/http/request-context";
import type { ActionState } from "@/lib/validation/action-state";
import { ConfirmEnrolmentInput, DisableSecondFactorInput } from "@/lib/validation/account";
import { z } from "zod";

const PATH = "/account/security";
const MESSAGES = { conflict: "secondFactorConflict" };

/** A result that may carry recovery codes: shown once in the browser, stored only as hashes. */
export type RecoveryCodesState = ActionState & { recoveryCodes?: string[] };

/** Recovery codes go to the browser once, and a typed code never goes back to it. */
const recoveryCodes = { extra: (codes: string[] | undefined): { recoveryCodes?: string[] } => ({ recoveryCodes: codes }), echo: false };
/** A user whose role requires a second factor may enrol before anything else (requireUser). */
const enrolling = () => requireUser({ allow: ["secondFactorSetup"] });

// Every action here acts on the caller's own account, named by the session and never by the form.
export const startEnrolmentAction = formAction({
  name: "startEnrolmentAction",
  session: enrolling,
  schema: z.object({}),
  run: (user) => startEnrolment(user),
  path: PATH,
  success: "enrolmentStarted",
  messages: MESSAGES,
});

export const confirmEnrolmentAction = formAction({
  name: "confirmEnrolmentAction",
  session: enrolling,
  schema: ConfirmEnrolmentInput,
  run: confirmEnrolment,
  path: PATH,
  success: "secondFactorEnabled",
  messages: MESSAGES,
  ...recoveryCodes,
});

export const renewRecoveryCodesAction = formAction({
  name: "renewRecoveryCodesAction",
  schema: ConfirmEnrolmentInput,
  run: async (user, input) => renewRecoveryCodes(user, input, await requestContext()),
  path: PATH,
  success: "recoveryCodesRenewed",
  messages: MESSAGES,
  ...recoveryCodes,
});

export const disableSecondFactorAction = formAction({
  name: "disableSecondFactorAction",
  schema: DisableSecondFactorInput,
  run: async (user, input) => disableSecondFactor(user, input, await requestContext()),
  path: PATH,
  success: "secondFactorDisabled",
  messages: MESSAGES,
});
