"use server";

import { requireUser } from "@/lib/auth/current-user";
import { formAction } from "@/lib/actions/run-form-action";
import { changeOwnPassword } from "@/lib/auth/change-password";
import { requestContext } from "@/lib/http/request-context";
import { ChangeOwnPasswordInput } from "@/lib/validation/account";

export const changeOwnPasswordAction = formAction({
  name: "changeOwnPasswordAction",
  session: () => requireUser({ allow: ["passwordChange"] }),
  schema: ChangeOwnPasswordInput,
  run: async (user, input) => changeOwnPassword(user, input, await requestContext()),
  path: "/account/password",
  success: "passwordChanged",
  // A required change done, the user goes on to what they came for.
  redirectTo: (_changed, user) => (user.mustChangePassword ? "/" : null),
});
