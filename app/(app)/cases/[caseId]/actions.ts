"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/current-user";
import { changeProsecutionStatus, FieldProblems } from "@/lib/cases/change-prosecution-status";
import { DomainError } from "@/lib/cases/errors";
import { reportUnexpected } from "@/lib/errors/report-unexpected";
import { StatusChangeInput } from "@/lib/validation/prosecution";
import { fieldErrorsOf, formValues, type ActionState } from "@/lib/validation/action-state";

/** A server action is a public endpoint: it parses its input and the domain function authorizes. */
export async function changeProsecutionStatusAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser();
  const values = formValues(formData);
  const parsed = StatusChangeInput.safeParse(values);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), message: "checkFields", values };
  try {
    await changeProsecutionStatus(user, parsed.data);
  } catch (error) {
    if (error instanceof FieldProblems) {
      return { ok: false, fieldErrors: Object.fromEntries(error.problems.map((p) => [p.field, p.message])), message: "checkFields", values };
    }
    if (error instanceof DomainError) {
      // After a conflict the page shows the other person's change; the form keeps this one's input.
      if (error.kind === "conflict") revalidatePath(`/cases/${parsed.data.caseId}`);
      return { ok: false, fieldErrors: {}, message: error.kind, values };
    }
    return { ok: false, fieldErrors: {}, message: "unexpected", messageValues: { ref: reportUnexpected(error, "changeProsecutionStatusAction") }, values };
  }
  revalidatePath(`/cases/${parsed.data.caseId}`);
  return { ok: true, fieldErrors: {}, message: "statusChanged", values: {} };
}
