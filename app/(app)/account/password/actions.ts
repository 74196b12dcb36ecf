"use server";

import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/current-user";
import { runFormAction } from "@/lib/actions/run-form-action";
import { changeOwnPassword } from "@/lib/auth/change-password";
import type { ActionState } from "@/lib/validation/action-state";
import { ChangeOwnPasswordInput } from "@/lib/validation/account";

export async function changeOwnPasswordAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser({ allow: ["passwordChange"] });
  const state = await runFormAction("changeOwnPasswordAction", formData, ChangeOwnPasswordInput, (input) => changeOwnPassword(user, input), { path: "/account/password", success: "passwordChanged" });
  // A required change done, the user goes on to what they came for.
  if (state.ok && user.mustChangePassword) redirect("/");
  return state;
}
