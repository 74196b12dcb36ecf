"use server";

import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/current-user";
import { completeSecondFactor } from "@/lib/auth/second-factor";
import { formAction } from "@/lib/actions/run-form-action";
import { requestContext } from "@/lib/http/request-context";
import { SecondFactorInput } from "@/lib/validation/account";

/**
 * The second step of signing in. Only a session whose password was accepted and that still owes
 * its code gets here; the code is checked against that session's own account, never a form field.
 */
export const secondFactorAction = formAction({
  name: "secondFactorAction",
  session: async () => {
    const user = await getCurrentUser();
    if (!user) redirect("/login");
    if (!user.secondFactorPending) redirect("/");
    return user;
  },
  schema: SecondFactorInput,
  run: async (user, input) => completeSecondFactor(user, input, await requestContext()),
  path: "/login/code",
  success: "signedIn",
  redirectTo: () => "/",
  // A code is never sent back to the browser, not even to refill the field.
  echo: false,
});
