"use server";

import { lookupAction } from "@/lib/actions/lookup-action";
import { DomainError } from "@/lib/errors/domain-error";
import { listCases, type RegistryPage } from "@/lib/cases/registry";
import { RegistryQuery } from "@/lib/validation/registry";

export type SearchCasesResult = { ok: true; page: RegistryPage } | { ok: false; message: "invalidSearch" };

const INVALID_SEARCH: SearchCasesResult = { ok: false, message: "invalidSearch" };

/**
 * Search travels in the request body, never the URL, so that names stay out of server logs and
 * browser history. Authorization happens in listCases, through the policy's scope.
 */
export const searchCasesAction = lookupAction({
  schema: RegistryQuery,
  run: async (user, query): Promise<SearchCasesResult> => ({ ok: true, page: await listCases(user, query) }),
  unparsed: INVALID_SEARCH,
  failed: (error) => (error instanceof DomainError && error.kind === "invalid" ? INVALID_SEARCH : null),
});
