"use server";

import { z } from "zod";
import { requireUser } from "@/lib/auth/current-user";
import { verifyLogNow } from "@/lib/audit/audit-log";
import { runFormAction } from "@/lib/actions/run-form-action";
import type { ActionState } from "@/lib/validation/action-state";

/** Recomputes every chain now; the domain function lets only those who may read every chain do it. */
export async function verifyLogAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser();
  return runFormAction("verifyLogAction", formData, z.object({}), () => verifyLogNow(user), { path: "/audit", success: "logVerified" });
}
