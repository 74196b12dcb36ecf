"use server";

import { formAction } from "@/lib/actions/run-form-action";
import { lookupAction } from "@/lib/actions/lookup-action";
import { createCase, DuplicateCheckLimit, PossibleDuplicates } from "@/lib/cases/create-case";
import { DomainError } from "@/lib/errors/domain-error";
import {
  checkNewCaseForDuplicates,
  DUPLICATE_CHECKS_PER_HOUR,
  type DuplicateAnswer,
  type TypingCheck,
} from "@/lib/cases/possible-duplicates";
import { reportUnexpected } from "@/lib/errors/report-unexpected";
import type { ActionState } from "@/lib/validation/action-state";
import { DuplicateProbeInput } from "@/lib/validation/duplicate-probe";
import { NewCaseInput } from "@/lib/validation/person";

export type NewCaseState = ActionState & { duplicates: DuplicateAnswer | null };

/** Registers a case; an attempt that meets possible duplicates without confirmation returns them instead of saving. */
export const createCaseAction = formAction({
  name: "createCaseAction",
  schema: NewCaseInput,
  run: createCase,
  path: "/cases",
  redirectTo: (created) => `/cases/${created.id}`,
  extra: (): { duplicates: DuplicateAnswer | null } => ({ duplicates: null }),
  refusal: (error) => {
    if (error instanceof PossibleDuplicates) return { message: "possibleDuplicates", duplicates: error.duplicates };
    if (error instanceof DuplicateCheckLimit)
      return { message: "duplicateCheckLimit", messageValues: { limit: String(DUPLICATE_CHECKS_PER_HOUR) } };
    return null;
  },
});

export type DuplicateCheckReply = TypingCheck | { status: "unavailable" };

/**
 * The new-case form's check while the person types. The typed fields travel in the request
 * body, never the URL, so names stay out of logs and history; the domain function authorizes,
 * scopes, limits and audits the lookup.
 */
export const checkDuplicatesAction = lookupAction({
  schema: DuplicateProbeInput,
  run: (user, probe): Promise<DuplicateCheckReply> => checkNewCaseForDuplicates(user, probe),
  // Half-typed or overlong input is no lookup: the form's fields say what is wrong on submit.
  unparsed: { status: "incomplete" },
  failed: (error): DuplicateCheckReply => {
    if (!(error instanceof DomainError)) reportUnexpected(error, "checkDuplicatesAction");
    return { status: "unavailable" };
  },
});
