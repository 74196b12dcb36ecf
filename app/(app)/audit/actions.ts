"use server";

import { z } from "zod";
import { verifyLogNow } from "@/lib/auditing/audit-log";
import { formAction } from "@/lib/actions/run-form-action";

/** Recomputes every chain now; the domain function lets only those who may read every chain do it. */
export const verifyLogAction = formAction({
  name: "verifyLogAction",
  schema: z.object({}),
  run: (user) => verifyLogNow(user),
  path: "/audit",
  success: "logVerified",
});
