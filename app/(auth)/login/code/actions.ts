"use server";

import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/current-user";
import { completeSecondFactor } from "@/lib/auth/second-factor";
import { runFormAction } from "@/lib/actions/run-form-action";
import { requestContext } from "@/lib/http/request-context";
import type { ActionState } from "@/lib/validation/action-state";
import { SecondFactorInput } from "@/lib/validation/account";

/**
 * The second step of signing in. Only a session whose password was accepted and that still owes
 * its code gets here; the code is checked against that session's own account, never a form field.
 */
export async function secondFactorAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  if (!user.secondFactorPending) redirect("/");
  const context = await requestContext();
  const state = await runFormAction("secondFactorAction", formData, SecondFactorInput, (input) => completeSecondFactor(user, input, context), { path: "/login/code", success: "signedIn" });
  if (state.ok) redirect("/");
  // A code is never sent back to the browser, not even to refill the field.
  return { ...state, values: {} };
}
