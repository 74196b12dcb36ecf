"use server";

import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/current-user";
import { stateForError } from "@/lib/actions/run-form-action";
import { createCase, PossibleDuplicates } from "@/lib/cases/create-case";
import type { PossibleDuplicate } from "@/lib/cases/possible-duplicates";
import { fieldErrorsOf, formValues, type ActionState } from "@/lib/validation/action-state";
import { NewCaseInput } from "@/lib/validation/person";

export type NewCaseState = ActionState & { duplicates: PossibleDuplicate[] };

/** Registers a case; the first attempt that meets possible duplicates returns them instead of saving. */
export async function createCaseAction(_previous: NewCaseState, formData: FormData): Promise<NewCaseState> {
  const user = await requireUser();
  const values = formValues(formData);
  const parsed = NewCaseInput.safeParse(values);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), message: "checkFields", values, duplicates: [] };
  let created: { id: string };
  try {
    created = await createCase(user, parsed.data);
  } catch (error) {
    if (error instanceof PossibleDuplicates) return { ok: false, fieldErrors: {}, message: "possibleDuplicates", values, duplicates: error.duplicates };
    return { ...stateForError(error, values, "createCaseAction", "/cases"), duplicates: [] };
  }
  redirect(`/cases/${created.id}`);
}
