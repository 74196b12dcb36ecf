"use server";

import { requireUser } from "@/lib/auth/current-user";
import { listCases, type RegistryPage } from "@/lib/cases/registry";
import { RegistryQuery } from "@/lib/validation/registry";

export type SearchCasesResult = { ok: true; page: RegistryPage } | { ok: false; message: "invalidSearch" };

/**
 * Search travels in the request body, never the URL, so that names stay out of server logs and
 * browser history. Authorization happens in listCases, through the policy's scope.
 */
export async function searchCasesAction(input: unknown): Promise<SearchCasesResult> {
  const user = await requireUser();
  const parsed = RegistryQuery.safeParse(input);
  if (!parsed.success) return { ok: false, message: "invalidSearch" };
  return { ok: true, page: await listCases(user, parsed.data) };
}
