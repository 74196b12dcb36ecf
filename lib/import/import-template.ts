import "server-only";
import type { CurrentUser } from "../auth/current-user";
import { recordDenial } from "../audit/record-denial";
import { notFound } from "../errors/domain-error";
import type { Locale } from "../i18n/locales";
import { canAtAll } from "../policy/can";
import { loadImportReference } from "./import-reference";
import { buildTemplate } from "./template";

export type TemplateFile = { fileName: string; bytes: Uint8Array<ArrayBuffer> };

/**
 * The import template for someone who may import. It names no case, but it lists the regions the
 * user may import into, so it is refused (as not found, recorded as a denial) to everyone else.
 */
export async function importTemplate(user: CurrentUser, locale: Locale): Promise<TemplateFile> {
  if (!canAtAll(user, "import.run")) {
    await recordDenial(user, "import.run", { entityType: "import", entityId: null });
    throw notFound();
  }
  const bytes = await buildTemplate(locale, await loadImportReference(user));
  return { fileName: `zhusan-import-template-${locale}.xlsx`, bytes };
}
